import { MemoryStateStore } from '../../../lib/state';
import { SharedBudget } from '../../../lib/transport';

describe('SharedBudget', () => {
	it('paces two processes on one account to the vendor rate together, never over it in any second', async () => {
		const store = new MemoryStateStore();
		const clock = { now: 1_000_000 };
		const sends: number[] = [];
		const processOf = () =>
			new SharedBudget((bucket, capacity, windowMs) => store.reserve(bucket, capacity, windowMs, clock.now), 'ozon:123', { perSecond: 50, burst: 50 }, async (ms) => {
				sends.push(clock.now + ms);
			});
		const [a, b] = [processOf(), processOf()];
		for (let i = 0; i < 150; i++) {
			const before = sends.length;
			await (i % 2 ? a : b).take();
			if (sends.length === before) sends.push(clock.now);
			clock.now += 3; // both processes ask far faster than 50/s
		}
		sends.sort((x, y) => x - y);
		for (let i = 50; i < sends.length; i++) expect(sends[i] - sends[i - 50]).toBeGreaterThanOrEqual(1000);
		// and the budget is used, not wasted: 150 requests within three seconds
		expect(sends[sends.length - 1] - sends[0]).toBeLessThanOrEqual(3000);
	});
});
