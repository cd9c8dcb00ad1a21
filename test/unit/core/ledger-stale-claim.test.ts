import { MemoryStateStore } from '../../../lib/state';
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
});
