/**
 * A change that failed further on is emitted again by the Shop Trigger's catch-up poll, not by the next webhook
 * delivery: the shop waits for a delivery's answer (WooCommerce 10 s), and in a burst every delivery would read every
 * pending change. Without the catch-up poll, the next delivery carries it.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { ChangeOutbox, Processes } from '../../../lib/state';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { testStore } from '../../helpers/state';
import { poll, runHook, startWebhookHost } from '../../helpers/trigger-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new ShopTrigger();
const WORKFLOW = 'shop-trigger-resend';

let sim: WooSimulator;
let closeHost: (() => Promise<void>) | undefined;
beforeEach(async () => {
	sim = await startWooSimulator({
		seed: {
			products: [{ id: 11, sku: 'BEANS', price: '18.90' }],
			orders: [101, 102].map((id) => ({ id, status: 'processing', line_items: [{ product_id: 11, quantity: 1 } as WooLineItem] })),
		},
	});
});
afterEach(async () => {
	await closeHost?.();
	await sim.close();
});

const changeOf = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => ({ id: (item.json.order as { id: string }).id, ...(item.json.syncChange as { key: string; attempt: number }) }));

/** The trigger active in webhook mode, a Shop Order after it; order 101's status change failed there. */
async function failedChange(catchUp: boolean) {
	const options = {
		parameters: { shop: 'woocommerce', mode: 'webhook', events: ['statusChanged'], catchUp },
		credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts: false } },
		staticData: {},
		workflowId: WORKFLOW,
		childNodes: ['n8n-nodes-order-sync.shopOrder'],
	};
	const host = await startWebhookHost(node, options);
	closeHost = host.close;
	expect(await runHook(node, 'create', { ...options, webhookUrl: host.url })).toBe(true);
	expect(await poll(node, options)).toBeNull();

	await sim.setStatus(101, 'on-hold');
	const [first] = changeOf(host.executions[0]?.[0]);
	expect(first).toMatchObject({ id: '101', attempt: 1 });
	const store = testStore();
	await new ChangeOutbox(store.namespace(`wf:${WORKFLOW}`), new Processes(store.namespace('instance'))).fail(first.key, 'Shop Order: 503 from the shop');
	return { options, host, first };
}

describe('Shop Trigger: a change that failed further on', () => {
	it('is emitted again by the catch-up poll, and the next delivery carries only its own change', async () => {
		const { options, host, first } = await failedChange(true);
		await sim.setStatus(102, 'on-hold');
		expect(changeOf(host.executions[1]?.[0])).toEqual([expect.objectContaining({ id: '102', attempt: 1 })]);
		expect(changeOf((await poll(node, options))?.[0])).toEqual([{ id: '101', key: first.key, attempt: 2 }]);
	});

	it('is carried by the next delivery when the catch-up poll is off', async () => {
		const { host, first } = await failedChange(false);
		await sim.setStatus(102, 'on-hold');
		expect(changeOf(host.executions[1]?.[0])).toEqual([expect.objectContaining({ id: '102', attempt: 1 }), { id: '101', key: first.key, attempt: 2 }]);
	});
});
