import { NodeOperationError, type INodeProperties } from 'n8n-workflow';
import { capabilityOf, type LineEdit, type ProductRef } from '../../../../lib/connectors/shop';
import type { LineDiff, Order } from '../../../../lib/model';
import { asJson, param, showFor, type ItemContext, type Json } from '../types';

export const option = {
	name: 'Update Lines',
	value: 'updateLines',
	action: 'Update the lines of an order',
	description: 'Add, change or remove lines, or apply an ERP edit',
};
export const takesOrderId = true;
export const writes = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Changes From',
		name: 'linesSource',
		type: 'options',
		options: [
			{ name: 'Changes Below', value: 'manual' },
			{ name: 'ERP Edit (Line Diff)', value: 'lineDiff', description: "Apply an 'edited' change event's line diff" },
		],
		default: 'manual',
		displayOptions: showFor('updateLines'),
	},
	{
		displayName: 'Line Diff',
		name: 'lineDiff',
		type: 'json',
		default: '={{ $json.lineDiff }}',
		description: "The 'lineDiff' of an 'edited' change event: added, removed and changed lines, with the ERP's prices",
		displayOptions: { show: { resource: ['order'], operation: ['updateLines'], linesSource: ['lineDiff'] } },
	},
	{
		displayName: 'Line Changes',
		name: 'lineChanges',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Change',
		default: {},
		displayOptions: { show: { resource: ['order'], operation: ['updateLines'], linesSource: ['manual'] } },
		options: [
			{
				displayName: 'Change',
				name: 'change',
				values: [
					{
						displayName: 'Action',
						name: 'action',
						type: 'options',
						options: [
							{ name: 'Add Product', value: 'add' },
							{ name: 'Set Quantity', value: 'setQuantity' },
							{ name: 'Remove Line', value: 'remove' },
						],
						default: 'add',
					},
					{
						displayName: 'Product By',
						name: 'productBy',
						type: 'options',
						options: [
							{ name: 'SKU', value: 'sku' },
							{ name: 'Product ID', value: 'productId' },
						],
						default: 'sku',
					},
					{
						displayName: 'SKU or Product ID',
						name: 'product',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 1,
						description: 'Ignored for Remove Line',
					},
				],
			},
		],
	},
];

function lineEdits(ctx: ItemContext): LineEdit[] {
	const { change = [] } = param<{ change?: Array<{ action: string; productBy: string; product: string; quantity: number }> }>(ctx, 'lineChanges', {});
	return change.map((entry, position) => {
		const product = String(entry.product ?? '').trim();
		if (!product) {
			throw new NodeOperationError(ctx.fn.getNode(), `Line change ${position + 1} for order ${ctx.orderId} names no product`, {
				itemIndex: ctx.index,
				description: 'Fill in "SKU or Product ID".',
			});
		}
		const ref: ProductRef = entry.productBy === 'productId' ? { productId: product } : { sku: product };
		if (entry.action === 'remove') return { action: 'remove', ...ref } as LineEdit;
		return { action: entry.action === 'setQuantity' ? 'setQuantity' : 'add', quantity: Number(entry.quantity), ...ref } as LineEdit;
	});
}

function lineDiffParam(ctx: ItemContext): LineDiff {
	const value = param<unknown>(ctx, 'lineDiff');
	if (typeof value !== 'string') return value as LineDiff;
	try {
		return JSON.parse(value) as LineDiff;
	} catch {
		return undefined as unknown as LineDiff;
	}
}

/** The ERP edit applied: the order it was made in (the item's) and what it changed, for Resend Confirmation's claim. */
function appliedEdit(ctx: ItemContext, lineDiff: LineDiff): Json {
	const source = ctx.fn.getInputData()[ctx.index]?.json?.order as Order | undefined;
	const from = source?.system && source.id !== undefined ? source : { system: ctx.shop.system, id: ctx.orderId };
	return { from: { system: from.system, orderId: String(from.id) }, lineDiff: asJson(lineDiff) };
}

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const { shop, orderId } = ctx;
	if (param<string>(ctx, 'linesSource', 'manual') !== 'lineDiff') {
		return [{ order: asJson(await capabilityOf(shop, 'updateLines')(orderId, lineEdits(ctx))) }];
	}
	const lineDiff = lineDiffParam(ctx);
	const order = await capabilityOf(shop, 'applyLineDiff')(orderId, lineDiff);
	return [{ order: asJson(order), appliedEdit: appliedEdit(ctx, lineDiff) }];
}
