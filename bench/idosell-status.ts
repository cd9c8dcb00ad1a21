/**
 * The IdoSell connector against the simulator with latency per call: the changes a Shop Trigger poll reads (pages of
 * 100), then Update Status over a batch (100 orders a PUT, IdoSell's own mails off), paced at 4 requests a second
 * per API key. `npm run bench -- idosell-status [orders] [batch] [latencyMs]`; the last line is JSON.
 */
import { IdoSellShop } from '../lib/connectors/idosell';
import { nodeHttpSend, type HttpSend } from '../lib/transport';
import { startIdoSellSimulator } from '../test/simulators/idosell';

async function main() {
	const orders = Number(process.argv[2] ?? 1000);
	const batch = Number(process.argv[3] ?? 500);
	const latencyMs = Number(process.argv[4] ?? 15);
	const sim = await startIdoSellSimulator({ rateLimitPerSecond: 10, latencyMs });
	const plain = nodeHttpSend();
	const send: HttpSend = (request) => plain({ ...request, headers: { ...request.headers, 'X-API-KEY': sim.apiKey } });
	const shop = new IdoSellShop({ url: sim.url, send, accountKey: 'bench', settings: { timeZone: sim.timeZone } });
	const since = new Date(Date.now() - 60_000).toISOString();
	for (let i = 0; i < orders; i++) sim.addOrder({ orderSerialNumber: 100_000 + i, orderStatus: 'new' });

	let started = Date.now();
	const changed = await shop.listOrders({ modifiedAfter: since, order: 'oldestModifiedFirst' });
	const pollMs = Date.now() - started;
	const pollCalls = sim.requests.length;

	sim.requests.length = 0;
	started = Date.now();
	const results = await shop.updateStatuses(changed.slice(0, batch).map((order) => ({ orderId: order.id, status: 'on_order' })));
	const updateMs = Date.now() - started;
	const peak = Math.max(...sim.requests.map((r) => sim.requests.filter((o) => o.at > r.at - 1000 && o.at <= r.at).length));
	await sim.close();
	console.log(
		JSON.stringify({
			orders,
			read: changed.length,
			pollMs,
			pollCalls,
			batch: results.length,
			updated: results.filter((r) => r.ok).length,
			updateMs,
			updateCalls: sim.requests.length,
			ordersPerSecond: Math.round((results.length / updateMs) * 1000),
			peakCallsInOneSecond: peak,
			http429: sim.requests.filter((r) => r.status === 429).length,
			shopMails: sim.mails.length,
			latencyMs,
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
