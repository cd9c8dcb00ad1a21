import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { ShopConnector } from '../../../../lib/connectors/shop';
import { shopDefinition } from '../../../../lib/connectors/shops';
import { DryRunWrite } from '../../../../lib/transport';
import { dryWriteOutcome, isDryRun, NOTHING_TO_WRITE, orDryRunWrite } from '../../../shared/dry-run';
import { toNodeError } from '../../../shared/errors';
import { outputItem } from '../../../shared/items';
import { shopsSwitchingMails } from '../../../shared/shop';
import { asJson, showFor, type ShopsFor } from '../types';

export const option = {
	name: 'Update Status',
	value: 'updateStatus',
	action: 'Update the status of an order',
	description: 'Many orders go in batches of 100',
};
export const takesOrderId = true;
export const writes = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Status Name or ID',
		name: 'status',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['shop'] },
		required: true,
		default: '={{ $json.status?.to }}',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: showFor('updateStatus'),
	},
	// Who mails the customer: a switch where the shop takes one per request, else a notice of what it mails itself.
	...shopsSwitchingMails('updateStatus').map<INodeProperties>((shop) => ({
		displayName: `${shop.name} Mails the Customer`,
		name: 'shopMails',
		type: 'boolean',
		default: false,
		description: `Whether ${shop.name} mails the customer about the new status itself. Off: Notify Customer mails, ${shop.name} does not, so the customer hears of it once.`,
		displayOptions: showFor('updateStatus', [shop.value]),
	})),
	...shopsSwitchingMails('updateStatus', false)
		.filter((shop) => shop.capabilities.mails.sends.length)
		.map<INodeProperties>((shop) => ({
			displayName: `${shop.name} mails the customer itself (${shop.capabilities.mails.sends.join('; ')}) and no request can stop it. Where Notify Customer mails instead, turn the shop's mail off: ${shop.capabilities.mails.turnOff ?? 'in its settings'}.`,
			name: 'shopMailsNotice',
			type: 'notice',
			default: '',
			displayOptions: showFor('updateStatus', [shop.value]),
		})),
];

/**
 * Update Status for all items at once: the shop batches them (WooCommerce: 100 per request) and each item gets its
 * own result. Each written status is noted in the ledger before the write, so its echo is recognised; a failed write
 * takes its note back. Dry items go to the dry shop as one batch of their own and show the request it stopped at.
 */
export async function executeAll(fn: IExecuteFunctions, shopsFor: ShopsFor): Promise<INodeExecutionData[]> {
	const items = fn.getInputData();
	const output: INodeExecutionData[] = new Array(items.length);
	const requested = new Map<boolean, Array<{ index: number; orderId: string; status: string }>>();
	const fail = (index: number, error: unknown, orderId?: string) => {
		const nodeError = toNodeError(fn.getNode(), error, { itemIndex: index, order: orderId });
		if (!fn.continueOnFail()) throw nodeError;
		output[index] = outputItem({ error: nodeError.message, ...(orderId ? { orderId } : {}) }, index);
	};
	for (let index = 0; index < items.length; index++) {
		let orderId = '';
		let status = '';
		let dryRun = false;
		try {
			orderId = String(fn.getNodeParameter('orderId', index, '') ?? '').trim();
			status = String(fn.getNodeParameter('status', index, '') ?? '').trim();
			dryRun = isDryRun(fn, index);
		} catch (error) {
			fail(index, error, orderId || undefined);
			continue;
		}
		if (!status) {
			fail(index, new NodeOperationError(fn.getNode(), `No status to set on order ${orderId}`, {
				itemIndex: index,
				description: 'Choose a status, or map one with the Order Status Mapper ($json.status.to).',
			}), orderId);
			continue;
		}
		const batch = requested.get(dryRun) ?? [];
		batch.push({ index, orderId, status });
		requested.set(dryRun, batch);
	}
	const shopMails = fn.getNodeParameter('shopMails', 0, false) as boolean;
	// A shop that takes the switch per request was told not to mail: there is nothing to guard against.
	const shopToldNotToMail = !shopMails && shopDefinition(fn.getNodeParameter('shop', 0) as string).capabilities.mails.switches.includes('updateStatus');
	let firstError: Error | undefined;
	for (const [dryRun, batch] of requested) {
		const { shop, ledger } = await shopsFor(batch[0].index);
		for (const { orderId, status } of batch) await ledger.noteWrite(shop.system, orderId, status);
		const results = await orDryRunWrite(shop.updateStatuses(batch.map(({ orderId, status }) => ({ orderId, status })), { shopMails }));
		for (const [position, { index, orderId, status }] of batch.entries()) {
			const result = results instanceof DryRunWrite ? ({ ok: false, error: results } as const) : results[position];
			if (result.ok) {
				const shopMail = shopToldNotToMail ? {} : await ownMailOf(shop, status, previousStatus(fn, index, shop.system, orderId));
				output[index] = outputItem({ order: asJson(result.order), ...shopMail, ...(dryRun ? { dryRun: NOTHING_TO_WRITE } : {}) }, index);
				continue;
			}
			if (result.error instanceof DryRunWrite) {
				const shopMail = shopToldNotToMail ? {} : await ownMailOf(shop, status, previousStatus(fn, index, shop.system, orderId));
				output[index] = outputItem({ orderId, ...shopMail, dryRun: dryWriteOutcome(result.error) }, index);
				continue;
			}
			await ledger.consumeWrite(shop.system, orderId, status);
			const nodeError = toNodeError(fn.getNode(), result.error, { itemIndex: index, order: orderId });
			if (fn.continueOnFail()) output[index] = outputItem({ error: nodeError.message, orderId }, index);
			else firstError ??= nodeError;
		}
	}
	if (firstError) throw firstError;
	return output;
}

/** The incoming order's status when it is this shop's copy of the order written, else unknown. */
function previousStatus(fn: IExecuteFunctions, index: number, system: string, orderId: string): string | undefined {
	const order = fn.getInputData()[index]?.json.order as { system?: string; id?: string; status?: { code?: string } } | undefined;
	return order?.system === system && String(order.id) === orderId ? order.status?.code : undefined;
}

/**
 * `shopMail`: the customer mail the shop sends itself for this change and whether it is on, for Notify Customer's
 * double-mail guard. A shop whose mail settings cannot be read adds nothing; the status write stands.
 */
async function ownMailOf(shop: ShopConnector, status: string, from?: string): Promise<IDataObject> {
	const own = await shop.ownMail?.(status, from).catch(() => undefined);
	return own ? { shopMail: { shop: shop.displayName, mail: own.mail, sends: own.enabled, setting: own.setting } } : {};
}
