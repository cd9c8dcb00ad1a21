import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { MAX_DELIVERY_BYTES } from '../../../nodes/ShopTrigger/webhook/delivery';
import { runHook, startWebhookHost } from '../../helpers/trigger-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new ShopTrigger();

/**
 * Deliveries nobody should act on, over real HTTP: each is refused with a 4xx the shop counts as a failed delivery,
 * logged without the body or any secret, and starts nothing.
 */
describe('Shop Trigger: forged, malformed and oversized deliveries', () => {
	let sim: WooSimulator;
	let workflow = 0;
	const closers: Array<() => Promise<void>> = [];
	beforeEach(async () => {
		sim = await startWooSimulator({
			seed: { products: [{ id: 11, sku: 'BEANS', price: '18.90' }], orders: [{ id: 101, status: 'processing', line_items: [{ product_id: 11, quantity: 2 } as WooLineItem] }] },
		});
	});
	afterEach(async () => {
		for (const close of closers.splice(0)) await close();
		await sim.close();
	});

	async function activate(staticData: Record<string, IDataObject> = {}) {
		const options = {
			parameters: { shop: 'woocommerce', mode: 'webhook', events: ['created', 'statusChanged', 'updated'] },
			credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts: false } },
			staticData,
			workflowId: `shop-trigger-hostile-${++workflow}`,
		};
		const host = await startWebhookHost(node, options);
		closers.push(host.close);
		expect(await runHook(node, 'create', { ...options, webhookUrl: host.url })).toBe(true);
		const secret = (staticData['node:Shop Trigger'].registrations as Record<string, { secret: string }>)[host.url].secret;
		return { host, options, staticData, secret };
	}

	/** Posts a body as WooCommerce does, signed with `secret` (unsigned without one). */
	async function post(url: string, body: string | Buffer, secret?: string, topic = 'order.updated') {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'x-wc-webhook-topic': topic,
			'x-wc-webhook-id': '1',
			'x-wc-webhook-delivery-id': String(Math.floor(Math.random() * 1e9)),
		};
		if (secret) headers['x-wc-webhook-signature'] = createHmac('sha256', secret).update(body).digest('base64');
		const response = await fetch(url, { method: 'POST', headers, body });
		return { status: response.status, body: await response.text() };
	}

	const orderJson = (extra: Record<string, unknown> = {}) => JSON.stringify({ ...sim.orders.get(101), status: 'completed', ...extra });

	function expectLoggedWithoutSecrets(logs: Array<{ level: string; message: string; meta?: unknown }>, pattern: RegExp, secrets: string[]) {
		const warning = logs.find((line) => line.level === 'warn' && pattern.test(line.message));
		expect(warning).toBeDefined();
		expect(warning?.meta).toMatchObject({ workflowId: expect.stringMatching(/^shop-trigger-hostile-/), node: 'Shop Trigger' });
		// n8n's text log shows the message alone: it names the workflow and what the headers claim.
		expect(warning?.message).toMatch(/\(workflowId shop-trigger-hostile-\d+, node Shop Trigger, .*bytes \d+\)$/);
		const written = JSON.stringify(logs);
		for (const secret of secrets) expect(written).not.toContain(secret);
	}

	it('refuses unsigned and wrongly signed deliveries with 401 and logs each', async () => {
		const { host, secret } = await activate();
		expect((await post(host.url, orderJson())).status).toBe(401);
		expect((await post(host.url, orderJson(), `${secret}x`)).status).toBe(401);
		// The signature is checked before the body is read: unsigned and unreadable is still 401.
		expect((await post(host.url, '{"id":101,')).status).toBe(401);
		expect(host.executions).toHaveLength(0);
		expect(host.logs.filter((line) => /refused a webhook delivery with 401: missing or wrong signature/.test(line.message))).toHaveLength(3);
		expect(host.logs[0].message).toMatch(/topic order\.updated, deliveryId \d+, webhookId 1, bytes \d+\)$/);
		expectLoggedWithoutSecrets(host.logs, /401/, [secret]);
	});

	it("refuses a delivery signed with another webhook's secret: each URL accepts only its own registration's", async () => {
		const staticData: Record<string, IDataObject> = {};
		const production = await activate(staticData);
		// The editor's test webhook: its own URL and secret, in the same workflow.
		const test = await activate(staticData);
		expect(test.secret).not.toBe(production.secret);

		const crossed = await post(production.host.url, orderJson(), test.secret);
		expect(crossed.status).toBe(401);
		expect(production.host.executions).toHaveLength(0);
		expectLoggedWithoutSecrets(production.host.logs, /401: missing or wrong signature/, [production.secret, test.secret]);

		// The shop's own delivery for the test webhook, signed with its secret, but sent to the production URL.
		const testHooks = [...sim.webhooks.values()].filter((hook) => hook.delivery_url === test.host.url);
		for (const hook of testHooks) hook.delivery_url = production.host.url;
		const [redirected] = await sim.setStatus(101, 'on-hold', { webhookId: testHooks.find((h) => h.topic === 'order.updated')!.id });
		expect(redirected.status).toBe(401);
		expect(production.host.executions).toHaveLength(0);

		// Signed with its own secret, each URL accepts.
		expect((await post(production.host.url, orderJson(), production.secret)).status).toBe(200);
		expect(production.host.executions).toHaveLength(1);
	});

	it('answers 401 when no webhook is registered for the URL, naming that in the log', async () => {
		const { host, secret, options } = await activate();
		expect(await runHook(node, 'delete', { ...options, webhookUrl: host.url })).toBe(true);
		expect((await post(host.url, orderJson(), secret)).status).toBe(401);
		expect(host.executions).toHaveLength(0);
		expectLoggedWithoutSecrets(host.logs, /no webhook is registered for this URL/, [secret]);
	});

	it('answers 400 to a correctly signed delivery that is truncated or not an order, so the shop counts a failure, and logs why', async () => {
		const { host, secret } = await activate();
		const whole = orderJson();
		const truncated = await post(host.url, whole.slice(0, Math.floor(whole.length / 2)), secret);
		expect(truncated.status).toBe(400);
		expect(JSON.parse(truncated.body)).toEqual({ message: 'The delivery is not a readable order' });
		expectLoggedWithoutSecrets(host.logs, /400: the body is not JSON/, [secret]);

		expect((await post(host.url, JSON.stringify({ id: '101', status: 'completed' }), secret)).status).toBe(400);
		expect((await post(host.url, JSON.stringify([]), secret)).status).toBe(400);
		expect(host.logs.filter((line) => /400: the body is not an order/.test(line.message))).toHaveLength(2);
		expect(host.executions).toHaveLength(0);
		// Nothing was claimed: the same order, delivered whole, is reported.
		expect((await post(host.url, whole, secret)).status).toBe(200);
		expect(host.executions).toHaveLength(1);
	});

	it('still answers 200 "ignored" to a signed delivery of a topic it does not handle, and logs it', async () => {
		const { host, secret } = await activate();
		const deleted = await post(host.url, JSON.stringify({ id: 101 }), secret, 'order.deleted');
		expect(deleted.status).toBe(200);
		expect(JSON.parse(deleted.body)).toBe('ignored');
		expect(host.logs.some((line) => line.level === 'info' && /ignored a webhook delivery: deleted orders/.test(line.message))).toBe(true);
		expect(host.executions).toHaveLength(0);
	});

	it('answers 200 "ignored" to an order deleted before delivery (WooCommerce sends its 404 error) and to a checkout draft', async () => {
		const { host, secret } = await activate();
		// What a real WooCommerce 10 queued and delivered for a draft deleted before the queue ran.
		const gone = JSON.stringify({ code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
		expect((await post(host.url, gone, secret, 'order.created')).status).toBe(200);
		expect((await post(host.url, orderJson({ status: 'checkout-draft' }), secret, 'order.created')).status).toBe(200);
		expect(host.logs.filter((line) => /ignored a webhook delivery: (the order was deleted|a checkout draft)/.test(line.message))).toHaveLength(2);
		expect(host.executions).toHaveLength(0);
	});

	it('refuses bodies over 5 MB with 413 before looking at the signature', async () => {
		const { host, secret } = await activate();
		const note = 'x'.repeat(MAX_DELIVERY_BYTES);
		const oversized = orderJson({ customer_note: note });
		expect(Buffer.byteLength(oversized)).toBeGreaterThan(5 * 1024 * 1024);
		// Correctly signed and a readable order: refused for its size alone.
		expect((await post(host.url, oversized, secret)).status).toBe(413);
		// Unsigned: 413, not 401, so the size was checked first.
		expect((await post(host.url, oversized)).status).toBe(413);
		expect(host.executions).toHaveLength(0);
		const refusals = host.logs.filter((line) => /413: body too large/.test(line.message));
		expect(refusals).toHaveLength(2);
		expect(refusals[0].meta).toMatchObject({ bytes: Buffer.byteLength(oversized) });
		expectLoggedWithoutSecrets(host.logs, /413/, [secret, note.slice(0, 64)]);

		// Just under the limit is read as usual.
		const fits = orderJson({ customer_note: 'x'.repeat(MAX_DELIVERY_BYTES - orderJson().length - 100) });
		expect((await post(host.url, fits, secret)).status).toBe(200);
		expect(host.executions).toHaveLength(1);
	});
});
