import type { INodeProperties } from 'n8n-workflow';
import { shopProperty } from '../shared/shop';
import * as order from './actions/order';

export const properties: INodeProperties[] = [
	shopProperty(),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Order', value: 'order' }],
		default: 'order',
	},
	...order.description,
];
