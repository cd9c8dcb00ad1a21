
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { trackChanges } from '../shared/changes';
import { mapStatus } from './actions/mapStatus';
import { noteWrite } from './actions/noteWrite';
import { resetBaseline } from './actions/resetBaseline';
import { properties } from './description';
import { getSourceStatuses, getTargetStatuses } from './methods/loadOptions';
import { statusListCredentials } from '../shared/systems';

/** A second output only when unmapped items are routed to it. Stringified into an n8n expression: self-contained. */
const configuredOutputs = (parameters: { operation?: string; unmapped?: string }) =>
	(parameters.operation ?? 'mapStatus') === 'mapStatus' && parameters.unmapped === 'output'
		? [
				{ type: 'main', displayName: 'Mapped' },
				{ type: 'main', displayName: 'Unmapped' },
			]
		: [{ type: 'main' }];

export class OrderStatusMapper implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Order Status Mapper',
		name: 'orderStatusMapper',
		icon: { light: 'file:orderStatusMapper.svg', dark: 'file:orderStatusMapper.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "resetBaseline" ? "Reset baseline" : $parameter["operation"] === "noteWrite" ? "Remember written status" : $parameter["sourceSystem"] + " → " + $parameter["targetSystem"] }}',
		description: 'Translate order statuses between systems, decide who is notified, and keep two-way sync from looping',
		defaults: { name: 'Order Status Mapper' },
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		usableAsTool: true,
		// Only to load live status lists (WooCommerce's, custom statuses included).
		credentials: statusListCredentials({ operation: ['mapStatus'] }),
		properties,
	};

	methods = { loadOptions: { getSourceStatuses, getTargetStatuses } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return trackChanges(this, async () => {
			const operation = this.getNodeParameter('operation', 0) as string;
			if (operation === 'resetBaseline') return resetBaseline.call(this);
			if (operation === 'noteWrite') return noteWrite.call(this);
			return mapStatus.call(this);
		});
	}
}
