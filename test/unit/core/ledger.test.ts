import { Ledger, ObjectLedgerBackend, ProcessSharedBackend, type LedgerData } from '../../../lib/ledger';

const DAY = 86_400_000;

function ledgerAt(clock: { now: number }, container: Record<string, unknown> = {}) {
	return { container, ledger: new Ledger(ObjectLedgerBackend.inside(container), { now: () => clock.now, retentionDays: 90 }) };
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

	it('survives a restart: the state lives in the plain container, as JSON', async () => {
		const clock = { now: Date.now() };
		const first = ledgerAt(clock);
		await first.ledger.complete('ozon', 'P-1', 'seen');
		await first.ledger.saveSnapshot('ozon', 'P-1', { status: 'awaiting_packaging' });
		await first.ledger.setWatermark('ozon', '2026-11-01T00:00:00Z');
		const restored = ledgerAt(clock, JSON.parse(JSON.stringify(first.container)));
		expect(await restored.ledger.isDone('ozon', 'P-1', 'seen')).toBe(true);
		expect(await restored.ledger.snapshot('ozon', 'P-1')).toEqual({ status: 'awaiting_packaging' });
		expect(await restored.ledger.watermark('ozon')).toBe('2026-11-01T00:00:00Z');
	});

	it('prunes what is older than the retention, but never watermarks', async () => {
		const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
		const { ledger, container } = ledgerAt(clock);
		await ledger.complete('woocommerce', 'old', 'mail:completed');
		await ledger.setWatermark('woocommerce', '2026-01-01T00:00:00Z');
		clock.now += 60 * DAY;
		await ledger.complete('woocommerce', 'recent', 'mail:completed');
		clock.now += 40 * DAY;
		expect(await ledger.prune()).toBe(1);
		expect(await ledger.isDone('woocommerce', 'old', 'mail:completed')).toBe(false);
		expect(await ledger.isDone('woocommerce', 'recent', 'mail:completed')).toBe(true);
		expect(await ledger.watermark('woocommerce')).toBe('2026-01-01T00:00:00Z');
		expect(Object.keys((container.orderSyncLedger as LedgerData).value)).not.toContain('act|woocommerce|old|mail:completed');
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

	it('keeps keys apart even when ids contain the separator', async () => {
		const { ledger } = ledgerAt({ now: Date.now() });
		await ledger.complete('a|b', 'c', 'd');
		expect(await ledger.isDone('a', 'b|c', 'd')).toBe(false);
	});

	it('repairs a container whose ledger slot is not a ledger', async () => {
		const container: Record<string, unknown> = { orderSyncLedger: 'garbage' };
		const { ledger } = ledgerAt({ now: Date.now() }, container);
		expect(await ledger.claim('s', '1', 'x')).toBe(true);
	});
});

describe('ProcessSharedBackend', () => {
	const open = (container: Record<string, unknown>, workflow: string, clock: { now: number }) =>
		new Ledger(new ProcessSharedBackend(ObjectLedgerBackend.inside(container), workflow, () => clock.now), { now: () => clock.now });

	it('stops a concurrent execution holding a stale copy of static data from acting twice', async () => {
		const clock = { now: Date.now() };
		const saved = {};
		const first = open(JSON.parse(JSON.stringify(saved)), 'wf-concurrent', clock);
		const second = open(JSON.parse(JSON.stringify(saved)), 'wf-concurrent', clock);
		expect(await first.claim('woocommerce', '42', 'mail:completed')).toBe(true);
		expect(await second.claim('woocommerce', '42', 'mail:completed')).toBe(false);
		await first.complete('woocommerce', '42', 'mail:completed');
		expect(await second.isDone('woocommerce', '42', 'mail:completed')).toBe(true);
	});

	it('keeps workflows apart, and sees a release at once', async () => {
		const clock = { now: Date.now() };
		const a = open({}, 'wf-a', clock);
		const b = open({}, 'wf-b', clock);
		expect(await a.claim('pohoda', '1', 'import')).toBe(true);
		expect(await b.claim('pohoda', '1', 'import')).toBe(true);
		await a.release('pohoda', '1', 'import');
		expect(await open({}, 'wf-a', clock).claim('pohoda', '1', 'import')).toBe(true);
	});

	it('falls back to the stored record once the shared memory has expired', async () => {
		const clock = { now: Date.now() };
		const stored = {};
		await open(stored, 'wf-expiry', clock).complete('ozon', 'P-9', 'seen');
		clock.now += 2 * 60 * 60_000;
		expect(await open({}, 'wf-expiry', clock).isDone('ozon', 'P-9', 'seen')).toBe(false);
		expect(await open(stored, 'wf-expiry', clock).isDone('ozon', 'P-9', 'seen')).toBe(true);
	});
});

describe('ProcessSharedBackend under concurrent claims', () => {
	it('grants one of many simultaneous claims', async () => {
		const clock = { now: Date.now() };
		const ledgers = Array.from({ length: 5 }, () =>
			new Ledger(new ProcessSharedBackend(ObjectLedgerBackend.inside({}), 'wf-race', () => clock.now), { now: () => clock.now }),
		);
		const granted = await Promise.all(ledgers.map((ledger) => ledger.claim('woocommerce', '1', 'mail:shipped')));
		expect(granted.filter(Boolean)).toHaveLength(1);
	});
});
