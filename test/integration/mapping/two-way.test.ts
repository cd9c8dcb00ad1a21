/**
 * Two simulators wired both ways through the Order Status Mapper: POHODA (ERP) ⇄ WooCommerce (shop).
 * Each sync cycle polls both systems for changes (snapshots in the workflow ledger), maps the events and writes
 * the result to the other side the way our writer nodes do: the write, then `ledger.noteWrite`.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { detectOrderEvents, eventJson } from '../../../lib/connectors/erp';
import { PohodaConnector } from '../../../lib/connectors/pohoda';
import { WooCommerceShop } from '../../../lib/connectors/woocommerce';
import { testStore, workflowLedger } from '../../helpers/state';
import type { Order } from '../../../lib/model';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { n8nSend } from '../../../nodes/shared/transport';
import { createContext, execute } from '../../helpers/n8n-context';
import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new OrderStatusMapper();
const PAIRS = 8;

interface Totals {
	wooWrites: string[];
	pohodaWrites: string[];
	mails: string[];
	mapped: number;
	dropped: number;
}

let woo: WooSimulator;
let pohoda: PohodaSimulator;

beforeAll(async () => {
	[woo, pohoda] = await Promise.all([startWooSimulator(), startPohodaSimulator({ validate: false })]);
});
afterAll(async () => {
	await Promise.all([woo.close(), pohoda.close()]);
});

type Writers = 'connectors' | 'nodes';

/**
 * A workflow: its static data, the connectors through n8n's request helper, and one sync cycle. The writes go
 * through the connectors plus `noteWrite` (what every writer node does), or through the Shop Order and ERP Order
 * Status nodes themselves.
 */
function workflow(mapperRuns: Array<{ parameters: IDataObject; from: 'pohoda' | 'woocommerce' | 'both' }>, writers: Writers = 'connectors') {
	const staticData: Record<string, IDataObject> = {};
	const credentials = {
		orderSyncWooCommerceApi: { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret },
		orderSyncPohodaApi: { url: pohoda.url, username: 'admin', password: 'heslo', ico: pohoda.ico, application: 'Order Sync test' },
	};
	const context = createContext(node, { credentials, staticData });
	// The writers open the workflow's ledger the way openLedger does, so they and the mapper share it.
	const ledger = () => workflowLedger(context.getWorkflow().id);
	const shop = new WooCommerceShop({ url: woo.url, send: n8nSend(context as never, 'orderSyncWooCommerceApi') });
	const erp = new PohodaConnector({
		url: pohoda.url,
		ico: pohoda.ico,
		application: 'Order Sync test',
		externalSystem: 'woocommerce',
		send: n8nSend(context as never, 'orderSyncPohodaApi'),
	});
	const totals: Totals = { wooWrites: [], pohodaWrites: [], mails: [], mapped: 0, dropped: 0 };

	async function poll(): Promise<INodeExecutionData[]> {
		const orders: Order[] = [];
		for await (const page of erp.changedOrders('2000-01-01T00:00:00')) orders.push(...page.orders);
		orders.push(...(await shop.listOrders({})));
		const detection = await detectOrderEvents(ledger(), orders.map((order) => ({ order, source: order })));
		await detection.commit();
		return detection.events.map(({ event }) => ({ json: eventJson(event) as IDataObject }));
	}

	async function writeWithNodes(item: INodeExecutionData, to: string, targetSystem: string, order: Order) {
		if (targetSystem === 'woocommerce') {
			const { output } = await execute(new ShopOrder(), {
				parameters: { shop: 'woocommerce', resource: 'order', operation: 'updateStatus', orderId: order.externalIds.woocommerce, status: to },
				items: [item],
				credentials,
				staticData,
			});
			expect((output[0][0].json.order as unknown as Order).status.code).toBe(to);
			totals.wooWrites.push(`${order.externalIds.woocommerce}:${to}`);
		} else if (to === 'executed') {
			const { output } = await execute(new ErpOrderStatus(), {
				parameters: { erp: 'pohoda', operation: 'createInvoice', orderId: order.externalIds.pohoda },
				items: [item],
				credentials,
				staticData,
			});
			expect(output[0][0].json.invoice).toMatchObject({ created: true });
			totals.pohodaWrites.push(`${order.externalIds.pohoda}:${to}`);
		}
	}

	async function write(item: INodeExecutionData) {
		const { to, targetSystem } = item.json.status as { to: string; targetSystem: string };
		const order = item.json.order as unknown as Order;
		const notify = item.json.notify as { enabled: boolean; event: string };
		if (notify.enabled) totals.mails.push(`${order.system}:${order.id}:${notify.event}`);
		if (writers === 'nodes') return writeWithNodes(item, to, targetSystem, order);
		if (targetSystem === 'woocommerce') {
			const id = order.externalIds.woocommerce;
			const [result] = await shop.updateStatuses([{ orderId: id, status: to }]);
			expect(result.ok).toBe(true);
			await ledger().noteWrite('woocommerce', id, to);
			totals.wooWrites.push(`${id}:${to}`);
		} else if (to === 'executed') {
			// POHODA's only writable state: issuing the invoice executes the order.
			const id = order.externalIds.pohoda;
			await erp.createInvoiceFromOrder(id);
			await ledger().noteWrite('pohoda', id, 'executed');
			totals.pohodaWrites.push(`${id}:${to}`);
		}
	}

	/** One poll of both systems, mapped and written; the number of events it saw. */
	async function cycle(): Promise<number> {
		const events = await poll();
		for (const run of mapperRuns) {
			const items = events.filter((e) => run.from === 'both' || e.json.system === run.from);
			if (items.length === 0) continue;
			const { output } = await execute(node, { parameters: run.parameters, items, staticData });
			Object.assign(totals, { mapped: totals.mapped + output[0].length, dropped: totals.dropped + items.length - output[0].length - (output[1]?.length ?? 0) });
			for (const item of output[0]) await write(item);
		}
		return events.length;
	}

	/** Cycles until a poll sees nothing new; how many cycles that took. */
	async function settle(): Promise<number> {
		for (let cycles = 1; cycles <= 6; cycles++) if ((await cycle()) === 0) return cycles;
		throw new Error('the systems never settled: a status is bouncing between them');
	}

	return { ledger, totals, poll, settle, staticData };
}

/** Linked pairs: POHODA order (imported from the shop) ⇄ WooCommerce order with `_pohoda_id`. */
function seedPairs(offset: number) {
	const pairs = Array.from({ length: PAIRS }, (_, i) => ({ pohodaId: offset + i + 1, wooId: 5000 + offset + i + 1 }));
	pohoda.seed(
		pairs.map(({ pohodaId, wooId }) => ({
			id: pohodaId,
			extId: { ids: String(wooId), exSystemName: 'woocommerce' },
			partner: { name: 'Jana Nováková', email: `jana${wooId}@example.cz` },
			lines: [{ text: 'Čaj', code: 'CAJ-01', quantity: 1, unitPrice: 90 }],
		})),
	);
	woo.seed(pairs.map(({ pohodaId, wooId }) => ({ id: wooId, status: 'processing', meta_data: [{ id: wooId, key: '_pohoda_id', value: String(pohodaId) }] })));
	return pairs;
}

const mapper = (direction: string) => ({
	sourceSystem: 'pohoda',
	targetSystem: 'woocommerce',
	direction,
	preset: 'pohoda_woocommerce',
	unmapped: 'output',
	options: { notifyOnEdits: false },
});

/** The merchant's changes, alternating sides, over many rounds. */
async function merchantRounds(pairs: ReturnType<typeof seedPairs>, settle: () => Promise<number>) {
	const cycles: number[] = [];
	for (const [round, pair] of pairs.entries()) {
		if (round % 4 === 0) pohoda.setExecuted(pair.pohodaId);
		if (round % 4 === 1) await woo.setStatus(pair.wooId, 'completed');
		if (round % 4 === 2) pohoda.cancel(pair.pohodaId);
		if (round % 4 === 3) await woo.setStatus(pair.wooId, 'on-hold');
		cycles.push(await settle());
	}
	return cycles;
}

describe('two-way sync POHODA ⇄ WooCommerce through the mapper', () => {
	it.each([
		['connectors', 0],
		['nodes', 200],
	] as const)('never bounces a status back: one write and one mail per merchant change, over many rounds (writes through %s)', async (writers, offset) => {
		const pairs = seedPairs(offset);
		const sync = workflow([{ parameters: mapper('both'), from: 'both' }], writers);
		await sync.poll(); // the first look only takes snapshots
		const cycles = await merchantRounds(pairs, sync.settle);

		const executed = pairs.filter((_, i) => i % 4 === 0);
		const completedInShop = pairs.filter((_, i) => i % 4 === 1);
		const cancelled = pairs.filter((_, i) => i % 4 === 2);
		expect(sync.totals.wooWrites.sort()).toEqual(
			[...executed.map((p) => `${p.wooId}:completed`), ...cancelled.map((p) => `${p.wooId}:cancelled`)].sort(),
		);
		expect(sync.totals.pohodaWrites.sort()).toEqual(completedInShop.map((p) => `${p.pohodaId}:executed`).sort());
		expect(sync.totals.mails.sort()).toEqual(
			[
				...executed.map((p) => `pohoda:${p.pohodaId}:completed`),
				...completedInShop.map((p) => `woocommerce:${p.wooId}:completed`),
				...cancelled.map((p) => `pohoda:${p.pohodaId}:cancelled`),
			].sort(),
		);
		// Every echo came back once and was dropped; nothing is left waiting in the ledger.
		expect(sync.totals.dropped).toBe(sync.totals.wooWrites.length + sync.totals.pohodaWrites.length);
		expect(await testStore().namespace('wf:test-workflow').list('wrote|')).toEqual([]);
		// Each change settles after the write (cycle 1), the echo (cycle 2), and a quiet poll.
		expect(Math.max(...cycles)).toBeLessThanOrEqual(3);
		const invoiced = [...pohoda.invoices.values()].filter((invoice) => pairs.some((p) => p.pohodaId === invoice.orderId));
		expect(invoiced.map((invoice) => invoice.orderId).sort()).toEqual(completedInShop.map((p) => p.pohodaId).sort());
		for (const p of executed) expect(woo.orders.get(p.wooId)?.status).toBe('completed');
	});

	it('without the ledger check (two one-way mappers), the echo is synced back and the customer mailed twice', async () => {
		const pairs = seedPairs(100);
		const sync = workflow([
			{ parameters: mapper('sourceToTarget'), from: 'pohoda' },
			{ parameters: mapper('targetToSource'), from: 'woocommerce' },
		]);
		await sync.poll();
		await merchantRounds(pairs, sync.settle);
		const completedInShop = pairs.filter((_, i) => i % 4 === 1);
		// The shop's "completed" invoices the POHODA order; POHODA's "executed" comes back and completes the shop order again.
		for (const p of completedInShop) {
			expect(sync.totals.mails.filter((m) => m.endsWith(':completed') && (m.includes(`:${p.wooId}:`) || m.includes(`:${p.pohodaId}:`)))).toHaveLength(2);
			expect(sync.totals.wooWrites).toContain(`${p.wooId}:completed`);
		}
		expect(sync.totals.dropped).toBe(0);
	});
});
