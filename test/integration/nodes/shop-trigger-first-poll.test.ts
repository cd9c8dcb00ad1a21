import type { IDataObject } from 'n8n-workflow';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { poll, runHook, startWebhookHost } from '../../helpers/trigger-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new ShopTrigger();

/**
 * On activation n8n registers the webhooks and runs the catch-up poll once, at the same time. An order placed in that
 * moment is listed by the poll, which takes it as its starting point, while its order.created delivery is on the way.
 */
describe('Shop Trigger: the first catch-up poll does not swallow a new order whose delivery is still on its way', () => {
	let sim: WooSimulator;
	let closeHost: (() => Promise<void>) | undefined;
	beforeEach(async () => {
		sim = await startWooSimulator();
	});
	afterEach(async () => {
		await closeHost?.();
		await sim.close();
	});

	it('reports the order once, from its delivery, and neither the redelivery nor the next poll repeats it', async () => {
		const staticData: Record<string, IDataObject> = {};
		const options = {
			parameters: { shop: 'woocommerce', mode: 'webhook', events: ['created'] },
			credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts: false } },
			staticData,
			workflowId: 'shop-trigger-first-poll',
		};
		const host = await startWebhookHost(node, options);
		closeHost = host.close;
		expect(await runHook(node, 'create', { ...options, webhookUrl: host.url })).toBe(true);

		// Placed during activation: in the shop before the first poll lists orders, delivered after it.
		const [placed] = sim.seed([{ id: 2002, status: 'processing' }]);
		expect(await poll(node, options)).toBeNull();
		const [delivery] = await sim.deliverWebhook(placed.id, 'order.created');
		expect(delivery.status).toBe(200);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0][0].map((item) => [item.json.kind, (item.json.order as IDataObject).id])).toEqual([['created', '2002']]);

		// Sent again a second later, so under another delivery id.
		const [again] = await sim.deliverWebhook(placed.id, 'order.created', { repeatDeliveryId: 'f'.repeat(32) });
		expect(again.body).toMatch(/no change/);
		expect(await poll(node, options)).toBeNull();
		expect(host.executions).toHaveLength(1);
	});
});
