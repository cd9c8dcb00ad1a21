/**
 * A second process for the store contract, run as `node --import tsx test/state/store-worker.ts`: reads its task
 * (one JSON line) from stdin, opens the store the task names, says `ready`, reads the time to start at (so two
 * workers start their races together), then claims, takes over, deletes and reserves as told, and prints what it
 * won as one JSON line.
 */
import * as readline from 'node:readline';
import type { StateStore } from '../../lib/state/types';

export interface WorkerTask {
	/** Absolute path of the module that opens the store, the name of its export, and the config passed to it */
	module: string;
	exportName: string;
	config: unknown;
	namespace: string;
	worker: string;
	/** Keys to claim with setIfAbsent, in this order */
	claim: string[];
	/** Keys held at `expectedAt` to take over with replaceIf */
	takeOver: { keys: string[]; expectedAt: number };
	/** Keys to delete */
	remove: string[];
	/** Reservations from one budget, all at the same `now` */
	reserve: { bucket: string; count: number; capacity: number; windowMs: number; now: number };
}

export interface WorkerResult {
	claimed: string[];
	tookOver: string[];
	removed: string[];
	waits: number[];
}

const LANES = 4;

/** Runs `act` over the items in a few parallel lanes, as several executions of one n8n process would. */
async function inLanes<T>(items: T[], act: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: LANES }, async () => {
			while (next < items.length) await act(items[next++]);
		}),
	);
}

async function main() {
	const input = readline.createInterface({ input: process.stdin });
	const lines = input[Symbol.asyncIterator]();
	const task = JSON.parse((await lines.next()).value as string) as WorkerTask;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const open = require(task.module)[task.exportName] as (config: unknown) => Promise<StateStore>;
	const store = await open(task.config);
	const ledger = store.namespace(task.namespace);
	await ledger.get('warm-up');
	process.stdout.write('ready\n');
	const startAt = Number((await lines.next()).value);
	input.close();
	await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));

	const result: WorkerResult = { claimed: [], tookOver: [], removed: [], waits: [] };
	await inLanes(task.claim, async (key) => {
		if (await ledger.setIfAbsent(key, { at: Date.now(), value: task.worker })) result.claimed.push(key);
	});
	await inLanes(task.takeOver.keys, async (key) => {
		const takenOver = await ledger.replaceIf(key, task.takeOver.expectedAt, { at: Date.now(), value: task.worker });
		if (takenOver) result.tookOver.push(key);
	});
	await inLanes(task.remove, async (key) => {
		if (await ledger.delete(key)) result.removed.push(key);
	});
	const { bucket, count, capacity, windowMs, now } = task.reserve;
	await inLanes(Array.from({ length: count }), async () => {
		result.waits.push(await store.reserve(bucket, capacity, windowMs, now));
	});
	await store.close();
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? error}\n`);
	process.exit(1);
});
