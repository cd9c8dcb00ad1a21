import { NodeOperationError, type INodeProperties } from 'n8n-workflow';
import { capabilityOf, type LineEdit, type ProductRef } from '../../../../lib/connectors/shop';
import type { LineDiff } from '../../../../lib/model';
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

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const { shop, orderId } = ctx;
	const order =
		param<string>(ctx, 'linesSource', 'manual') === 'lineDiff'
			? await capabilityOf(shop, 'applyLineDiff')(orderId, lineDiffParam(ctx))
			: await capabilityOf(shop, 'updateLines')(orderId, lineEdits(ctx));
	return [{ order: asJson(order) }];
}
