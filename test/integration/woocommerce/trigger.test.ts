import type { IDataObject } from 'n8n-workflow';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { poll, runHook, startWebhookHost } from '../../helpers/trigger-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';

const node = new ShopTrigger();
const line = (product_id: number, quantity: number) => ({ product_id, quantity }) as WooLineItem;

let sim: WooSimulator;
// The ledger is shared in-process per workflow: each test is its own workflow.
let workflowId = 0;
const newWorkflow = () => `woo-trigger-${++workflowId}`;
const credentials = () => ({
	orderSyncWooCommerceApi: { url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts: false },
});

beforeEach(async () => {
	sim = await startWooSimulator({
		seed: { products: [{ id: 11, sku: 'BEANS', price: '18.90' }], orders: [{ id: 101, status: 'processing', line_items: [line(11, 2)] }] },
	});
});
afterEach(async () => sim.close());

describe('Shop Trigger, webhook mode', () => {
	async function activate(events = ['created', 'statusChanged', 'updated']) {
		const staticData: Record<string, IDataObject> = {};
		const options = { parameters: { shop: 'woocommerce', mode: 'webhook', events }, credentials: credentials(), staticData, workflowId: newWorkflow() };
		const host = await startWebhookHost(node, options);
		const hookOptions = { ...options, webhookUrl: host.url };
		expect(await runHook(node, 'checkExists', hookOptions)).toBe(false);
		expect(await runHook(node, 'create', hookOptions)).toBe(true);
		return { host, hookOptions, staticData };
	}

	it('registers its webhooks with a secret, answers the ping, and finds them again', async () => {
		const { host, hookOptions, staticData } = await activate();
		const hooks = [...sim.webhooks.values()];
		expect(hooks.map((h) => h.topic).sort()).toEqual(['order.created', 'order.updated']);
		expect(hooks.every((h) => h.delivery_url === host.url && h.secret.length >= 32)).toBe(true);
		const state = staticData['node:Shop Trigger'] as { registrations: Record<string, { secret: string }> };
		expect(hooks[0].secret).toBe(state.registrations[host.url].secret);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const pings = sim.deliveries.filter((d) => d.topic === 'ping');
		expect(pings).toHaveLength(2);
		expect(pings.every((p) => p.status === 200)).toBe(true);
		expect(host.executions).toHaveLength(0);
		expect(await runHook(node, 'checkExists', hookOptions)).toBe(true);

		expect(await runHook(node, 'delete', hookOptions)).toBe(true);
		expect(sim.webhooks.size).toBe(0);
		expect(await runHook(node, 'checkExists', hookOptions)).toBe(false);
		await host.close();
	});

	it('turns a real signed delivery into one item; the status change knows the previous status from the ledger', async () => {
		const { host } = await activate();
		const { order, deliveries } = await sim.createOrder({ status: 'pending', line_items: [line(11, 1)] });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		expect(host.executions).toHaveLength(1);
		const [created] = host.executions[0][0];
		expect(created.json).toMatchObject({ kind: 'created', system: 'woocommerce', newStatus: { code: 'pending' } });
		expect((created.json.order as IDataObject).id).toBe(String(order.id));
		expect(created.pairedItem).toEqual({ item: 0 });

		await sim.setStatus(order.id, 'processing');
		expect(host.executions).toHaveLength(2);
		expect(host.executions[1][0]).toHaveLength(1);
		expect(host.executions[1][0][0].json).toMatchObject({
			kind: 'status_changed',
			previousStatus: { code: 'pending', label: 'Pending payment' },
			newStatus: { code: 'processing' },
		});
		await host.close();
	});

	it('refuses forged and unsigned deliveries with 401 and starts nothing', async () => {
		const { host } = await activate();
		sim.orders.get(101)!.status = 'completed';
		const forged = await sim.deliverWebhook(101, 'order.updated', { forged: true });
		const unsigned = await sim.deliverWebhook(101, 'order.updated', { unsigned: true });
		expect(forged.map((d) => d.status)).toEqual([401]);
		expect(unsigned.map((d) => d.status)).toEqual([401]);
		expect(host.executions).toHaveLength(0);
		await host.close();
	});

	it('drops duplicate deliveries: the same update twice, and a redelivery with the same delivery id', async () => {
		const { host } = await activate();
		const twice = await sim.setStatus(101, 'on-hold', { times: 2 });
		expect(twice.map((d) => d.status)).toEqual([200, 200]);
		expect(host.executions).toHaveLength(1);
		// Never seen before and older than the activation: the status comes with the previous one unknown.
		expect(host.executions[0][0][0].json).toMatchObject({ kind: 'status_changed', newStatus: { code: 'on-hold' } });
		expect(host.executions[0][0][0].json.previousStatus).toBeUndefined();

		await sim.setStatus(101, 'completed');
		expect(host.executions).toHaveLength(2);
		const again = await sim.deliverWebhook(101, 'order.updated', { repeatDeliveryId: twice[0].deliveryId });
		expect(again[0].status).toBe(200);
		expect(host.executions).toHaveLength(2);
		await host.close();
	});

	it('reports two orders WooCommerce delivered within one second under the same delivery id', async () => {
		const { host } = await activate();
		sim.seed([{ id: 102, status: 'processing', line_items: [line(11, 1)] }]);
		const [first] = await sim.setStatus(101, 'on-hold');
		// WC_Webhook::get_new_delivery_id hashes the webhook id and the current second only.
		const [second] = await sim.setStatus(102, 'on-hold', { repeatDeliveryId: first.deliveryId });
		expect([first.status, second.status]).toEqual([200, 200]);
		expect(host.executions.map((run) => run[0][0].json.order)).toMatchObject([{ id: '101' }, { id: '102' }]);
		await host.close();
	});

	it('emits only the chosen events: with Order Updated alone, a status change starts nothing and a line edit does', async () => {
		const { host } = await activate(['updated']);
		await sim.setStatus(101, 'on-hold');
		expect(host.executions).toHaveLength(0);
		const order = sim.orders.get(101)!;
		order.line_items[0].quantity = 4;
		order.date_modified_gmt = new Date(Date.now() + 2000).toISOString().slice(0, 19);
		await sim.deliverWebhook(101, 'order.updated');
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0][0][0].json).toMatchObject({
			kind: 'edited',
			lineDiff: { changed: [{ sku: 'BEANS', quantityBefore: 2, quantityAfter: 4 }] },
		});
		await host.close();
	});

	it('a test webhook next to the active one keeps its own secret; removing it leaves production working', async () => {
		const { host, hookOptions } = await activate();
		const testHost = await startWebhookHost(node, { ...hookOptions });
		const testOptions = { ...hookOptions, webhookUrl: testHost.url };
		expect(await runHook(node, 'create', testOptions)).toBe(true);
		expect(sim.webhooks.size).toBe(4);
		const delivered = await sim.setStatus(101, 'on-hold');
		expect(delivered.map((d) => d.status)).toEqual([200, 200]);
		expect(host.executions.length + testHost.executions.length).toBe(1);
		expect(await runHook(node, 'delete', testOptions)).toBe(true);
		expect(await runHook(node, 'checkExists', hookOptions)).toBe(true);
		await sim.setStatus(101, 'completed');
		expect(host.executions.at(-1)?.[0][0].json).toMatchObject({ kind: 'completed', previousStatus: { code: 'on-hold' } });
		await testHost.close();
		await host.close();
	});

	it('catches up after n8n was unreachable: the poll turns the disabled webhooks back on and reports the missed change', async () => {
		const { host, hookOptions } = await activate();
		expect(await poll(node, hookOptions)).toBeNull();
		await host.close();
		const updatedHook = [...sim.webhooks.values()].find((h) => h.topic === 'order.updated')!;
		for (const status of ['on-hold', 'processing', 'on-hold', 'processing', 'on-hold', 'processing', 'on-hold']) {
			expect(updatedHook.status).toBe('active');
			expect((await sim.setStatus(101, status)).map((d) => d.status)).toEqual([0]);
		}
		expect(updatedHook.status).toBe('disabled');
		expect(await sim.setStatus(101, 'completed')).toEqual([]);

		const caught = await poll(node, hookOptions);
		expect(caught?.[0]).toHaveLength(1);
		expect(caught?.[0][0].json).toMatchObject({ kind: 'completed', newStatus: { code: 'completed' } });
		expect([...sim.webhooks.values()].every((h) => h.status === 'active')).toBe(true);
		expect(await poll(node, hookOptions)).toBeNull();
	});

	it('does not poll in webhook mode when catching up is off', async () => {
		const result = await poll(node, { parameters: { shop: 'woocommerce', mode: 'webhook', catchUp: false }, credentials: credentials() });
		expect(result).toBeNull();
		expect(sim.requestCount).toBe(0);
	});
});

describe('Shop Trigger, polling mode', () => {
	const workflows = new WeakMap<object, string>();
	const options = (staticData: Record<string, IDataObject>, events = ['created', 'statusChanged']) => {
		if (!workflows.has(staticData)) workflows.set(staticData, newWorkflow());
		return {
			parameters: { shop: 'woocommerce', mode: 'polling', events, overlapSeconds: 120 },
			credentials: credentials(),
			staticData,
			workflowId: workflows.get(staticData),
		};
	};

	it('starts at the latest change, then finds a status change made while the workflow was inactive', async () => {
		const staticData: Record<string, IDataObject> = {};
		expect(await poll(node, options(staticData))).toBeNull();

		await sim.setStatus(101, 'on-hold');
		const first = await poll(node, options(staticData));
		expect(first?.[0]).toHaveLength(1);
		expect(first?.[0][0].json).toMatchObject({ kind: 'status_changed', newStatus: { code: 'on-hold' } });

		// Downtime: nobody polls while the order moves on.
		await sim.setStatus(101, 'completed');
		const afterDowntime = await poll(node, options(staticData));
		expect(afterDowntime?.[0]).toHaveLength(1);
		expect(afterDowntime?.[0][0].json).toMatchObject({
			kind: 'completed',
			previousStatus: { code: 'on-hold' },
			newStatus: { code: 'completed' },
		});
		// The overlap window sees the order again; it is not reported twice.
		expect(await poll(node, options(staticData))).toBeNull();
	});

	it('reports new orders as created and pages through more than 100 changes', async () => {
		const staticData: Record<string, IDataObject> = {};
		expect(await poll(node, options(staticData))).toBeNull();
		sim.seed(Array.from({ length: 230 }, () => ({ status: 'pending', line_items: [line(11, 1)] })));
		sim.resetRequestCount();
		const result = await poll(node, options(staticData));
		expect(result?.[0]).toHaveLength(230);
		expect(result?.[0].every((item) => item.json.kind === 'created')).toBe(true);
		expect(new Set(result?.[0].map((item) => (item.json.order as IDataObject).id)).size).toBe(230);
		expect(sim.requests.filter((r) => r.path.endsWith('/orders'))).toHaveLength(3);
	});

	it('keeps the watermark when a poll fails, so the next poll catches up', async () => {
		const staticData: Record<string, IDataObject> = {};
		await poll(node, options(staticData));
		await sim.setStatus(101, 'on-hold');
		sim.failNext(500, { count: 1 });
		await expect(poll(node, options(staticData))).rejects.toThrow(/500/);
		const retried = await poll(node, options(staticData));
		expect(retried?.[0]).toHaveLength(1);
	});

	it('fetches a recent real order as the test event without moving the watermark', async () => {
		const staticData: Record<string, IDataObject> = {};
		await poll(node, options(staticData));
		const ledgerBefore = JSON.stringify(staticData.global);
		await sim.setStatus(101, 'on-hold');
		const test = await poll(node, { ...options(staticData), mode: 'manual' });
		expect(test?.[0]).toHaveLength(1);
		expect((test?.[0][0].json.order as IDataObject).id).toBe('101');
		expect(JSON.stringify(staticData.global)).toBe(ledgerBefore);
		// The real poll still reports the change.
		expect((await poll(node, options(staticData)))?.[0]).toHaveLength(1);
	});
});
