import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { trackChanges } from '../shared/changes';
import { shopCredentials } from '../shared/shop';
import { router } from './actions/router';
import { properties } from './description';
import { credentialTest, loadOptions } from './methods';

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
		credentials: shopCredentials(),
		properties,
	};

	methods = { loadOptions, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return trackChanges(this, () => router.call(this));
	}
}
