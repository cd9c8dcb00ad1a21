import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BaseLinkerShop, baseLinkerAccountKey } from '../../../lib/connectors/baselinker';
import type { StateStore } from '../../../lib/state';
import { nodeHttpSend, SharedBudget, type BudgetFactory, type HttpSend } from '../../../lib/transport';
import { nodeWithSqlite } from '../../helpers/modern-node';
import { describeWith } from '../../helpers/requires';
import { startBaseLinkerSimulator, type BaseLinkerSimulator } from '../../simulators/baselinker';
import { RemoteStateStore } from '../../state/remote-store';

const { binary, missing } = nodeWithSqlite();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-bl-budget-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const opener = { module: path.join(__dirname, '../../state/sqlite-open.ts'), exportName: 'openSqliteStore', config: { file: path.join(dir, 'state.sqlite') } };

/** The budget as nodes/shared/budget.ts builds it, over the given store. */
const budgetOn =
	(store: StateStore): BudgetFactory =>
	(bucket, limit) =>
		new SharedBudget((name, capacity, windowMs) => store.reserve(name, capacity, windowMs), `rate|${bucket}`, limit);

/** The most requests BaseLinker saw in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
	let most = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

// A scaled minute: BaseLinker's 100 a minute becomes 10 a second, the default budget of 90 a minute 9 a second.
const WINDOW_MS = 1000;
const LIMIT = 10;
const PER_MINUTE = 9 * 60;
const CALLS_EACH = 30;

describeWith('a Node.js with node:sqlite', missing, () => {
	let sim: BaseLinkerSimulator;
	let stores: RemoteStateStore[];
	beforeEach(async () => {
		sim = await startBaseLinkerSimulator({ ratePerMinute: LIMIT, windowMs: WINDOW_MS, blockSeconds: 1 });
		stores = await Promise.all([RemoteStateStore.open('sqlite', binary!, opener), RemoteStateStore.open('sqlite', binary!, opener)]);
	});
	afterEach(async () => {
		await Promise.all(stores.map((s) => s.close()));
		await sim.close();
	});

	const send: HttpSend = (request) => nodeHttpSend()({ ...request, headers: { ...request.headers, 'X-BLToken': sim.token } });
	const accountKey = () => baseLinkerAccountKey(sim.token);

	it('two workflows in two processes share one budget per token in SQLite: never blocked, never faster than the budget (throughput: npm run bench -- baselinker)', async () => {
		const shops = stores.map((store) => new BaseLinkerShop({ url: sim.url, send, accountKey: accountKey(), perMinute: PER_MINUTE, budget: budgetOn(store) }));
		const started = Date.now();
		await Promise.all(shops.map((shop) => Promise.all(Array.from({ length: CALLS_EACH }, () => shop.listStatuses()))));
		const seconds = (Date.now() - started) / 1000;
		const served = sim.requests.map((r) => r.at);
		expect(sim.requests.filter((r) => r.errorCode === 'ERROR_BLOCKED_TOKEN')).toHaveLength(0);
		expect(shops.map((s) => s.client.blocks)).toEqual([0, 0]);
		expect(served).toHaveLength(2 * CALLS_EACH);
		expect(busiestWindow(served, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
		// How close to the budget it gets is a figure of the benchmark, not a test: a busy machine only slows it down.
		expect(served.length / seconds).toBeLessThanOrEqual((PER_MINUTE / 60) * 1.05);
	}, 30_000);

	it('is what keeps them under the limit: two budgets of their own get the token blocked', async () => {
		const shops = stores.map(
			(store, i) => new BaseLinkerShop({ url: sim.url, send, accountKey: `${accountKey()}-${i}`, perMinute: PER_MINUTE, budget: budgetOn(store) }),
		);
		await Promise.all(shops.map((shop) => Promise.allSettled(Array.from({ length: CALLS_EACH }, () => shop.listStatuses()))));
		expect(sim.requests.filter((r) => r.errorCode === 'ERROR_BLOCKED_TOKEN').length).toBeGreaterThan(0);
	}, 60_000);

	it('keeps the token out of the store: the budget is keyed by its hash', () => {
		expect(accountKey()).not.toContain(sim.token);
		expect(accountKey()).toMatch(/^[0-9a-f]{24}$/);
	});
});
