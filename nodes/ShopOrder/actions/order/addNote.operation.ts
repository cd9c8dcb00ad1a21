import type { INodeProperties } from 'n8n-workflow';
import { asJson, currentOrder, param, showFor, type ItemContext, type Json } from '../types';

export const option = { name: 'Add Note', value: 'addNote', action: 'Add a note to an order', description: 'For the customer or for shop staff' };
export const takesOrderId = true;
export const writes = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		displayOptions: showFor('addNote'),
	},
	{
		displayName: 'Note For',
		name: 'noteFor',
		type: 'options',
		options: [
			{ name: 'Customer', value: 'customer', description: 'Shown to the customer; some shops also mail it to them' },
			{ name: 'Internal', value: 'internal', description: 'Seen by shop staff only' },
		],
		default: 'internal',
		displayOptions: showFor('addNote'),
	},
];

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const forCustomer = param<string>(ctx, 'noteFor', 'internal') === 'customer';
	const { noteId } = await ctx.shop.addNote(ctx.orderId, param<string>(ctx, 'note', ''), forCustomer);
	return [{ order: asJson(await currentOrder(ctx)), note: { id: noteId, forCustomer } }];
}
