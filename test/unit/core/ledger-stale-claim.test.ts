import { MemoryStateStore, Processes } from '../../../lib/state';
import { ledgerOn, memoryLedger } from '../../helpers/state';

const MINUTE = 60_000;

describe('a claim left by a run that died', () => {
	test('is taken over once stale, so the action is not lost for good', async () => {
		const clock = { now: Date.parse('2026-11-22T10:00:00Z') };
		const store = new MemoryStateStore();
		const ledger = () => ledgerOn(store, 'wf-stale', { now: () => clock.now });
		expect(await ledger().claim('woocommerce', '42', 'mail:shipped')).toBe(true);
		// The run is cancelled here: neither complete nor release.
		clock.now += 59 * MINUTE;
		expect(await ledger().claim('woocommerce', '42', 'mail:shipped')).toBe(false);
		clock.now += 2 * MINUTE;
		expect(await ledger().claim('woocommerce', '42', 'mail:shipped')).toBe(true);
		// The new claim is fresh again: a second caller waits.
		expect(await ledger().claim('woocommerce', '42', 'mail:shipped')).toBe(false);
	});

	test('a done action is never taken over, however old', async () => {
		const clock = { now: Date.parse('2026-11-22T10:00:00Z') };
		const { ledger } = memoryLedger({ now: () => clock.now, staleClaimMinutes: 5 });
		expect(await ledger.claim('pohoda', '1', 'import')).toBe(true);
		await ledger.complete('pohoda', '1', 'import');
		clock.now += 30 * 24 * 60 * MINUTE;
		expect(await ledger.claim('pohoda', '1', 'import')).toBe(false);
		expect(await ledger.isDone('pohoda', '1', 'import')).toBe(true);
	});

	test('is taken over at once when the process that holds it died (kill -9), never while it lives', async () => {
		const clock = { now: Date.parse('2026-11-22T10:00:00Z') };
		const store = new MemoryStateStore();
		const ledgerOf = (processId: string) => {
			const processes = new Processes(store.namespace('instance'), { processId, now: () => clock.now });
			return { processes, ledger: ledgerOn(store, 'wf', { now: () => clock.now, owner: { id: processId, isAlive: (id) => processes.isAlive(id) } }) };
		};
		const crashed = ledgerOf('before-restart');
		await crashed.processes.beat();
		expect(await crashed.ledger.claim('woocommerce', '42', 'mail:completed')).toBe(true);
		const restarted = ledgerOf('after-restart');
		await restarted.processes.beat();
		// Its heartbeat is fresh: it may be sending right now.
		expect(await restarted.ledger.claim('woocommerce', '42', 'mail:completed')).toBe(false);
		clock.now += 3 * MINUTE;
		await restarted.processes.beat();
		expect(await restarted.ledger.claim('woocommerce', '42', 'mail:completed')).toBe(true);
		expect(await ledgerOf('third').ledger.claim('woocommerce', '42', 'mail:completed')).toBe(false);
	});
});
