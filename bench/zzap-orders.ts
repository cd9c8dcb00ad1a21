/**
 * Marketplace Order on ZZAP against the simulator at ZZAP's pace: Get New Orders over many buyer orders (positions
 * grouped per buyer), then Process Automatically over a batch, with the simulator refusing requests of one login
 * closer than `minIntervalMs` and the credential pacing at `intervalSeconds`. Prints calls per order and the time
 * the pace costs. `npm run bench -- zzap-orders [orders] [batch] [intervalSeconds]`; the last line is JSON.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { MarketplaceOrder } from '../nodes/MarketplaceOrder/MarketplaceOrder.node.js';
import { moscowTime, startZzapSimulator } from '../test/simulators/zzap';

async function main() {
	// the test contexts register a per-test hook; outside jest there is one run
	Object.assign(globalThis, { beforeEach: () => undefined });
	const { executeInWorkflow } = await import('../test/helpers/marketplace-context');
	const orders = Number(process.argv[2] ?? 500);
	const batch = Number(process.argv[3] ?? 10);
	const intervalSeconds = Number(process.argv[4] ?? 3);
	const sim = await startZzapSimulator({ minIntervalMs: intervalSeconds * 1000 - 50 });
	const start = Date.now() - 3_600_000;
	for (let i = 0; i < orders; i++) {
		sim.addOrder([{ partnumber: 'ART-1' }, { partnumber: 'ART-2', qty_order: 2 }], { client_email: `b${i}@example.ru`, create_date: moscowTime(start + i * 1000) });
	}
	const node = new MarketplaceOrder();
	const credentials = { orderSyncZzapApi: { url: sim.url, login: sim.account.login, password: sim.account.password, apiKey: sim.account.apiKey, intervalSeconds } };
	const run = (parameters: Record<string, unknown>, items?: INodeExecutionData[]) =>
		executeInWorkflow(node, 'bench-zzap', { parameters: { marketplace: 'zzap', ...parameters }, items, credentials });

	let started = Date.now();
	const fetched = await run({ operation: 'getNewOrders', lookbackHours: 2, onlyAwaitingDecision: true, overlapMinutes: 30 });
	const fetchMs = Date.now() - started;
	const fetchCalls = sim.requests.length;

	const items = fetched.output[0].slice(0, batch).map((item, index) => ({
		json: { ...item.json, offer: [{ sku: 'ART-1', stock: 5 }, { sku: 'ART-2', stock: index % 2 ? 5 : 0 }] } as IDataObject,
	}));
	sim.requests.length = 0;
	started = Date.now();
	const processed = await run(
		{ operation: 'processAutomatically', offerField: 'offer', rejectReason: '6', orderId: (i: number) => (items[i].json.order as IDataObject).id },
		items,
	);
	const processMs = Date.now() - started;
	const byMethod = (name: string) => sim.requests.filter((r) => r.name === name).length;
	const result = {
		orders,
		positions: orders * 2,
		fetched: fetched.output[0].length,
		fetchMs,
		fetchCalls,
		batch: items.length,
		accepted: processed.output[0].length,
		rejected: processed.output[1].length,
		processMs,
		calls: sim.requests.length,
		listCalls: byMethod('GetSellerOrdersV3'),
		statusCalls: byMethod('SetOrderStatusV3'),
		callsPerOrder: Math.round((sim.requests.length / items.length) * 100) / 100,
		refusedTooMany: sim.requests.filter((r) => r.error === 'too many').length,
		intervalSeconds,
	};
	await sim.close();
	console.log(JSON.stringify(result));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
