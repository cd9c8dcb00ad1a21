import type { IDataObject } from 'n8n-workflow';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { testStore } from '../../helpers/state';
import { runHook, startWebhookHost } from '../../helpers/trigger-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new ShopTrigger();

/** The state store cannot read order snapshots while `failing` is set: a storage fault. */
function flakyStore() {
	const state = { failing: false };
	const store = testStore();
	const namespace = store.namespace.bind(store);
	store.namespace = (name: string) => {
		const inner = namespace(name);
		const get = inner.get.bind(inner);
		inner.get = async (key: string) => {
			if (state.failing && key.startsWith('snap|')) throw new Error('state store unavailable');
			return get(key);
		};
		return inner;
	};
	return { staticData: {} as Record<string, IDataObject>, state };
}

describe('Shop Trigger: a delivery that failed is handled when the shop delivers it again', () => {
	let sim: WooSimulator;
	let closeHost: (() => Promise<void>) | undefined;
	afterEach(async () => closeHost?.());
	beforeEach(async () => {
		sim = await startWooSimulator({
			seed: { products: [{ id: 11, sku: 'BEANS', price: '18.90' }], orders: [{ id: 101, status: 'processing', line_items: [{ product_id: 11, quantity: 2 } as WooLineItem] }] },
		});
	});
	afterEach(() => sim.close());

	it('answers 500 and starts nothing, then the redelivery with the same delivery id starts the execution', async () => {
		const { staticData, state } = flakyStore();
		const options = {
			parameters: { shop: 'woocommerce', mode: 'webhook', events: ['created', 'statusChanged', 'updated'] },
			credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts: false } },
			staticData,
			workflowId: 'shop-trigger-redelivery',
		};
		const host = await startWebhookHost(node, options);
		closeHost = host.close;
		expect(await runHook(node, 'create', { ...options, webhookUrl: host.url })).toBe(true);

		state.failing = true;
		const [failed] = await sim.setStatus(101, 'on-hold');
		expect(failed.status).toBe(500);
		expect(host.answers.at(-1)?.body).toMatch(/state store unavailable \(order 101\)/);
		expect(host.executions).toHaveLength(0);

		state.failing = false;
		const [redelivered] = await sim.deliverWebhook(101, 'order.updated', { repeatDeliveryId: failed.deliveryId });
		expect(redelivered.status).toBe(200);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0][0][0].json).toMatchObject({ kind: 'status_changed', newStatus: { code: 'on-hold' } });

		// Handled once: the same delivery again is a duplicate.
		const [again] = await sim.deliverWebhook(101, 'order.updated', { repeatDeliveryId: failed.deliveryId });
		expect(again.status).toBe(200);
		expect(host.executions).toHaveLength(1);
	});
});
