import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { createContext } from '../../helpers/n8n-context';
import { workflowLedger } from '../../helpers/state';
import { startBaseLinkerSimulator, type BaseLinkerSimulator } from '../../simulators/baselinker';

const trigger = new ShopTrigger();
const SOURCE = 'shopTrigger:baselinker:test-node';

/** One poll as n8n's poller runs it, with the log lines it wrote. */
async function pollOnce(options: Parameters<typeof createContext>[1]) {
	const context = createContext(trigger, { ...options, mode: 'trigger' });
	const output = (await trigger.poll!.call(context as never)) as INodeExecutionData[][] | null;
	const events = (output?.[0] ?? []).map((item) => [item.json.kind, (item.json.order as IDataObject).id]);
	return { events, warnings: context.logs.filter((l) => l.level === 'warn').map((l) => l.message) };
}

describe('Shop Trigger polling BaseLinker', () => {
	let sim: BaseLinkerSimulator;
	let options: Parameters<typeof createContext>[1];
	beforeEach(async () => {
		sim = await startBaseLinkerSimulator();
		options = {
			parameters: { shop: 'baselinker', mode: 'polling', events: ['created', 'statusChanged'], overlapSeconds: 120 },
			credentials: { orderSyncBaseLinkerApi: { url: sim.url, token: sim.token, requestsPerMinute: 90, invoiceSeriesId: 0, includeUnconfirmed: false, allowUnauthorizedCerts: false } },
			staticData: {},
			workflowId: 'bl-trigger',
		};
	});
	afterEach(() => sim.close());

	it('reads the journal: new orders and status changes of old ones, each once; an unconfirmed order waits', async () => {
		const old = sim.addOrder({ date_add: Math.floor(sim.now() / 1000) - 86_400 });
		expect((await pollOnce(options)).events).toEqual([]);
		sim.setStatus(old.order_id, sim.statusId('Do wysłania'));
		const fresh = sim.addOrder();
		const draft = sim.addOrder({ confirmed: false });
		const { events, warnings } = await pollOnce(options);
		expect(events).toEqual(expect.arrayContaining([['status_changed', String(old.order_id)], ['created', String(fresh.order_id)]]));
		expect(events).toHaveLength(2);
		expect(warnings).toEqual([]);
		expect((await pollOnce(options)).events).toEqual([]);
		// Confirmed later, it is reported then.
		sim.confirm(sim.orders.get(draft.order_id)!);
		expect((await pollOnce(options)).events).toEqual([['created', String(draft.order_id)]]);
		expect(sim.requests.filter((r) => r.method === 'getJournalList').length).toBeGreaterThanOrEqual(4);
		// Paced by the token's budget: never more than 90 in a minute, never blocked.
		expect(sim.requests.filter((r) => r.errorCode === 'ERROR_BLOCKED_TOKEN')).toEqual([]);
	}, 60_000);

	it('says when the journal is off and still reports new orders by getOrders', async () => {
		await pollOnce(options);
		sim.setJournalEnabled(false);
		const fresh = sim.addOrder();
		const { events, warnings } = await pollOnce(options);
		expect(events).toEqual([['created', String(fresh.order_id)]]);
		expect(warnings.join(' ')).toMatch(/journal \(getJournalList\) is not enabled/);
	});

	it('says when it was off longer than the journal keeps and catches up by getOrders', async () => {
		await pollOnce(options);
		// Off for four days: the last change it saw is that old, the journal's events of those days are gone.
		const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const ledger = workflowLedger('bl-trigger');
		await ledger.setWatermark(SOURCE, fourDaysAgo);
		await ledger.setWatermark(`${SOURCE}:since`, fourDaysAgo);
		const missed = sim.addOrder({ date_add: Math.floor(Date.now() / 1000) - 3.5 * 86_400 });
		const fresh = sim.addOrder();
		const { events, warnings } = await pollOnce(options);
		expect(events.map(([, id]) => id).sort()).toEqual([String(missed.order_id), String(fresh.order_id)].sort());
		expect(warnings.join(' ')).toMatch(/off longer than the BaseLinker journal keeps \(3 days\)/);
	});
});

describe('Shop Order on BaseLinker', () => {
	let sim: BaseLinkerSimulator;
	beforeEach(async () => (sim = await startBaseLinkerSimulator()));
	afterEach(() => sim.close());

	it('adds a note and says in the item what BaseLinker had to cut', async () => {
		const order = sim.addOrder();
		const node = new ShopOrder();
		const context = createContext(node, {
			parameters: { shop: 'baselinker', resource: 'order', operation: 'addNote', orderId: String(order.order_id), note: 'x'.repeat(230), noteFor: 'internal' },
			credentials: { orderSyncBaseLinkerApi: { url: sim.url, token: sim.token, requestsPerMinute: 90, invoiceSeriesId: 0, includeUnconfirmed: false, allowUnauthorizedCerts: false } },
			items: [{ json: {} }],
		});
		const [[item]] = (await node.execute!.call(context as never)) as INodeExecutionData[][];
		expect(sim.orders.get(order.order_id)?.admin_comments).toHaveLength(200);
		expect(item.json.warnings).toEqual([expect.stringMatching(/cut to 200 characters.*30 characters were dropped/)]);
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});
