/**
 * The contract every state store keeps (lib/state/types.ts, lib/ledger/backend.ts), as one suite each backend's
 * test runs against a real instance: `describeStoreContract('PostgreSQL', () => createPostgresStore(...), {...})`.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { LedgerRecord } from '../../lib/ledger/backend';
import type { StateStore } from '../../lib/state/types';
import type { WorkerResult, WorkerTask } from './store-worker';

export interface StoreContractOptions {
	/** True when a second store from `openStore` sees the first one's records: every store but the in-memory one. */
	shared?: boolean;
	/**
	 * How a child process opens the same store: the module (absolute path) and export that open it, the config
	 * passed to that export, and the Node binary to run the child with (default: this one; SQLite needs Node ≥ 22).
	 * Without it the two-process races are left out (the in-memory store).
	 */
	childProcess?: () => { module: string; exportName: string; config: unknown; nodeBinary?: string };
}

const ROOT = path.resolve(__dirname, '../..');
const WORKER = path.join(__dirname, 'store-worker.ts');

let namespaces = 0;
const freshNamespace = (label: string) => `contract:${label}:${process.pid}:${Date.now()}:${namespaces++}`;

/** A record as the contract compares it: `keep` only when true, `value` only when set. */
const normalized = (record: LedgerRecord | undefined) =>
	record && { at: record.at, value: record.value, keep: record.keep === true };

/** Checks a schedule of send times: no window of `windowMs` holds more than `capacity`; returns sends per window. */
function checkSchedule(sends: number[], capacity: number, windowMs: number): number {
	const sorted = [...sends].sort((a, b) => a - b);
	for (let i = capacity; i < sorted.length; i++) {
		if (sorted[i] - sorted[i - capacity] < windowMs) {
			throw new Error(
				`sends ${i - capacity + 1}..${i + 1} at ${sorted[i - capacity]}..${sorted[i]} fall within one window of ${windowMs} ms (capacity ${capacity})`,
			);
		}
	}
	const span = sorted[sorted.length - 1] - sorted[0];
	return ((sorted.length - 1) * windowMs) / span;
}

export function describeStoreContract(
	name: string,
	openStore: () => Promise<StateStore>,
	options: StoreContractOptions = {},
): void {
	const shared = options.shared ?? true;

	describe(`${name} store contract`, () => {
		let store: StateStore;
		beforeAll(async () => {
			store = await openStore();
		});
		afterAll(async () => {
			await store?.close();
		});

		it('gets what was set, with every kind of JSON value, and nothing for a missing key', async () => {
			const ledger = store.namespace(freshNamespace('values'));
			expect(await ledger.get('missing')).toBeUndefined();
			const values: unknown[] = [
				{ messageId: '<1@x>', nested: { list: [1, 'two', null, true] } },
				'claimed',
				42.5,
				0,
				null,
				false,
				[],
				'Žluťoučký kůň 🐎 \u0000 end',
				'x'.repeat(20_000),
			];
			for (const [i, value] of values.entries()) {
				await ledger.set(`v${i}`, { at: 1_700_000_000_000 + i, value });
				expect(normalized(await ledger.get(`v${i}`))).toEqual({ at: 1_700_000_000_000 + i, value, keep: false });
			}
			await ledger.set('bare', { at: 5 });
			const bare = await ledger.get('bare');
			expect(bare?.value).toBeUndefined();
			expect(normalized(bare)).toEqual({ at: 5, value: undefined, keep: false });
			await ledger.set('kept', { at: 6, keep: true, value: 'wm' });
			expect(normalized(await ledger.get('kept'))).toEqual({ at: 6, value: 'wm', keep: true });
		});

		it('keys are exact: ledger separators, LIKE wildcards, backslashes, quotes and Unicode', async () => {
			const ledger = store.namespace(freshNamespace('keys'));
			const keys = ['act|woo|1|mail:shipped', 'act|woo|1|mail', 'a%b', 'a_b', 'a\\b', "it's \"q\"", 'ключ', '🐎', ' ', 'A', 'a'];
			for (const [i, key] of keys.entries()) await ledger.set(key, { at: i + 1, value: key });
			for (const [i, key] of keys.entries()) expect(await ledger.get(key)).toEqual({ at: i + 1, value: key });
			expect(await ledger.get('a%')).toBeUndefined();
			expect(await ledger.get('act|woo|1')).toBeUndefined();
		});

		it('set replaces the whole record: value and keep go when the new record has none', async () => {
			const ledger = store.namespace(freshNamespace('overwrite'));
			await ledger.set('k', { at: 10, value: { a: 1 }, keep: true });
			await ledger.set('k', { at: 20 });
			expect(normalized(await ledger.get('k'))).toEqual({ at: 20, value: undefined, keep: false });
			expect(await ledger.pruneBefore(21)).toBe(1);
		});

		it('setIfAbsent stores only into a free key and says whether it did', async () => {
			const ledger = store.namespace(freshNamespace('absent'));
			expect(await ledger.setIfAbsent('claim', { at: 100, value: 'claimed' })).toBe(true);
			expect(await ledger.setIfAbsent('claim', { at: 200, value: 'other' })).toBe(false);
			expect(await ledger.get('claim')).toEqual({ at: 100, value: 'claimed' });
			await ledger.delete('claim');
			expect(await ledger.setIfAbsent('claim', { at: 300 })).toBe(true);
		});

		it('replaceIf replaces only the record still written at the expected time', async () => {
			const ledger = store.namespace(freshNamespace('replace'));
			expect(await ledger.replaceIf('gone', 1, { at: 2 })).toBe(false);
			expect(await ledger.get('gone')).toBeUndefined();
			await ledger.set('claim', { at: 1000, value: 'claimed' });
			expect(await ledger.replaceIf('claim', 999, { at: 2000, value: 'mine' })).toBe(false);
			expect(await ledger.replaceIf('claim', 1000, { at: 2000, value: 'mine', keep: true })).toBe(true);
			expect(normalized(await ledger.get('claim'))).toEqual({ at: 2000, value: 'mine', keep: true });
			expect(await ledger.replaceIf('claim', 1000, { at: 3000, value: 'late' })).toBe(false);
			expect((await ledger.get('claim'))?.value).toBe('mine');
		});

		it('delete says whether there was a record', async () => {
			const ledger = store.namespace(freshNamespace('delete'));
			await ledger.set('k', { at: 1, value: 'x' });
			expect(await ledger.delete('k')).toBe(true);
			expect(await ledger.get('k')).toBeUndefined();
			expect(await ledger.delete('k')).toBe(false);
			expect(await ledger.list('')).toEqual([]);
		});

		it('pruneBefore deletes records written strictly before the time, sparing kept ones', async () => {
			const ledger = store.namespace(freshNamespace('prune'));
			await ledger.set('old', { at: 100 });
			await ledger.set('older', { at: 50, value: { big: true } });
			await ledger.set('kept', { at: 10, keep: true });
			await ledger.set('edge', { at: 250 });
			await ledger.set('new', { at: 300 });
			expect(await ledger.pruneBefore(250)).toBe(2);
			expect((await ledger.list('')).map((entry) => entry.key)).toEqual(['kept', 'edge', 'new']);
			expect(await ledger.get('old')).toBeUndefined();
			expect(await ledger.pruneBefore(250)).toBe(0);
			// A record that lost its keep flag ages like any other.
			await ledger.set('kept', { at: 10 });
			expect(await ledger.pruneBefore(11)).toBe(1);
		});

		it('pruneBefore removes thousands of records in one call', async () => {
			const ledger = store.namespace(freshNamespace('prune-many'));
			await Promise.all(Array.from({ length: 2500 }, (_, i) => ledger.set(`k${i}`, { at: i + 1 })));
			await ledger.set('kept', { at: 1, keep: true });
			expect(await ledger.pruneBefore(2401)).toBe(2400);
			expect((await ledger.list('')).length).toBe(101);
		});

		it('list gives the records under a prefix, oldest first, at most `limit`', async () => {
			const ledger = store.namespace(freshNamespace('list'));
			await ledger.set('act|woo|2|mail', { at: 300, value: 'c' });
			await ledger.set('act|woo|1|mail', { at: 100, value: 'a' });
			await ledger.set('act|woo|10|mail', { at: 200, value: 'b', keep: true });
			await ledger.set('act|pohoda|1|mail', { at: 50 });
			await ledger.set('snap|woo|1', { at: 10 });
			await ledger.set('act%', { at: 5 });
			await ledger.set('act_', { at: 6 });
			const keysOf = (entries: Array<{ key: string }>) => entries.map((entry) => entry.key);

			expect(keysOf(await ledger.list('act|woo|'))).toEqual(['act|woo|1|mail', 'act|woo|10|mail', 'act|woo|2|mail']);
			expect(keysOf(await ledger.list('act|woo|1'))).toEqual(['act|woo|1|mail', 'act|woo|10|mail']);
			expect(keysOf(await ledger.list('act|woo|', 2))).toEqual(['act|woo|1|mail', 'act|woo|10|mail']);
			expect(keysOf(await ledger.list('act%'))).toEqual(['act%']);
			expect(keysOf(await ledger.list('act_'))).toEqual(['act_']);
			expect(keysOf(await ledger.list('act|woo|2|mail'))).toEqual(['act|woo|2|mail']);
			expect(await ledger.list('nothing')).toEqual([]);
			expect(keysOf(await ledger.list(''))).toEqual([
				'act%',
				'act_',
				'snap|woo|1',
				'act|pohoda|1|mail',
				'act|woo|1|mail',
				'act|woo|10|mail',
				'act|woo|2|mail',
			]);
			const [first] = await ledger.list('act|woo|10');
			expect(normalized(first.record)).toEqual({ at: 200, value: 'b', keep: true });
		});

		it('namespaces are isolated: the same key in two namespaces is two records', async () => {
			const one = store.namespace(freshNamespace('one'));
			const twoName = freshNamespace('two');
			const two = store.namespace(twoName);
			await one.set('act|woo|1|mail', { at: 10, value: 'one' });
			await two.set('act|woo|1|mail', { at: 20, value: 'two' });
			expect((await one.get('act|woo|1|mail'))?.value).toBe('one');
			expect(await one.setIfAbsent('only-two', { at: 1 })).toBe(true);
			expect(await two.get('only-two')).toBeUndefined();
			expect((await two.list('')).map((entry) => entry.record.value)).toEqual(['two']);
			expect(await one.pruneBefore(100)).toBe(2);
			expect((await two.get('act|woo|1|mail'))?.value).toBe('two');
			expect(await one.delete('act|woo|1|mail')).toBe(false);
			expect(await store.namespace(twoName).delete('act|woo|1|mail')).toBe(true);
		});

		it('concurrent claims of one key in one process: exactly one wins', async () => {
			const name = freshNamespace('race');
			const other = shared ? await openStore() : store;
			try {
				const ledgers = [store.namespace(name), other.namespace(name), store.namespace(name)];
				for (let key = 0; key < 20; key++) {
					const claims = await Promise.all(
						ledgers.flatMap((ledger, i) => [0, 1].map((j) => ledger.setIfAbsent(`k${key}`, { at: 1, value: `${i}.${j}` }))),
					);
					expect(claims.filter(Boolean)).toHaveLength(1);
					const deletes = await Promise.all(ledgers.map((ledger) => ledger.delete(`k${key}`)));
					expect(deletes.filter(Boolean)).toHaveLength(1);
				}
			} finally {
				if (other !== store) await other.close();
			}
		});

		if (shared) {
			it('a second store opened on the same place sees the first one’s records, also after a reopen', async () => {
				const name = freshNamespace('shared');
				await store.namespace(name).set('k', { at: 7, value: { sent: true } });
				const second = await openStore();
				expect(await second.namespace(name).get('k')).toEqual({ at: 7, value: { sent: true } });
				await second.namespace(name).set('from-second', { at: 8 });
				await second.close();
				expect(await store.namespace(name).get('from-second')).toEqual({ at: 8 });
			});
		}

		describe('reserve', () => {
			it('lets the first request of a fresh budget go at once, and keeps budgets apart', async () => {
				const now = 1_000_000;
				const bucket = freshNamespace('budget');
				expect(await store.reserve(bucket, 2, 1000, now)).toBe(0);
				expect(await store.reserve(`${bucket}:other`, 2, 1000, now)).toBe(0);
			});

			it('paces a burst: no window holds more than the capacity, at least 90 % of it is used', async () => {
				const bucket = freshNamespace('burst');
				const now = 5_000_000;
				const capacity = 5;
				const windowMs = 1000;
				const other = shared ? await openStore() : store;
				try {
					const waits = await Promise.all(
						Array.from({ length: 23 }, (_, i) => (i % 2 ? other : store).reserve(bucket, capacity, windowMs, now)),
					);
					expect(Math.min(...waits)).toBe(0);
					const perWindow = checkSchedule(waits.map((wait) => now + wait), capacity, windowMs);
					expect(perWindow).toBeGreaterThanOrEqual(0.9 * capacity);
					// Once the schedule has passed, the budget is whole again.
					const later = now + Math.max(...waits) + windowMs;
					expect(await store.reserve(bucket, capacity, windowMs, later)).toBe(0);
				} finally {
					if (other !== store) await other.close();
				}
			});

			it('paces requests arriving over time as well', async () => {
				const bucket = freshNamespace('steady');
				const capacity = 3;
				const windowMs = 1000;
				const sends: number[] = [];
				for (let now = 0; now < 10_000; now += 97) sends.push(now + (await store.reserve(bucket, capacity, windowMs, now)));
				const perWindow = checkSchedule(sends, capacity, windowMs);
				expect(perWindow).toBeGreaterThanOrEqual(0.9 * capacity);
			});

			it('uses the clock when no time is given: the request past the capacity waits about a window', async () => {
				const bucket = freshNamespace('clock');
				const windowMs = 2000;
				const waits: number[] = [];
				for (let i = 0; i < 5; i++) waits.push(await store.reserve(bucket, 4, windowMs));
				expect(waits[0]).toBe(0);
				expect(Math.max(...waits)).toBeGreaterThan(windowMs - 500);
				expect(Math.max(...waits)).toBeLessThanOrEqual(windowMs);
			});
		});

		if (options.childProcess) {
			const child = options.childProcess;
			it('two processes racing for the same 200 keys: each key is claimed, taken over and deleted exactly once', async () => {
				const name = freshNamespace('processes');
				const keys = Array.from({ length: 200 }, (_, i) => `act|woo|${i}|mail:completed`);
				const ledger = store.namespace(name);
				for (const key of keys) {
					await ledger.set(`held|${key}`, { at: 1000, value: 'claimed' });
					await ledger.set(`done|${key}`, { at: 1000 });
				}
				const reserve = { bucket: `${name}:budget`, count: 30, capacity: 10, windowMs: 1000, now: 9_000_000 };
				// The second worker goes through the keys backwards, so each wins some and they collide in the middle.
				const task = (worker: string): ChildTask => {
					const order = worker === 'a' ? keys : [...keys].reverse();
					return {
						...child(),
						namespace: name,
						worker,
						claim: order,
						takeOver: { keys: order.map((key) => `held|${key}`), expectedAt: 1000 },
						remove: order.map((key) => `done|${key}`),
						reserve,
					};
				};
				const [a, b] = await runWorkers([task('a'), task('b')]);

				const once = (won: string[][], all: string[]) => {
					expect(won.flat().sort()).toEqual([...all].sort());
				};
				once([a.claimed, b.claimed], keys);
				once([a.tookOver, b.tookOver], keys.map((key) => `held|${key}`));
				once([a.removed, b.removed], keys.map((key) => `done|${key}`));
				for (const key of keys) {
					expect((await ledger.get(key))?.value).toBe(a.claimed.includes(key) ? 'a' : 'b');
					expect((await ledger.get(`held|${key}`))?.value).toBe(a.tookOver.includes(`held|${key}`) ? 'a' : 'b');
					expect(await ledger.get(`done|${key}`)).toBeUndefined();
				}
				const perWindow = checkSchedule(
					[...a.waits, ...b.waits].map((wait) => reserve.now + wait),
					reserve.capacity,
					reserve.windowMs,
				);
				expect(perWindow).toBeGreaterThanOrEqual(0.9 * reserve.capacity);
			}, 120_000);
		}
	});
}

type ChildTask = WorkerTask & { nodeBinary?: string };

/** Starts the workers, lets them all go at once when each has opened its store, and collects their results. */
async function runWorkers(tasks: ChildTask[]): Promise<WorkerResult[]> {
	const children = tasks.map(({ nodeBinary, ...task }) => {
		const worker = spawn(nodeBinary ?? process.execPath, ['--import', 'tsx', WORKER], {
			cwd: ROOT,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		worker.stdin.write(`${JSON.stringify(task)}\n`);
		return worker;
	});
	const outputs = children.map((worker) => {
		let stdout = '';
		let stderr = '';
		worker.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const ready = new Promise<void>((resolve, reject) => {
			worker.stdout.on('data', () => stdout.startsWith('ready\n') && resolve());
			worker.once('exit', (code) => reject(new Error(`store worker exited with ${code} before it was ready: ${stderr}`)));
		});
		const done = new Promise<WorkerResult>((resolve, reject) => {
			worker.once('exit', (code) => {
				const last = stdout.trim().split('\n').pop() ?? '';
				if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as WorkerResult);
				else reject(new Error(`store worker exited with ${code}: ${stderr}`));
			});
		});
		// Awaited below; a worker that fails before `go` is reported through `ready` instead.
		done.catch(() => undefined);
		return { ready, done };
	});
	try {
		await Promise.all(outputs.map((output) => output.ready));
		const startAt = Date.now() + 200;
		for (const child of children) child.stdin.end(`${startAt}\n`);
		return await Promise.all(outputs.map((output) => output.done));
	} finally {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
	}
}
