import { WooCommerceShop } from '../../../lib/connectors/woocommerce';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { nodeHttpSend, type HttpSend } from '../../../lib/transport';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

let sim: WooSimulator;
afterEach(async () => sim?.close());

const basic: (sim: WooSimulator) => HttpSend = (sim) => {
	const plain = nodeHttpSend();
	const authorization = `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}`;
	return (request) => plain({ ...request, headers: { ...request.headers, authorization } });
};

async function shopWithOrders(count: number, batchItemMs: number, timeoutMs = 1000) {
	sim = await startWooSimulator({
		batchItemMs,
		seed: {
			products: [{ id: 11, sku: 'BEANS', name: 'Espresso beans', price: '18.90', stock_quantity: 1000 }],
			orders: Array.from({ length: count }, () => ({ status: 'on-hold', line_items: [{ product_id: 11, quantity: 1 } as WooLineItem] })),
		},
	});
	const shop = new WooCommerceShop({ url: sim.url, send: basic(sim), timeoutMs, batchSettleMs: 500, transport: { sleep: async () => undefined } });
	return { shop, ids: [...sim.orders.keys()].map(String) };
}

const batchRequests = () => sim.requests.filter((request) => request.path.endsWith('/orders/batch')).length;

describe('WooCommerce status batches slower than the request timeout', () => {
	jest.setTimeout(30_000);

	it('a batch that outlasts the timeout is not sent again while it still runs: every order changes once', async () => {
		// 40 orders at 50 ms each: WooCommerce needs 2 s, the client waits 1 s.
		const { shop, ids } = await shopWithOrders(40, 50);
		const results = await shop.updateStatuses(ids.map((orderId) => ({ orderId, status: 'processing' })));
		expect(results.map((result) => result.ok && result.order.status.code)).toEqual(ids.map(() => 'processing'));
		expect(batchRequests()).toBe(1);
		expect(sim.emails.filter((mail) => mail.kind === 'customer_processing_order')).toHaveLength(40);
	});

	it('after a batch measured slow, the next ones are sized to half the timeout', async () => {
		// 14 ms per order: the first 100 take 1.4 s of the 2 s timeout; then about 70 fit into half of it (100 + 3 batches).
		const { shop, ids } = await shopWithOrders(250, 14, 2000);
		const results = await shop.updateStatuses(ids.map((orderId) => ({ orderId, status: 'processing' })));
		expect(results.every((result) => result.ok)).toBe(true);
		expect(batchRequests()).toBe(4);
	});

	it('a gateway timeout before WooCommerce changed anything sends the orders again, in smaller batches', async () => {
		const { shop, ids } = await shopWithOrders(6, 0);
		sim.failNext(504, { path: '/orders/batch' });
		const results = await shop.updateStatuses(ids.map((orderId) => ({ orderId, status: 'completed' })));
		expect(results.every((result) => result.ok && result.order.status.code === 'completed')).toBe(true);
		expect(batchRequests()).toBe(3);
	});
});
