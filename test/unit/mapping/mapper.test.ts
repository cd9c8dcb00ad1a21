import { memoryLedger } from '../../helpers/state';
import { StatusMapper, findPreset, writtenByShopOrderId, type MapperConfig } from '../../../lib/mapping';
import type { Order } from '../../../lib/model';

const order = (system: string, id: string, status: string, extra: Partial<Order> = {}): Order => ({
	system,
	id,
	externalIds: {},
	status: { code: status },
	customer: { email: 'jana@example.sk' },
	lines: [{ sku: 'A', name: 'Mug', quantity: 1 }],
	...extra,
});

const event = (o: Order, kind = 'status_changed') => ({ kind, system: o.system, newStatus: o.status, changedAt: '2026-11-22T10:00:00Z', order: o });

const config = (extra: Partial<MapperConfig> = {}): MapperConfig => ({
	rows: findPreset('pohoda_woocommerce')!.rows,
	sourceSystem: 'pohoda',
	targetSystem: 'woocommerce',
	direction: 'both',
	...extra,
});

describe('StatusMapper', () => {
	it('maps forward items from the source and reverse items from the target', async () => {
		const mapper = new StatusMapper(config());
		expect(await mapper.map({ json: event(order('pohoda', '7', 'executed')) })).toEqual({
			kind: 'mapped',
			status: { from: 'executed', to: 'completed', canonical: 'completed', matchedBy: 'exact', sourceSystem: 'pohoda', targetSystem: 'woocommerce' },
			notify: { event: 'completed', enabled: true },
		});
		expect(await mapper.map({ json: event(order('woocommerce', '1001', 'Cancelled ')) })).toMatchObject({
			kind: 'mapped',
			status: { from: 'Cancelled ', to: 'cancelled', matchedBy: 'tolerant', sourceSystem: 'woocommerce', targetSystem: 'pohoda' },
		});
	});

	it('maps a plain item by the status it is given, and reports what has no row', async () => {
		const mapper = new StatusMapper(config({ direction: 'sourceToTarget' }));
		expect(await mapper.map({ json: { state: 'NEW' }, status: 'NEW' })).toMatchObject({ kind: 'mapped', status: { to: 'processing', matchedBy: 'tolerant' } });
		expect(await mapper.map({ json: { status: 'storno' } })).toMatchObject({ kind: 'unmapped', status: { from: 'storno', to: null, matchedBy: 'none' } });
	});

	it('drops the echo of its own write exactly once, and only in two-way mode', async () => {
		const ledger = memoryLedger().ledger;
		const mapper = new StatusMapper(config(), ledger);
		await ledger.noteWrite('woocommerce', '1001', 'completed');
		const echo = event(order('woocommerce', '1001', 'completed'));
		expect((await mapper.map({ json: echo })).kind).toBe('echo');
		// The merchant completing the order again later is a real change.
		expect((await mapper.map({ json: echo })).kind).toBe('mapped');

		await ledger.noteWrite('woocommerce', '1002', 'completed');
		const oneWay = new StatusMapper(config({ direction: 'targetToSource' }), ledger);
		expect((await oneWay.map({ json: event(order('woocommerce', '1002', 'completed')) })).kind).toBe('mapped');
	});

	it('drops the echo of a write made by the shop order id, matched through the shop order id the row carries', async () => {
		const ledger = memoryLedger().ledger;
		const rows = [{ source: 'Zrealizowany', target: 'completed', notify: true, event: 'completed' as const }];
		const mapper = new StatusMapper(config({ rows, sourceSystem: 'enova365' }), ledger);
		await ledger.noteWrite('enova365', writtenByShopOrderId('1001'), 'Zrealizowany');
		// An ERP row whose own id is the same number is another order: not the echo.
		expect((await mapper.map({ json: event(order('enova365', '1001', 'Zrealizowany', { externalIds: { shop: '77' } })) })).kind).toBe('mapped');
		const echo = event(order('enova365', 'ZO/1', 'Zrealizowany', { externalIds: { enova365: 'ZO/1', shop: '1001' } }));
		expect((await mapper.map({ json: echo })).kind).toBe('echo');
		expect((await mapper.map({ json: echo })).kind).toBe('mapped');
	});

	it('forgets the notes of writes a later change overtook, so the same status set by a person later is not taken for their echo', async () => {
		const ledger = memoryLedger().ledger;
		const mapper = new StatusMapper(config(), ledger);
		const at = (ms: number) => ({ ...event(order('woocommerce', '1004', 'processing')), changedAt: new Date(Date.now() + ms).toISOString() });
		// We wrote completed (its echo never came: the merchant set it back to processing first), then processing is seen.
		await ledger.noteWrite('woocommerce', '1004', 'completed');
		expect((await mapper.map({ json: at(1000) })).kind).toBe('mapped');
		const completedAgain = { ...at(2000), order: order('woocommerce', '1004', 'completed'), newStatus: { code: 'completed' } };
		expect((await mapper.map({ json: completedAgain })).kind).toBe('mapped');
	});

	it('keeps the note of a write made after the change it is looking at (an older state still on its way)', async () => {
		const ledger = memoryLedger().ledger;
		const mapper = new StatusMapper(config(), ledger);
		await ledger.noteWrite('woocommerce', '1005', 'completed');
		const older = { ...event(order('woocommerce', '1005', 'processing')), changedAt: new Date(Date.now() - 5000).toISOString() };
		expect((await mapper.map({ json: older })).kind).toBe('mapped');
		expect((await mapper.map({ json: event(order('woocommerce', '1005', 'completed')) })).kind).toBe('echo');
	});

	it('does not let an edit consume the note of a status write', async () => {
		const ledger = memoryLedger().ledger;
		const mapper = new StatusMapper(config({ notifyOnEdits: true }), ledger);
		await ledger.noteWrite('woocommerce', '1003', 'processing');
		const edited = await mapper.map({ json: event(order('woocommerce', '1003', 'processing'), 'edited') });
		expect(edited).toMatchObject({ kind: 'mapped', notify: { event: 'order_edited', enabled: true } });
		expect((await mapper.map({ json: event(order('woocommerce', '1003', 'processing')) })).kind).toBe('echo');
	});

	it('derives ready, backordered and shipped from the order, the table overriding the defaults', async () => {
		const rows = [
			...findPreset('pohoda_woocommerce')!.rows,
			{ source: 'shipped', target: 'completed', canonical: 'shipped' as const, notify: true, event: 'shipped' as const },
		];
		const mapper = new StatusMapper(config({ rows, derivedRules: ['shipped', 'backordered', 'ready'], deriveFrom: ['processing', 'confirmed'] }));
		const lines = (backordered: number) => [{ sku: 'A', name: 'Mug', quantity: 2, backordered }];
		const ready = await mapper.map({ json: event(order('pohoda', '8', 'processing', { lines: lines(0) })) });
		expect(ready).toMatchObject({ status: { to: 'processing', canonical: 'ready', matchedBy: 'derived' }, notify: { event: 'ready', enabled: true } });
		const back = await mapper.map({ json: event(order('pohoda', '8', 'new', { lines: lines(1) })) });
		expect(back).toMatchObject({ status: { to: 'processing', canonical: 'backordered', matchedBy: 'derived' }, notify: { event: 'backordered' } });
		const shipped = await mapper.map({ json: event(order('pohoda', '8', 'processing', { lines: lines(1), tracking: [{ number: 'Z1' }] })) });
		expect(shipped).toMatchObject({ status: { to: 'completed', canonical: 'shipped', matchedBy: 'derived' }, notify: { event: 'shipped', enabled: true } });
		// A settled status is not refined.
		const done = await mapper.map({ json: event(order('pohoda', '8', 'executed', { lines: lines(0), tracking: [{ number: 'Z1' }] })) });
		expect(done).toMatchObject({ status: { to: 'completed', canonical: 'completed', matchedBy: 'exact' } });
	});

	it('marks out-of-scope items with the reason and never notifies them', async () => {
		const mapper = new StatusMapper(config({ scope: { changedAfter: '2026-11-23T00:00:00Z', timezone: 'UTC' } }));
		const outcome = await mapper.map({ json: event(order('pohoda', '9', 'executed')) });
		expect(outcome).toMatchObject({
			kind: 'outOfScope',
			status: { to: 'completed' },
			notify: { event: 'completed', enabled: false, skipped: expect.stringContaining('out of scope: changed at or before the baseline') },
		});
	});

	it('does not change the input', async () => {
		const json = event(order('pohoda', '10', 'executed'));
		const before = JSON.stringify(json);
		await new StatusMapper(config()).map({ json });
		expect(JSON.stringify(json)).toBe(before);
	});
});
