/**
 * The ledger at 100,000 entries, as n8n holds it: inside workflow static data wrapped by n8n's change-tracking
 * proxy, then serialized and loaded again as n8n does between executions.
 * Prints { entries, ms, heapMB, ... }: `ms` is one run's full cycle (load, 1,000 lookups and claims, save).
 */
import { ObservableObject, type IDataObject } from 'n8n-workflow';
import { Ledger, ObjectLedgerBackend } from '../lib/ledger';

const ENTRIES = 100_000;
const gc = (globalThis as { gc?: () => void }).gc;

async function main() {
	const seed: Record<string, unknown> = {};
	const seeded = new Ledger(ObjectLedgerBackend.inside(seed));
	let started = performance.now();
	for (let i = 0; i < ENTRIES; i++) {
		await seeded.complete('woocommerce', String(100_000 + i), 'mail:shipped', i % 10 === 0 ? { messageId: `<${i}@x>` } : undefined);
	}
	const msFill = performance.now() - started;
	const saved = JSON.stringify(seed);

	gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	started = performance.now();
	const staticData = ObservableObject.create(JSON.parse(saved) as IDataObject);
	const ledger = new Ledger(ObjectLedgerBackend.inside(staticData as Record<string, unknown>));
	let found = 0;
	for (let i = 0; i < 1000; i++) {
		if (await ledger.isDone('woocommerce', String(100_000 + i * 97), 'mail:shipped')) found++;
		if (await ledger.claim('woocommerce', String(900_000 + i), 'mail:shipped')) {
			await ledger.complete('woocommerce', String(900_000 + i), 'mail:shipped');
		}
	}
	const pruned = await ledger.prune();
	const savedAgain = JSON.stringify(staticData);
	const ms = performance.now() - started;
	const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
	if (found !== 1000 || pruned !== 0) throw new Error(`ledger lost entries: found ${found}, pruned ${pruned}`);

	console.log(`filled ${ENTRIES} entries in ${msFill.toFixed(0)} ms; static data ${(saved.length / 1024 / 1024).toFixed(1)} MB`);
	console.log(
		JSON.stringify({
			entries: ENTRIES,
			ms: Math.round(ms),
			heapMB: Math.round(heapMB * 10) / 10,
			staticDataMB: Math.round((savedAgain.length / 1024 / 1024) * 10) / 10,
			changed: (staticData as { __dataChanged?: boolean }).__dataChanged === true,
		}),
	);
}

void main();
