import type { HttpMethod } from '../../transport';
import { verifyHmacSignature } from '../../webhooks';
import type { DeliveryLabel, ShopWebhooks, WebhookDelivery, WebhookRegistration } from '../shop';
import { toOrder } from './mapping';
import type { WooOrder, WooWebhook } from './wire';

type Call = <T>(method: HttpMethod, path: string, body?: unknown) => Promise<{ data: T }>;
type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string) => {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
};

const registration = (hook: WooWebhook): WebhookRegistration => ({
	id: String(hook.id),
	topic: hook.topic,
	deliveryUrl: hook.delivery_url,
	active: hook.status === 'active',
});

/** WooCommerce webhooks: one registration per topic, signed with base64 HMAC-SHA256 of the raw body. */
export class WooWebhooks implements ShopWebhooks {
	readonly topics = ['order.created', 'order.updated'];

	constructor(private readonly call: Call) {}

	async list(): Promise<WebhookRegistration[]> {
		const all: WebhookRegistration[] = [];
		for (let page = 1; page < 50; page++) {
			const { data } = await this.call<WooWebhook[]>('GET', `/webhooks?per_page=100&page=${page}`);
			all.push(...data.map(registration));
			if (data.length < 100) break;
		}
		return all;
	}

	async register(topic: string, deliveryUrl: string, secret: string): Promise<WebhookRegistration> {
		const { data } = await this.call<WooWebhook>('POST', '/webhooks', {
			name: `n8n order sync: ${topic}`,
			topic,
			delivery_url: deliveryUrl,
			secret,
			status: 'active',
		});
		return registration(data);
	}

	async remove(id: string): Promise<void> {
		await this.call('DELETE', `/webhooks/${encodeURIComponent(id)}?force=true`);
	}

	async reactivate(id: string): Promise<void> {
		await this.call('PUT', `/webhooks/${encodeURIComponent(id)}`, { status: 'active' });
	}

	isPing(rawBody: Buffer, headers: Headers): boolean {
		// Sent once when the webhook is created, as a form body and without a signature.
		return rawBody.length <= 40 && /^webhook_id=\d+$/.test(rawBody.toString('utf8').trim()) && !header(headers, 'x-wc-webhook-signature');
	}

	verify(rawBody: Buffer | undefined, headers: Headers, secret: string): boolean {
		return verifyHmacSignature({ rawBody, secret, signature: header(headers, 'x-wc-webhook-signature'), encoding: 'base64' });
	}

	parse(rawBody: Buffer, headers: Headers): WebhookDelivery {
		const topic = header(headers, 'x-wc-webhook-topic') ?? '';
		if (!topic.startsWith('order.')) return { kind: 'ignored', reason: `topic "${topic}" is not an order topic` };
		if (topic === 'order.deleted') return { kind: 'ignored', reason: 'deleted orders are not change events' };
		let payload: WooOrder;
		try {
			payload = JSON.parse(rawBody.toString('utf8')) as WooOrder;
		} catch {
			return { kind: 'malformed', reason: 'the body is not JSON' };
		}
		// A queued delivery carries the order as it is when sent; one deleted meanwhile (e.g. the throw-away draft of a
		// tax check) comes as WooCommerce's "invalid id" error.
		if ((payload as unknown as { code?: unknown })?.code === 'woocommerce_rest_shop_order_invalid_id') {
			return { kind: 'ignored', reason: 'the order was deleted before WooCommerce delivered it' };
		}
		if (payload?.status === 'checkout-draft') return { kind: 'ignored', reason: 'a checkout draft is not an order yet' };
		if (!payload || typeof payload.id !== 'number' || typeof payload.status !== 'string') {
			return { kind: 'malformed', reason: 'the body is not an order (no numeric id and status)' };
		}
		try {
			return { kind: 'order', topic, deliveryId: header(headers, 'x-wc-webhook-delivery-id'), order: toOrder(payload) };
		} catch (error) {
			return { kind: 'malformed', reason: `order ${payload.id} cannot be read: ${(error as Error).message}` };
		}
	}

	describe(headers: Headers): DeliveryLabel {
		return {
			topic: header(headers, 'x-wc-webhook-topic'),
			deliveryId: header(headers, 'x-wc-webhook-delivery-id'),
			webhookId: header(headers, 'x-wc-webhook-id'),
		};
	}
}
