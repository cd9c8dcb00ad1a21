/**
 * Marketplace Order on Ozon against the simulator: Get New Orders over many postings (cursor pages of 100), then
 * Process Automatically over a batch under Ozon's 50 requests per second per Client-Id, with latency per call.
 * `npm run bench -- ozon-orders [postings] [batch] [latencyMs]`; the last line is JSON.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { MarketplaceOrder } from '../nodes/MarketplaceOrder/MarketplaceOrder.node.js';
import { executeInWorkflow } from '../test/helpers/marketplace-context';
import { startOzonSimulator } from '../test/simulators/ozon';

async function main() {
	const postings = Number(process.argv[2] ?? 2000);
	const batch = Number(process.argv[3] ?? 300);
	const latencyMs = Number(process.argv[4] ?? 15);
	const sim = await startOzonSimulator({ seed: [], latencyMs, clientId: 'bench-client', apiKey: 'bench-key', rateLimitPerSecond: 50 });
	const start = Date.now() - 3_600_000;
	for (let i = 0; i < postings; i++) {
		sim.addPosting({
			posting_number: `B${i}-1`,
			in_process_at: new Date(start + i * 1000).toISOString(),
			products: [
				{ sku: 1, offer_id: 'ART-1', name: 'Pads', quantity: 1, price: '100.00', currency_code: 'RUB' },
				{ sku: 2, offer_id: 'ART-2', name: 'Disc', quantity: 2, price: '900.00', currency_code: 'RUB' },
			],
		});
	}
	const node = new MarketplaceOrder();
	const staticData: Record<string, IDataObject> = {};
	const credentials = { orderSyncOzonApi: { url: sim.url, clientId: sim.clientId, apiKey: sim.apiKey } };
	const run = (parameters: Record<string, unknown>, items?: INodeExecutionData[]) =>
		executeInWorkflow(node, 'bench-ozon', { parameters: { marketplace: 'ozon', ...parameters }, items, credentials, staticData });

	let started = Date.now();
	const fetched = await run({ operation: 'getNewOrders', lookbackHours: 2 });
	const fetchMs = Date.now() - started;
	const listCalls = sim.requests.length;

	// a third fully in stock, two thirds short of one article (partly accepted)
	const items = fetched.output[0].slice(0, batch).map((item, index) => ({
		json: { ...item.json, stock: { 'ART-1': 5, 'ART-2': index % 3 === 0 ? 5 : index % 3 === 1 ? 1 : 0 } } as IDataObject,
	}));
	sim.requests.length = 0;
	started = Date.now();
	const processed = await run(
		{
			operation: 'processAutomatically',
			offerField: 'stock',
			rejectReason: '352',
			orderId: (i: number) => (items[i].json.order as IDataObject).id,
		},
		items,
	);
	const processMs = Date.now() - started;
	const calls = sim.requests.length;
	const throttled = sim.requests.filter((r) => r.status === 429).length;
	const peak = Math.max(...sim.requests.map((r) => sim.requests.filter((o) => o.at > r.at - 1000 && o.at <= r.at).length));
	await sim.close();
	const result = {
		postings,
		fetched: fetched.output[0].length,
		fetchMs,
		listCalls,
		fetchPostingsPerSecond: Math.round((fetched.output[0].length / fetchMs) * 1000),
		batch: items.length,
		accepted: processed.output[0].length,
		rejected: processed.output[1].length,
		processMs,
		ozonCalls: calls,
		callsPerPosting: Math.round((calls / items.length) * 100) / 100,
		peakCallsInOneSecond: peak,
		http429: throttled,
		latencyMs,
	};
	console.log(JSON.stringify(result));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
