import { createHash } from 'node:crypto';
import { NodeOperationError, type INodeProperties } from 'n8n-workflow';
import { capabilityOf, type LineMove } from '../../../../lib/connectors/shop';
import { shopsSwitchingMails } from '../../../shared/shop';
import { asJson, param, showFor, type ItemContext, type Json } from '../types';

export const option = {
	name: 'Split Order',
	value: 'splitOrder',
	action: 'Split an order',
	description: 'Move chosen lines to a new order for the same customer',
};
export const takesOrderId = true;
export const writes = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Lines to Move',
		name: 'linesToMove',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		description: 'The lines (or parts of them) that go to the new order; the original keeps the rest',
		displayOptions: showFor('splitOrder'),
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{
						displayName: 'Line By',
						name: 'lineBy',
						type: 'options',
						options: [
							{ name: 'SKU', value: 'sku' },
							{ name: 'Line ID', value: 'lineId' },
						],
						default: 'sku',
					},
					{
						displayName: 'SKU or Line ID',
						name: 'line',
						type: 'string',
						default: '',
						description: 'Several, separated by commas, each move the same way',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'How many to move; 0 moves the whole line',
					},
				],
			},
		],
	},
	// One switch per shop that can create the split-off order without its new-order mails, named after the shop.
	...shopsSwitchingMails('splitOrder').map<INodeProperties>((shop) => ({
		displayName: `${shop.name} Mails`,
		name: 'shopMails',
		type: 'boolean',
		default: false,
		description: `Whether ${shop.name} mails the customer and the admin about the split-off order as about a new order. Off: it is created without a mail.`,
		displayOptions: showFor('splitOrder', [shop.value]),
	})),
];

function lineMoves(ctx: ItemContext): LineMove[] {
	const { line = [] } = param<{ line?: Array<{ lineBy: string; line: string; quantity: number }> }>(ctx, 'linesToMove', {});
	// One entry may name several lines, comma-separated (e.g. an expression listing the backordered SKUs).
	return line.flatMap((entry) => {
		const quantity = Number(entry.quantity) > 0 ? Number(entry.quantity) : undefined;
		const refs = String(entry.line ?? '').split(',').map((ref) => ref.trim());
		return refs.filter((ref, position) => ref || position === 0).map((ref) => (entry.lineBy === 'lineId' ? { lineId: ref, quantity } : { sku: ref, quantity }));
	});
}

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const { shop, ledger, orderId } = ctx;
	const split = capabilityOf(shop, 'splitOrder');
	const moves = lineMoves(ctx);
	// The same split of the same order happens once, however often the item is run again.
	const action = `split:${createHash('sha256').update(JSON.stringify(moves)).digest('hex').slice(0, 16)}`;
	if (!(await ledger.claim(shop.system, orderId, action))) {
		const done = await ledger.detail<{ createdId: string }>(shop.system, orderId, action);
		if (!done) {
			throw new NodeOperationError(ctx.fn.getNode(), `The same split of order ${orderId} was started before and has not finished`, {
				itemIndex: ctx.index,
				description: 'Check the order in the shop; if no new order was created, run again after a minute.',
			});
		}
		return [{ order: asJson(await shop.getOrder(orderId)), createdOrder: asJson(await shop.getOrder(done.createdId)), alreadySplit: true }];
	}
	const outcome = await split(orderId, moves, { shopMails: param<boolean>(ctx, 'shopMails', false) }).then(
		(result) => ({ result, error: undefined }),
		(error: unknown) => ({ result: undefined, error }),
	);
	if (!outcome.result) {
		await ledger.release(shop.system, orderId, action);
		throw outcome.error;
	}
	await ledger.complete(shop.system, orderId, action, { createdId: outcome.result.created.id });
	return [{ order: asJson(outcome.result.original), createdOrder: asJson(outcome.result.created) }];
}
