import { MemoryStateStore, importStaticLedger, type StateStore } from '../../../lib/state';
import { ledgerOn } from '../../helpers/state';

const DAY = 86_400_000;

function ledgerAt(clock: { now: number }, store: StateStore = new MemoryStateStore(), workflowId = 'wf-1') {
	return { store, ledger: ledgerOn(store, workflowId, { now: () => clock.now, retentionDays: 90 }) };
}

describe('Ledger', () => {
	it('lets exactly one caller claim an action, and keeps it done', async () => {
		const { ledger } = ledgerAt({ now: Date.now() });
		expect(await ledger.claim('woocommerce', '42', 'mail:shipped')).toBe(true);
		expect(await ledger.claim('woocommerce', '42', 'mail:shipped')).toBe(false);
		await ledger.complete('woocommerce', '42', 'mail:shipped', { messageId: '<m1>' });
		expect(await ledger.isDone('woocommerce', '42', 'mail:shipped')).toBe(true);
		expect(await ledger.claim('woocommerce', '42', 'mail:shipped')).toBe(false);
		expect(await ledger.detail('woocommerce', '42', 'mail:shipped')).toEqual({ messageId: '<m1>' });
	});

	it('frees a released claim for the next run', async () => {
		const { ledger } = ledgerAt({ now: Date.now() });
		expect(await ledger.claim('pohoda', '1', 'import')).toBe(true);
		await ledger.release('pohoda', '1', 'import');
		expect(await ledger.actionState('pohoda', '1', 'import')).toBeUndefined();
		expect(await ledger.claim('pohoda', '1', 'import')).toBe(true);
	});

	it('shares actions across workflows but keeps snapshots, echo notes and watermarks per workflow', async () => {
		const clock = { now: Date.now() };
		const { store, ledger: statusSync } = ledgerAt(clock, undefined, 'wf-status');
		const invoices = ledgerAt(clock, store, 'wf-invoice').ledger;
		expect(await statusSync.claim('pohoda', '7', 'mail:completed')).toBe(true);
		await statusSync.complete('pohoda', '7', 'mail:completed', { messageId: '<m7>' });
		expect(await invoices.claim('pohoda', '7', 'mail:completed')).toBe(false);
		expect(await invoices.detail('pohoda', '7', 'mail:completed')).toEqual({ messageId: '<m7>' });
		await statusSync.saveSnapshot('ozon', 'P-1', { status: 'awaiting_packaging' });
		await statusSync.setWatermark('ozon', '2026-11-01T00:00:00Z');
		await statusSync.noteWrite('woocommerce', '7', 'completed');
		await statusSync.markSeen('ozon', 'P-1', 'fetched');
		expect(await invoices.snapshot('ozon', 'P-1')).toBeUndefined();
		expect(await invoices.watermark('ozon')).toBeUndefined();
		expect(await invoices.consumeWrite('woocommerce', '7', 'completed')).toBe(false);
		expect(await invoices.seen('ozon', 'P-1', 'fetched')).toBe(false);
		expect(await statusSync.seen('ozon', 'P-1', 'fetched')).toBe(true);
		expect(await statusSync.consumeWrite('woocommerce', '7', 'completed')).toBe(true);
	});

	it('lists what was done for an order, oldest first, for the audit', async () => {
		const clock = { now: Date.parse('2026-11-01T10:00:00Z') };
		const { ledger } = ledgerAt(clock);
		await ledger.claim('woocommerce', '42', 'mail:processing');
		await ledger.complete('woocommerce', '42', 'mail:processing', { messageId: '<a>', to: ['jan@example.sk'] });
		clock.now += 60_000;
		await ledger.claim('woocommerce', '42', 'mail:completed');
		await ledger.claim('woocommerce', '420', 'mail:completed');
		expect(await ledger.actions('woocommerce', '42')).toEqual([
			{ action: 'mail:processing', state: 'done', at: '2026-11-01T10:00:00.000Z', detail: { messageId: '<a>', to: ['jan@example.sk'] } },
			{ action: 'mail:completed', state: 'claimed', at: '2026-11-01T10:01:00.000Z' },
		]);
	});

	it('prunes what is older than the retention, but never watermarks', async () => {
		const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
		const { ledger, store } = ledgerAt(clock);
		await ledger.complete('woocommerce', 'old', 'mail:completed');
		await ledger.setWatermark('woocommerce', '2026-01-01T00:00:00Z');
		clock.now += 60 * DAY;
		await ledger.complete('woocommerce', 'recent', 'mail:completed');
		clock.now += 40 * DAY;
		expect(await ledger.prune()).toBe(1);
		expect(await ledger.isDone('woocommerce', 'old', 'mail:completed')).toBe(false);
		expect(await ledger.isDone('woocommerce', 'recent', 'mail:completed')).toBe(true);
		expect(await ledger.watermark('woocommerce')).toBe('2026-01-01T00:00:00Z');
		expect((await store.namespace('instance').list('act|woocommerce|')).map((r) => r.key)).toEqual(['act|woocommerce|recent|mail:completed']);
	});

	it('recognises the echo of its own write once, and only within the window', async () => {
		const clock = { now: Date.now() };
		const { ledger } = ledgerAt(clock);
		await ledger.noteWrite('woocommerce', '7', 'Completed');
		expect(await ledger.consumeWrite('woocommerce', '7', 'completed')).toBe(true);
		expect(await ledger.consumeWrite('woocommerce', '7', 'completed')).toBe(false);
		await ledger.noteWrite('woocommerce', '7', 'cancelled');
		clock.now += 8 * DAY;
		expect(await ledger.consumeWrite('woocommerce', '7', 'cancelled')).toBe(false);
	});

	it('takes no state changed after a later write of ours for the echo of an earlier one, and finds a write a person set back', async () => {
		const clock = { now: Date.now() };
		const { ledger } = ledgerAt(clock);
		await ledger.noteWrite('enova365', 'shop:7', 'Anulowany');
		clock.now += 10;
		await ledger.noteWrite('enova365', 'shop:7', 'Niepotwierdzony');
		// Anulowany again after our Niepotwierdzony: a person's change, not the echo of the first write.
		expect(await ledger.consumeWrite('enova365', 'shop:7', 'anulowany', { changedAt: clock.now + 5 })).toBe(false);
		// Seen as it was at the first write (the later one still on its way): the echo.
		expect(await ledger.consumeWrite('enova365', 'shop:7', 'anulowany', { changedAt: clock.now - 5 })).toBe(true);
		// The order holds Potwierdzony, as last seen, though we wrote Niepotwierdzony before it changed: set back by a person.
		const seen = (after: number, before: number) => ledger.overwrittenWrite('enova365', ['ZO/7', 'shop:7'], 'Potwierdzony', { after, before });
		expect(await seen(clock.now - 100, clock.now + 5)).toBe('niepotwierdzony');
		// Changed before our write, or our write made before the change last seen: nothing set back.
		expect(await seen(clock.now - 100, clock.now - 5)).toBeUndefined();
		expect(await seen(clock.now + 1, clock.now + 5)).toBeUndefined();
		await ledger.forgetWritesBefore('enova365', 'shop:7', clock.now + 5);
		expect(await seen(clock.now - 100, clock.now + 5)).toBeUndefined();
	});

	it('keeps keys apart even when ids contain the separator', async () => {
		const { ledger } = ledgerAt({ now: Date.now() });
		await ledger.complete('a|b', 'c', 'd');
		expect(await ledger.isDone('a', 'b|c', 'd')).toBe(false);
	});

	it('grants one of many simultaneous claims, also when taking over a stale one', async () => {
		const clock = { now: Date.now() };
		const { store } = ledgerAt(clock);
		const ledgers = Array.from({ length: 5 }, (_, i) => ledgerAt(clock, store, `wf-${i}`).ledger);
		const granted = await Promise.all(ledgers.map((ledger) => ledger.claim('woocommerce', '1', 'mail:shipped')));
		expect(granted.filter(Boolean)).toHaveLength(1);
		clock.now += 61 * 60_000;
		const takenOver = await Promise.all(ledgers.map((ledger) => ledger.claim('woocommerce', '1', 'mail:shipped')));
		expect(takenOver.filter(Boolean)).toHaveLength(1);
	});
});

describe('a ledger kept in static data by an earlier version', () => {
	const oldLedger = () => ({
		orderSyncLedger: {
			at: { 'act|ozon|P-1|fetched': 1_780_000_000, 'act|woocommerce|42|mail:completed': 1_780_000_000, 'detail|woocommerce|42|mail:completed': 1_780_000_000, 'snap|pohoda|7': 1_780_000_000, 'wm|pohoda': -1_780_000_000 },
			value: { 'detail|woocommerce|42|mail:completed': '{"messageId":"<old>"}', 'snap|pohoda|7': '{"status":"new"}', 'wm|pohoda': '"2026-05-28 10:00:00"' },
		},
	});

	it('is moved into the store once, so upgrading mails nobody again', async () => {
		const store = new MemoryStateStore();
		const container: Record<string, unknown> = oldLedger();
		expect(await importStaticLedger(container, store.namespace('wf:1'), store.namespace('instance'))).toBe(5);
		expect(container.orderSyncLedger).toBeUndefined();
		const ledger = ledgerOn(store, '1');
		expect(await ledger.claim('woocommerce', '42', 'mail:completed')).toBe(false);
		expect(await ledger.detail('woocommerce', '42', 'mail:completed')).toEqual({ messageId: '<old>' });
		expect(await ledger.snapshot('pohoda', '7')).toEqual({ status: 'new' });
		expect(await ledger.watermark('pohoda')).toBe('2026-05-28 10:00:00');
		expect(await ledger.seen('ozon', 'P-1', 'fetched')).toBe(true);
		expect(await ledgerOn(store, '2').seen('ozon', 'P-1', 'fetched')).toBe(false);
		// A stale copy of the static data coming back later (another execution saving it) changes nothing.
		await ledger.setWatermark('pohoda', '2026-12-01 08:00:00');
		expect(await importStaticLedger(oldLedger(), store.namespace('wf:1'), store.namespace('instance'))).toBe(0);
		expect(await ledger.watermark('pohoda')).toBe('2026-12-01 08:00:00');
	});

	it('ignores a slot that is not a ledger', async () => {
		const store = new MemoryStateStore();
		expect(await importStaticLedger({ orderSyncLedger: 'garbage' }, store.namespace('wf:1'), store.namespace('instance'))).toBe(0);
	});
});

