import { createHash } from 'node:crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { LineEdit, LineMove, ProductRef, ShopConnector } from '../../lib/connectors/shop';
import type { Ledger } from '../../lib/ledger';
import { claimMail, mailAction } from '../../lib/mail';
import type { LineDiff, Order } from '../../lib/model';
import { toNodeError } from '../shared/errors';
import { outputItem } from '../shared/items';

type Json = IDataObject;
const asJson = (value: unknown) => value as Json;

interface ItemContext {
	fn: IExecuteFunctions;
	shop: ShopConnector;
	ledger: Ledger;
	index: number;
	orderId: string;
}

const param = <T>(ctx: ItemContext, name: string, fallback?: unknown) => ctx.fn.getNodeParameter(name, ctx.index, fallback) as T;

/** The incoming order when it is the one acted on, else the shop's current copy. */
async function currentOrder(ctx: ItemContext): Promise<Order> {
	const incoming = ctx.fn.getInputData()[ctx.index]?.json?.order as Order | undefined;
	if (incoming && incoming.system === ctx.shop.system && incoming.id === ctx.orderId) return incoming;
	return ctx.shop.getOrder(ctx.orderId);
}

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

function lineMoves(ctx: ItemContext): LineMove[] {
	const { line = [] } = param<{ line?: Array<{ lineBy: string; line: string; quantity: number }> }>(ctx, 'linesToMove', {});
	// One entry may name several lines, comma-separated (e.g. an expression listing the backordered SKUs).
	return line.flatMap((entry) => {
		const quantity = Number(entry.quantity) > 0 ? Number(entry.quantity) : undefined;
		const refs = String(entry.line ?? '').split(',').map((ref) => ref.trim());
		return refs.filter((ref, position) => ref || position === 0).map((ref) => (entry.lineBy === 'lineId' ? { lineId: ref, quantity } : { sku: ref, quantity }));
	});
}

async function splitOnce(ctx: ItemContext): Promise<Json> {
	const moves = lineMoves(ctx);
	const { shop, ledger, orderId } = ctx;
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
		return { order: asJson(await shop.getOrder(orderId)), createdOrder: asJson(await shop.getOrder(done.createdId)), alreadySplit: true };
	}
	const outcome = await shop.splitOrder(orderId, moves, { shopMails: param<boolean>(ctx, 'shopMails', false) }).then(
		(result) => ({ result, error: undefined }),
		(error: unknown) => ({ result: undefined, error }),
	);
	if (!outcome.result) {
		await ledger.release(shop.system, orderId, action);
		throw outcome.error;
	}
	await ledger.complete(shop.system, orderId, action, { createdId: outcome.result.created.id });
	return { order: asJson(outcome.result.original), createdOrder: asJson(outcome.result.created) };
}

async function uploadInvoice(ctx: ItemContext): Promise<Json> {
	const { shop, orderId } = ctx;
	const url = String(param<string>(ctx, 'invoiceUrl', '') ?? '').trim();
	if (shop.uploadInvoice) {
		const property = param<string>(ctx, 'binaryPropertyName', 'data');
		const binary = ctx.fn.helpers.assertBinaryData(ctx.index, property);
		const pdf = await ctx.fn.helpers.getBinaryDataBuffer(ctx.index, property);
		const uploaded = await shop.uploadInvoice(orderId, pdf, binary.fileName ?? `invoice-${orderId}.pdf`);
		return { order: asJson(await currentOrder(ctx)), invoice: { method: 'upload', ...uploaded } };
	}
	if (!url) {
		throw new NodeOperationError(ctx.fn.getNode(), `${shop.displayName} has no endpoint to attach an invoice PDF to order ${orderId}`, {
			itemIndex: ctx.index,
			description:
				'Fill in "Invoice URL" to send the customer a note with the link, or mail the PDF with the Notify Customer node.',
		});
	}
	if (!/^https?:\/\//i.test(url)) {
		throw new NodeOperationError(ctx.fn.getNode(), `"${url}" is not a web address for the invoice of order ${orderId}`, {
			itemIndex: ctx.index,
			description: 'Give an http(s) URL the customer can open.',
		});
	}
	const template = param<string>(ctx, 'invoiceNote', 'Your invoice is ready: {link}');
	const text = template.includes('{link}') ? template.split('{link}').join(url) : `${template} ${url}`;
	const { noteId } = await shop.addNote(orderId, text, true);
	return { order: asJson(await currentOrder(ctx)), invoice: { method: 'customerNote', noteId, url } };
}

/** The ERP edit an Update Lines applied: the order it was made in (the item's) and what it changed. */
function appliedEdit(ctx: ItemContext, lineDiff: LineDiff): Json {
	const source = ctx.fn.getInputData()[ctx.index]?.json?.order as Order | undefined;
	const from = source?.system && source.id !== undefined ? source : { system: ctx.shop.system, id: ctx.orderId };
	return { from: { system: from.system, orderId: String(from.id) }, lineDiff: asJson(lineDiff) };
}

/**
 * Has the shop mail the order details. After an applied ERP edit this is that edit's mail to the customer: claimed in
 * the instance-wide mail ledger under the same action as Notify Customer's "order edited" mail, so a customer told of
 * the edit by another workflow is not mailed again.
 */
async function resendConfirmation(ctx: ItemContext): Promise<Json> {
	const { shop, ledger, orderId } = ctx;
	const edit = ctx.fn.getInputData()[ctx.index]?.json?.appliedEdit as { from?: { system?: string; orderId?: string }; lineDiff?: LineDiff } | undefined;
	if (!edit?.from?.system || !edit.from.orderId || !edit.lineDiff) {
		const { message } = await shop.resendConfirmation(orderId);
		return { order: asJson(await currentOrder(ctx)), confirmation: { sent: true, message } };
	}
	const order = await currentOrder(ctx);
	const email = order.customer?.email ?? order.billingAddress?.email;
	if (!email) {
		throw new NodeOperationError(ctx.fn.getNode(), `Order ${orderId} has no customer e-mail to send the updated order to`, {
			itemIndex: ctx.index,
			description: "Fill in the billing e-mail of the order in the shop, then run again.",
		});
	}
	const { system, orderId: editedId } = edit.from as { system: string; orderId: string };
	const claimed = mailAction('order_edited', { lineDiff: edit.lineDiff, recipients: [email] });
	const taken = await claimMail(ledger, system, editedId, claimed);
	if (taken) return { order: asJson(order), confirmation: { sent: false, reason: taken } };
	const { value, error } = await shop.resendConfirmation(orderId).then(
		(result) => ({ value: result, error: undefined }),
		(failure: unknown) => ({ value: undefined, error: failure }),
	);
	if (!value) {
		await ledger.release(system, editedId, claimed.action);
		throw error;
	}
	await ledger.complete(system, editedId, claimed.action, { via: `${shop.system} order details`, to: [email] });
	return { order: asJson(order), confirmation: { sent: true, message: value.message } };
}

/** One item of every operation except Update Status, which is batched. */
export async function runItem(operation: string, ctx: ItemContext): Promise<Json[]> {
	const { shop, orderId } = ctx;
	switch (operation) {
		case 'get':
			return [{ order: asJson(await shop.getOrder(orderId)) }];
		case 'getMany': {
			const returnAll = param<boolean>(ctx, 'returnAll', false);
			const filters = param<{ statuses?: string[]; modifiedAfter?: string; createdAfter?: string }>(ctx, 'filters', {});
			const iso = (value?: string) => (value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);
			const orders = await shop.listOrders({
				statuses: filters.statuses,
				modifiedAfter: iso(filters.modifiedAfter),
				createdAfter: iso(filters.createdAfter),
				limit: returnAll ? undefined : param<number>(ctx, 'limit', 50),
			});
			return orders.map((order) => ({ order: asJson(order) }));
		}
		case 'addNote': {
			const forCustomer = param<string>(ctx, 'noteFor', 'internal') === 'customer';
			const { noteId } = await shop.addNote(orderId, param<string>(ctx, 'note', ''), forCustomer);
			return [{ order: asJson(await currentOrder(ctx)), note: { id: noteId, forCustomer } }];
		}
		case 'setTracking': {
			const tracking = {
				carrier: param<string>(ctx, 'carrier', '') || undefined,
				number: String(param<string>(ctx, 'trackingNumber', '') ?? '').trim(),
				url: param<string>(ctx, 'trackingUrl', '') || undefined,
			};
			const { method, order } = await shop.setTracking(orderId, tracking, param<boolean>(ctx, 'notifyCustomer', false));
			return [{ order: asJson(order), tracking: { ...tracking, method } }];
		}
		case 'updateLines': {
			if (param<string>(ctx, 'linesSource', 'manual') !== 'lineDiff') return [{ order: asJson(await shop.updateLines(orderId, lineEdits(ctx))) }];
			const lineDiff = lineDiffParam(ctx);
			const order = await shop.applyLineDiff(orderId, lineDiff);
			return [{ order: asJson(order), appliedEdit: appliedEdit(ctx, lineDiff) }];
		}
		case 'splitOrder':
			return [await splitOnce(ctx)];
		case 'resendConfirmation':
			return [await resendConfirmation(ctx)];
		case 'uploadInvoice':
			return [await uploadInvoice(ctx)];
		case 'deriveFulfilment': {
			const fulfilment = await shop.deriveFulfilment(orderId);
			return [{ order: asJson(await currentOrder(ctx)), fulfilment: asJson(fulfilment) }];
		}
		default:
			throw new NodeOperationError(ctx.fn.getNode(), `Unknown operation "${operation}"`, { itemIndex: ctx.index });
	}
}

/**
 * Update Status for all items at once: the shop batches them (WooCommerce: 100 per request) and each item gets its
 * own result. Each written status is noted in the ledger before the write, so its echo is recognised; a failed write
 * takes its note back.
 */
export async function updateStatuses(
	fn: IExecuteFunctions,
	shop: ShopConnector,
	ledger: Ledger,
): Promise<INodeExecutionData[]> {
	const items = fn.getInputData();
	const output: INodeExecutionData[] = new Array(items.length);
	const requested: Array<{ index: number; orderId: string; status: string }> = [];
	const fail = (index: number, error: unknown, orderId?: string) => {
		const nodeError = toNodeError(fn.getNode(), error, { itemIndex: index, order: orderId });
		if (!fn.continueOnFail()) throw nodeError;
		output[index] = outputItem({ error: nodeError.message, ...(orderId ? { orderId } : {}) }, index);
	};
	for (let index = 0; index < items.length; index++) {
		let orderId = '';
		let status = '';
		try {
			orderId = String(fn.getNodeParameter('orderId', index, '') ?? '').trim();
			status = String(fn.getNodeParameter('status', index, '') ?? '').trim();
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
		requested.push({ index, orderId, status });
	}
	for (const { orderId, status } of requested) await ledger.noteWrite(shop.system, orderId, status);
	const results = await shop.updateStatuses(requested.map(({ orderId, status }) => ({ orderId, status })));
	let firstError: Error | undefined;
	for (const [position, result] of results.entries()) {
		const { index, orderId, status } = requested[position];
		if (result.ok) {
			output[index] = outputItem({ order: asJson(result.order) }, index);
			continue;
		}
		await ledger.consumeWrite(shop.system, orderId, status);
		const nodeError = toNodeError(fn.getNode(), result.error, { itemIndex: index, order: orderId });
		if (fn.continueOnFail()) output[index] = outputItem({ error: nodeError.message, orderId }, index);
		else firstError ??= nodeError;
	}
	if (firstError) throw firstError;
	return output;
}
