import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { ChangeEvent } from '../../../lib/model';
import { toNodeError } from '../../shared/errors';
import { openLedger } from '../../shared/ledger';
import { changesOf, eventItem, type TriggerEvent } from '../events';
import { selectedShop, webhooksOf } from '../transport';
import { registrationsOf } from './registrations';

/** One delivery from the shop: verified, deduplicated by its delivery id, and turned into change events. */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const raw = request.rawBody as Buffer | string | undefined;
	const rawBody = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
	const headers = this.getHeaderData() as Record<string, string | string[] | undefined>;
	const shop = await selectedShop(this);
	const hooks = webhooksOf(shop, this);
	const delivery = rawBody ? hooks.parse(rawBody, headers) : undefined;
	// The ping on registration is unsigned and starts nothing.
	if (delivery?.kind === 'ping') return { webhookResponse: 'pong' };
	const registration = Object.values(registrationsOf(this)).find((r) => hooks.verify(rawBody, headers, r.secret));
	if (!registration) {
		this.getResponseObject().status(401).json({ message: 'Missing or invalid webhook signature' });
		return { noWebhookResponse: true };
	}
	if (!delivery || delivery.kind !== 'order') return { webhookResponse: 'ignored' };

	const ledger = await openLedger(this);
	const deliveryAction = delivery.deliveryId ? `delivery:${delivery.deliveryId}` : undefined;
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
	if (deliveryAction) await ledger.complete(shop.system, 'webhook', deliveryAction);
	if (!changes.length) return { webhookResponse: 'no change' };
	return { workflowData: [changes.map(eventItem)] };
}
