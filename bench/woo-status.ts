/**
 * 1,000 WooCommerce status updates against the simulator with 20 ms latency per request: Shop Order's batched way
 * (POST /orders/batch, 100 per request) against one PUT /orders/{id} per order, the way n8n's stock WooCommerce
 * node updates. Prints { updates, requests, requestsOneByOne, ms, msOneByOne, speedup }.
 */
import { WooCommerceShop } from '../lib/connectors/woocommerce';
import type { WooLineItem } from '../lib/connectors/woocommerce/wire';
import { nodeHttpSend, type HttpSend } from '../lib/transport';
import { startWooSimulator } from '../test/simulators/woocommerce';

const UPDATES = 1000;
const LATENCY_MS = 20;

async function main() {
	const sim = await startWooSimulator({
		latencyMs: LATENCY_MS,
		seed: {
			products: [{ id: 1, sku: 'BENCH', price: '10.00', stock_quantity: 100_000 }],
			orders: Array.from({ length: UPDATES }, () => ({ status: 'processing', line_items: [{ product_id: 1, quantity: 1 } as WooLineItem] })),
		},
	});
	const plain = nodeHttpSend();
	const authorization = `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}`;
	const send: HttpSend = (request) => plain({ ...request, headers: { ...request.headers, authorization } });
	const ids = [...sim.orders.keys()].map(String);
	const reset = () => {
		for (const order of sim.orders.values()) order.status = 'processing';
		sim.resetRequestCount();
	};
	const completed = () => [...sim.orders.values()].filter((o) => o.status === 'completed').length;

	reset();
	let started = performance.now();
	const results = await new WooCommerceShop({ url: sim.url, send }).updateStatuses(ids.map((orderId) => ({ orderId, status: 'completed' })));
	const ms = Math.round(performance.now() - started);
	const requests = sim.requestCount;
	if (results.some((r) => !r.ok) || completed() !== UPDATES) throw new Error('batched updates did not all land');

	reset();
	const oneByOne = new WooCommerceShop({ url: sim.url, send });
	started = performance.now();
	for (const id of ids) await oneByOne.call('PUT', `/orders/${id}`, { body: { status: 'completed' } });
	const msOneByOne = Math.round(performance.now() - started);
	const requestsOneByOne = sim.requestCount;
	if (completed() !== UPDATES) throw new Error('one-by-one updates did not all land');

	await sim.close();
	console.log(`batched:    ${requests} requests, ${ms} ms (${UPDATES / 100} batches of 100)`);
	console.log(`one by one: ${requestsOneByOne} requests, ${msOneByOne} ms`);
	console.log(
		JSON.stringify({
			updates: UPDATES,
			requests,
			requestsOneByOne,
			ms,
			msOneByOne,
			speedup: Math.round((msOneByOne / ms) * 10) / 10,
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
