/**
 * The durable state store at 100,000 records: 1,000 claims + completes as one execution makes them.
 * `npm run bench -- ledger [sqlite|memory]`; SQLite needs Node 22.13+ (node:sqlite).
 * Prints { backend, records, claimsPerSecond, p99ClaimMs }.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger } from '../lib/ledger';
import { MemoryStateStore, SqliteStateStore, type StateStore } from '../lib/state';

const RECORDS = 100_000;
const CLAIMS = 1000;

function open(backend: string): { store: StateStore; cleanup: () => void } {
	if (backend === 'memory') return { store: new MemoryStateStore(), cleanup: () => undefined };
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-bench-'));
	return { store: new SqliteStateStore(path.join(dir, 'state.sqlite')), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function main() {
	const backend = process.argv[2] ?? 'sqlite';
	const { store, cleanup } = open(backend);
	const ledger = new Ledger(store.namespace('wf:bench'), store.namespace('instance'));
	for (let i = 0; i < RECORDS; i++) {
		await ledger.complete('woocommerce', String(100_000 + i), 'mail:shipped', i % 10 === 0 ? { messageId: `<${i}@x>` } : undefined);
	}
	const claimMs: number[] = [];
	const started = performance.now();
	for (let i = 0; i < CLAIMS; i++) {
		const t = performance.now();
		const won = await ledger.claim('woocommerce', String(900_000 + i), 'mail:shipped');
		claimMs.push(performance.now() - t);
		if (!won) throw new Error(`claim ${i} was refused on an empty key`);
		await ledger.complete('woocommerce', String(900_000 + i), 'mail:shipped', { messageId: `<${i}@bench>` });
	}
	const seconds = (performance.now() - started) / 1000;
	if (await ledger.claim('woocommerce', '100000', 'mail:shipped')) throw new Error('a done record was claimed again');
	claimMs.sort((a, b) => a - b);
	await store.close();
	cleanup();
	console.log(
		JSON.stringify({
			backend,
			records: RECORDS,
			claimsPerSecond: Math.round(CLAIMS / seconds),
			p99ClaimMs: Math.round(claimMs[Math.floor(CLAIMS * 0.99)] * 1000) / 1000,
		}),
	);
}

void main();
