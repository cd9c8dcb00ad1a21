/**
 * The ledger on each state store backend: 100,000 records already there, then 1,000 claims + completes one after
 * the other, as one execution mailing 1,000 customers makes them. Prints one JSON line per backend,
 * { backend, records, claims, claimsPerSecond, p99ClaimMs, ... }, and last all of them as one JSON array.
 * PostgreSQL and Redis: the servers of ORDER_SYNC_STATE_POSTGRES_URL / ORDER_SYNC_STATE_REDIS_URL, or else a
 * temporary local one (Debian's postgresql / redis-server, durable settings: fsync, Redis AOF every second).
 * SQLite: a temporary file (node:sqlite: `bench/run.js` runs benchmarks on the Node of the e2e harness's n8n 2.x).
 * `npm run bench -- ledger [sqlite|postgres|redis]` runs only the backends named.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger } from '../lib/ledger';
import { createPostgresStore } from '../lib/state/postgres';
import { createRedisStore } from '../lib/state/redis';
import { SqliteStateStore } from '../lib/state/sqlite';
import type { StateStore } from '../lib/state/types';
import { startPostgres, startRedis } from '../test/helpers/servers';

const RECORDS = 100_000;
const CLAIMS = 1000;
const FILL_LANES = 32;

interface Backend {
	backend: string;
	open(): Promise<{ store: StateStore; stop(): Promise<void> }>;
}

const backends: Backend[] = [
	{
		backend: 'sqlite',
		async open() {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-bench-'));
			const store = new SqliteStateStore(path.join(dir, 'state.sqlite'));
			return { store, stop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
		},
	},
	{
		backend: 'postgres',
		async open() {
			const url = process.env.ORDER_SYNC_STATE_POSTGRES_URL;
			const server = url ? undefined : await startPostgres();
			const store = await createPostgresStore({ connectionString: url ?? server?.url });
			return { store, stop: async () => server?.stop() };
		},
	},
	{
		backend: 'redis',
		async open() {
			const url = process.env.ORDER_SYNC_STATE_REDIS_URL;
			const server = url ? undefined : await startRedis();
			const store = await createRedisStore({ url: url ?? server?.url });
			return { store, stop: async () => server?.stop() };
		},
	},
];

async function measure(store: StateStore) {
	const ledger = new Ledger(store.namespace(`wf:bench-${Date.now()}`), store.namespace(`instance-bench-${Date.now()}`));
	let started = performance.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: FILL_LANES }, async () => {
			for (let i = next++; i < RECORDS; i = next++) {
				await ledger.complete('woocommerce', String(100_000 + i), 'mail:shipped', i % 10 === 0 ? { messageId: `<${i}@x>` } : undefined);
			}
		}),
	);
	const fillSeconds = (performance.now() - started) / 1000;

	const claimMs: number[] = [];
	started = performance.now();
	for (let i = 0; i < CLAIMS; i++) {
		const claimStarted = performance.now();
		const claimed = await ledger.claim('woocommerce', String(900_000 + i), 'mail:shipped');
		claimMs.push(performance.now() - claimStarted);
		if (!claimed) throw new Error(`claim ${i} was refused on a fresh key`);
		await ledger.complete('woocommerce', String(900_000 + i), 'mail:shipped', { messageId: `<${i}@bench>` });
	}
	const seconds = (performance.now() - started) / 1000;

	if (await ledger.claim('woocommerce', '900000', 'mail:shipped')) throw new Error('a completed action was claimed again');
	if (!(await ledger.isDone('woocommerce', String(100_000 + RECORDS - 1), 'mail:shipped'))) throw new Error('a filled record is missing');
	claimMs.sort((a, b) => a - b);
	return {
		records: RECORDS,
		claims: CLAIMS,
		claimsPerSecond: Math.round(CLAIMS / seconds),
		p99ClaimMs: Math.round(claimMs[Math.ceil(CLAIMS * 0.99) - 1] * 100) / 100,
		medianClaimMs: Math.round(claimMs[CLAIMS / 2] * 100) / 100,
		fillRecordsPerSecond: Math.round(RECORDS / fillSeconds),
	};
}

async function main() {
	const only = process.argv.slice(2);
	const results = [];
	for (const { backend, open } of backends.filter((candidate) => !only.length || only.includes(candidate.backend))) {
		const { store, stop } = await open();
		try {
			const result = { backend, ...(await measure(store)) };
			console.log(JSON.stringify(result));
			results.push(result);
		} finally {
			await store.close();
			await stop();
		}
	}
	console.log(JSON.stringify(results));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
