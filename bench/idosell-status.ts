/**
 * IdoSell behind the Shop nodes against the simulator: the Shop Trigger polling many changed orders (pages of 100),
 * then Update Status over a batch (100 orders a PUT), paced per API key, with latency per call.
 * `npm run bench -- idosell-status [orders] [batch] [latencyMs]`; the last line is JSON.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ShopOrder } from '../nodes/ShopOrder/ShopOrder.node';
import { ShopTrigger } from '../nodes/ShopTrigger/ShopTrigger.node';
import { execute } from '../test/helpers/n8n-context';
import { poll } from '../test/helpers/trigger-context';
import { startIdoSellSimulator } from '../test/simulators/idosell';

async function main() {
	const orders = Number(process.argv[2] ?? 1000);
	const batch = Number(process.argv[3] ?? 500);
	const latencyMs = Number(process.argv[4] ?? 15);
	const sim = await startIdoSellSimulator({ rateLimitPerSecond: 10, latencyMs });
	const credentials = { orderSyncIdoSellApi: { url: sim.url, apiKey: sim.apiKey, timeZone: sim.timeZone } };
	const staticData: Record<string, IDataObject> = {};
	const workflowId = 'bench-idosell';
	const trigger = { parameters: { shop: 'idosell', mode: 'polling', events: ['statusChanged', 'created'], overlapSeconds: 120 }, credentials, staticData, workflowId };
	const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	await poll(new ShopTrigger(), trigger);
	await delay(1100);
	for (let i = 0; i < orders; i++) sim.addOrder({ orderSerialNumber: 100_000 + i, orderStatus: 'new' });
	sim.requests.length = 0;
	let started = Date.now();
	const events = (await poll(new ShopTrigger(), trigger))?.[0] ?? [];
	const pollMs = Date.now() - started;
	const pollCalls = sim.requests.length;

	const items: INodeExecutionData[] = events.slice(0, batch).map((event) => ({ json: { id: (event.json.order as IDataObject).id } }));
	sim.requests.length = 0;
	started = Date.now();
	const { output } = await execute(new ShopOrder(), {
		parameters: { shop: 'idosell', resource: 'order', operation: 'updateStatus', orderId: (i: number) => items[i].json.id, status: 'on_order' },
		credentials,
		items,
		staticData,
		workflowId,
	});
	const updateMs = Date.now() - started;
	const peak = Math.max(...sim.requests.map((r) => sim.requests.filter((o) => o.at > r.at - 1000 && o.at <= r.at).length));
	await sim.close();
	console.log(
		JSON.stringify({
			orders,
			events: events.length,
			pollMs,
			pollCalls,
			batch: items.length,
			updated: output[0].filter((i) => i.json.order).length,
			updateMs,
			updateCalls: sim.requests.length,
			ordersPerSecond: Math.round((items.length / updateMs) * 1000),
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
