import type { IDataObject } from 'n8n-workflow';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { runHook, startWebhookHost } from '../../helpers/trigger-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new ShopTrigger();

/**
 * n8n hands every webhook call its own copy of the workflow's static data and saves that copy, whole, when the call
 * changed it. A call that arrives while the workflow is being activated holds a copy without the webhook secrets;
 * if refusing it wrote anything, its save would erase the secrets activation saved, and every later signed delivery
 * would be refused.
 */
describe('Shop Trigger: a refused delivery leaves the static data unchanged', () => {
	let sim: WooSimulator;
	let closeHost: (() => Promise<void>) | undefined;
	beforeEach(async () => {
		sim = await startWooSimulator({ seed: { orders: [{ id: 101, status: 'processing' }] } });
	});
	afterEach(async () => {
		await closeHost?.();
		await sim.close();
	});

	const optionsWith = (staticData: Record<string, IDataObject>) => ({
		parameters: { shop: 'woocommerce', mode: 'webhook', events: ['created', 'statusChanged'] },
		credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts: false } },
		staticData,
		workflowId: 'shop-trigger-refused',
	});

	it('answers 401 to unsigned and wrongly signed deliveries without writing the static data it was given', async () => {
		// Activation registers the webhooks with its copy; the webhook call still has the copy from before.
		const activation = optionsWith({});
		const host = await startWebhookHost(node, activation);
		closeHost = host.close;
		expect(await runHook(node, 'create', { ...activation, webhookUrl: host.url })).toBe(true);
		const staleCopy: Record<string, IDataObject> = {};
		const stale = await startWebhookHost(node, optionsWith(staleCopy));
		const closeActivationHost = closeHost;
		closeHost = async () => {
			await stale.close();
			await closeActivationHost();
		};

		const unsigned = await fetch(stale.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1}' });
		expect(unsigned.status).toBe(401);
		for (const hook of sim.webhooks.values()) hook.delivery_url = stale.url;
		const [forged] = await sim.deliverWebhook(101, 'order.updated', { forged: true });
		expect(forged.status).toBe(401);

		expect(stale.executions).toHaveLength(0);
		expect(JSON.stringify(staleCopy)).not.toMatch(/registrations/);
		expect(Object.values(staleCopy).every((slot) => Object.keys(slot).length === 0)).toBe(true);
	});
});
