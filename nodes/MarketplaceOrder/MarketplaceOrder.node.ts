import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { trackChanges } from '../shared/changes';
import { MARKETPLACES } from '../../lib/connectors/marketplaces';
import { isDryRun } from '../shared/dry-run';
import { toNodeError } from '../shared/errors';
import { acceptPositions, processAutomatically, rejectPositions, sendStatus } from './actions/decisions';
import { getNewOrders } from './actions/getNewOrders';
import { getOrder } from './actions/getOrder';
import { setTracking } from './actions/setTracking';
import { openMarketplace, type Marketplace } from './actions/shared';
import { DRY_RUN_OPERATIONS, properties } from './description';
import { zzapConnectionTest } from './methods/credentialTest';
import { getRejectReasons, getStatuses } from './methods/loadOptions';

type Operation = (this: IExecuteFunctions, marketplace: Marketplace) => Promise<INodeExecutionData[][]>;

const OPERATIONS: Record<string, Operation> = {
	getNewOrders,
	getOrder,
	acceptPositions,
	rejectPositions,
	processAutomatically,
	sendStatus,
	setTracking,
};

/** Process Automatically splits accepted and rejected positions; every other operation has one output. */
const OUTPUTS =
	'={{ $parameter["operation"] === "processAutomatically" ? [{ "type": "main", "displayName": "Accepted" }, { "type": "main", "displayName": "Rejected" }] : ["main"] }}' as const;

export class MarketplaceOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Marketplace Order',
		name: 'marketplaceOrder',
		icon: { light: 'file:marketplace.svg', dark: 'file:marketplace.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["marketplace"] + ": " + $parameter["operation"] }}',
		description: 'Fetch marketplace orders, accept or reject their positions, and send statuses back',
		defaults: { name: 'Marketplace Order' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		credentials: MARKETPLACES.map((m) => ({
			name: m.credentialType,
			required: true,
			...(m.credentialTest ? { testedBy: m.credentialTest } : {}),
			displayOptions: { show: { marketplace: [m.value] } },
		})),
		properties,
	};

	methods = { loadOptions: { getRejectReasons, getStatuses }, credentialTest: { zzapConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const run = OPERATIONS[operation];
		if (!run) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
		let marketplace: Marketplace;
		try {
			const dryRun = DRY_RUN_OPERATIONS.includes(operation) && isDryRun(this, 0);
			marketplace = await openMarketplace(this, this.getNodeParameter('marketplace', 0) as string, { dryRun });
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		return trackChanges(this, async () => run.call(this, marketplace));
	}
}
