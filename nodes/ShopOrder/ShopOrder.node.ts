import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { toNodeError } from '../shared/errors';
import { outputItem } from '../shared/items';
import { openLedger } from '../shared/ledger';
import { trackChanges } from '../shared/changes';
import { runItem, updateStatuses } from './actions';
import { properties } from './description';
import { connectShop, shopCredentials } from '../shared/shop';

export class ShopOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shop Order',
		name: 'shopOrder',
		icon: { light: 'file:shopOrder.svg', dark: 'file:shopOrder.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["shop"] + ": " + $parameter["operation"] }}',
		description: 'Read and change orders in a shop: status, notes, tracking, lines, split, confirmation, fulfilment',
		defaults: { name: 'Shop Order' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: shopCredentials,
		properties,
	};

	methods = {
		loadOptions: {
			/** The store's own statuses an order can be moved into, custom ones included. */
			async getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const shop = await connectShop(this, (this.getCurrentNodeParameter('shop') as string) ?? 'woocommerce');
				try {
					return (await shop.listStatuses()).filter((status) => status.assignable !== false).map((status) => ({
						name: status.label,
						value: status.code,
						description: status.canonical ? `Canonical: ${status.canonical}` : 'Custom status',
					}));
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return trackChanges(this, async () => {
			const operation = this.getNodeParameter('operation', 0) as string;
			const shop = await connectShop(this, this.getNodeParameter('shop', 0) as string);
			const ledger = await openLedger(this);
			if (operation === 'updateStatus') return [await updateStatuses(this, shop, ledger)];

			const output: INodeExecutionData[] = [];
			const items = this.getInputData();
			for (let index = 0; index < items.length; index++) {
				let orderId = '';
				try {
					// Inside the try: a failing Order ID expression fails only its item.
					if (operation !== 'getMany') orderId = String(this.getNodeParameter('orderId', index, '') ?? '').trim();
					const results = await runItem(operation, { fn: this, shop, ledger, index, orderId });
					for (const json of results) output.push(outputItem(json, index));
				} catch (error) {
					const nodeError = toNodeError(this.getNode(), error, { itemIndex: index, order: orderId || undefined });
					if (!this.continueOnFail()) throw nodeError;
					output.push(outputItem({ error: nodeError.message, ...(orderId ? { orderId } : {}) }, index));
				}
			}
			return [output];
		});
	}
}
