import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { poll } from '../../helpers/trigger-context';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../../simulators/prestashop';

const node = new ShopTrigger();
let sim: PrestaShopSimulator;
let workflowId = 0;

beforeEach(async () => {
	sim = await startPrestaShopSimulator();
});
afterEach(() => sim.close());

describe('Shop Trigger on PrestaShop (polling)', () => {
	const staticData: Record<string, IDataObject> = {};
	const options = (events = ['created', 'statusChanged', 'updated']) => ({
		parameters: { shop: 'prestashop', mode: 'polling', events, overlapSeconds: 120 },
		credentials: { orderSyncPrestaShopApi: { url: sim.url, apiKey: sim.key, timeZone: sim.timeZone, urlForm: 'friendly', allowUnauthorizedCerts: false } },
		staticData,
		workflowId: `presta-trigger-${workflowId}`,
	});
	beforeEach(() => {
		workflowId++;
		for (const key of Object.keys(staticData)) delete staticData[key];
	});

	it('starts at the latest change, then reports a state change with the previous state, and a new order as created', async () => {
		expect(await poll(node, options())).toBeNull();
		sim.setState('2', '3');
		const changed = await poll(node, options());
		expect(changed?.[0].map((item) => item.json)).toEqual([
			expect.objectContaining({ kind: 'status_changed', previousStatus: { code: '10', label: 'Awaiting bank wire payment' }, newStatus: { code: '3', label: 'Zpracovává se' } }),
		]);
		// The overlap window sees the order again; it is not reported twice.
		expect(await poll(node, options())).toBeNull();

		const created = sim.addOrder({ customer: '5', state: '10', lines: [{ sku: 'RW-MUG', name: 'Mug', quantity: 1, price: 8.25 }] });
		const next = await poll(node, options());
		expect(next?.[0].map((item) => [item.json.kind, (item.json.order as IDataObject).id])).toEqual([['created', String(created.id)]]);
		// Every date filter the trigger sent came with date=1.
		expect(sim.requests.filter((r) => Object.keys(r.query).some((k) => k.startsWith('filter[date')) && r.query.date !== '1')).toEqual([]);
	});

	it('gives an order it has never seen the state it left, from order_histories; an order in its state since before the start brings nothing', async () => {
		const old = String(sim.addOrder({ customer: '3', state: '10', lines: [{ sku: 'RW-BOOK', name: 'Kniha', quantity: 1, price: 20 }], at: '2026-01-05 09:00:00' }).id);
		const older = String(sim.addOrder({ customer: '2', state: '2', lines: [{ sku: 'RW-MUG', name: 'Hrnček', quantity: 1, price: 8.25 }], at: '2026-01-04 09:00:00' }).id);
		expect(await poll(node, options())).toBeNull();
		sim.setState(old, '3');
		// Something else changes on the other order (its date_upd moves), not its state.
		const order = sim.db.orders.get(older) as Record<string, string>;
		order.date_upd = DateTime.now().setZone(sim.timeZone).toFormat('yyyy-MM-dd HH:mm:ss');
		const changed = await poll(node, options());
		expect(changed?.[0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				kind: 'status_changed',
				previousStatus: { code: '10', label: 'Awaiting bank wire payment' },
				newStatus: { code: '3', label: 'Zpracovává se' },
				order: expect.objectContaining({ id: old }),
			}),
		]);
		expect(sim.requests.filter((r) => r.path === 'order_histories').map((r) => r.query['filter[id_order]']).sort()).toEqual([`[${old}]`, `[${older}]`]);
		expect(await poll(node, options())).toBeNull();
	});

	it('does not see a tracking number: it does not move date_upd', async () => {
		expect(await poll(node, options())).toBeNull();
		sim.setTracking('2', 'CZ999');
		expect(await poll(node, options())).toBeNull();
	});
});
