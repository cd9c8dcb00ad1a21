import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { ChangeEvent } from '../../../lib/model';
import { toNodeError } from '../../shared/errors';
import { emitChanges } from '../../shared/changes';
import { openLedger } from '../../shared/ledger';
import { changeSource, changesOf, eventItem, type TriggerEvent } from '../events';
import { selectedShop, webhooksOf } from '../transport';
import { registrationsOf } from './registrations';

/** An order delivery is a few kB; anything larger is refused before its signature is computed. */
export const MAX_DELIVERY_BYTES = 5 * 1024 * 1024;

type Headers = Record<string, string | string[] | undefined>;

/** Where a delivery came in and what its headers claim, for a log line; control characters and line breaks in the unverified values become ?. */
function logged(context: IWebhookFunctions, about: IDataObject): { text: string; meta: IDataObject } {
	const meta: IDataObject = { workflowId: context.getWorkflow().id, node: context.getNode().name, ...about };
	const text = Object.entries(meta)
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key} ${String(value).replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, '?').slice(0, 100)}`)
		.join(', ');
	return { text, meta };
}

/** Answers the shop itself and logs why, with what the headers claim but never the body, secret or signature. */
function refuse(context: IWebhookFunctions, status: number, message: string, reason: string, about: IDataObject): IWebhookResponseData {
	const { text, meta } = logged(context, about);
	context.logger.warn(`Shop Trigger refused a webhook delivery with ${status}: ${reason} (${text})`, meta);
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * One delivery from the shop: size-checked, its signature verified on the raw body with the secret registered for
 * this node's URL, then read, deduplicated by its delivery id and body, and turned into change events. A refusal writes
 * nothing (see registrationsOf).
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const raw = this.getRequestObject().rawBody as Buffer | string | undefined;
	const rawBody = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
	const headers = this.getHeaderData() as Headers;
	if (rawBody && rawBody.length > MAX_DELIVERY_BYTES) {
		return refuse(this, 413, 'The delivery is larger than 5 MB', 'body too large', { bytes: rawBody.length });
	}
	const shop = await selectedShop(this);
	const hooks = webhooksOf(shop, this);
	// The ping on registration is unsigned and starts nothing.
	if (rawBody && hooks.isPing(rawBody, headers)) return { webhookResponse: 'pong' };

	const about: IDataObject = { ...hooks.describe(headers), bytes: rawBody?.length ?? 0 };
	const registration = registrationsOf(this)[this.getNodeWebhookUrl('default') as string];
	if (!registration) {
		return refuse(this, 401, 'Missing or invalid webhook signature', 'no webhook is registered for this URL (is the workflow active?)', about);
	}
	if (!rawBody || !hooks.verify(rawBody, headers, registration.secret)) {
		return refuse(this, 401, 'Missing or invalid webhook signature', 'missing or wrong signature', about);
	}

	const delivery = hooks.parse(rawBody, headers);
	if (delivery.kind === 'malformed') {
		// Not 2xx, so the shop counts a failed delivery; the catch-up poll fetches the order.
		return refuse(this, 400, 'The delivery is not a readable order', delivery.reason, about);
	}
	if (delivery.kind === 'ignored') {
		const { text, meta } = logged(this, about);
		this.logger.info(`Shop Trigger ignored a webhook delivery: ${delivery.reason} (${text})`, meta);
		return { webhookResponse: 'ignored' };
	}

	const ledger = await openLedger(this);
	// WooCommerce's delivery id hashes only the webhook id and the second it was sent: the body tells a redelivery apart
	// from another order's delivery in the same second.
	const bodyHash = createHash('sha256').update(rawBody).digest('hex').slice(0, 16);
	const deliveryAction = delivery.deliveryId ? `delivery:${delivery.deliveryId}:${bodyHash}` : undefined;
	if (deliveryAction && !(await ledger.claim(shop.system, 'webhook', deliveryAction))) {
		return { webhookResponse: 'duplicate' };
	}
	const { order } = delivery;
	const isNew = delivery.topic.endsWith('.created') || (!!order.createdAt && order.createdAt >= registration.activatedAt);
	let changes: ChangeEvent[];
	try {
		changes = await changesOf(ledger, shop, order, { events: this.getNodeParameter('events', []) as TriggerEvent[], isNew, delivered: true });
	} catch (error) {
		// Not handled: the shop's redelivery of this delivery gets another try.
		if (deliveryAction) await ledger.release(shop.system, 'webhook', deliveryAction);
		throw toNodeError(this.getNode(), error, { order: order.id });
	}
	// Pending until our last node settles them. What failed or died on the way is emitted again by the catch-up poll,
	// not here: the shop waits for this answer (WooCommerce 10 s), and in a burst every delivery would read all pending
	// changes. Without the catch-up poll, deliveries do it.
	const resend = !this.getNodeParameter('catchUp', true);
	const items = await emitChanges(this, changeSource(shop.system, this.getNode().id), changes.map(eventItem), { resend });
	if (deliveryAction) await ledger.complete(shop.system, 'webhook', deliveryAction);
	if (!items.length) return { webhookResponse: 'no change' };
	return { workflowData: [items] };
}
