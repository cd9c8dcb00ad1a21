import type { INodeProperties } from 'n8n-workflow';
import { asJson, param, showFor, type ItemContext, type Json } from '../types';

export const option = { name: 'Get Many', value: 'getMany', action: 'Get many orders' };
export const takesOrderId = false;
export const writes = false;

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: showFor('getMany'),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['order'], operation: ['getMany'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('getMany'),
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Modified After',
				name: 'modifiedAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Status Names or IDs',
				name: 'statuses',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['shop'] },
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},
];

const iso = (value?: string) => (value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const returnAll = param<boolean>(ctx, 'returnAll', false);
	const filters = param<{ statuses?: string[]; modifiedAfter?: string; createdAfter?: string }>(ctx, 'filters', {});
	const orders = await ctx.shop.listOrders({
		statuses: filters.statuses,
		modifiedAfter: iso(filters.modifiedAfter),
		createdAfter: iso(filters.createdAfter),
		limit: returnAll ? undefined : param<number>(ctx, 'limit', 50),
	});
	return orders.map((order) => ({ order: asJson(order) }));
}
