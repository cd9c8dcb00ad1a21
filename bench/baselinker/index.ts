/**
 * Two workflows on one BaseLinker token: one moves 1,000 orders to another status, the other uploads 300 invoice
 * PDFs. Each runs in a process of its own with its own connection to one SQLite state store, where the token's
 * budget lives. BaseLinker (the simulator) blocks the token past 100 requests a minute.
 * Time is scaled so the run takes seconds: with scale 60 a BaseLinker minute lasts one second (limit 100 a second,
 * budget 90 a second); figures are given per BaseLinker minute.
 * `npm run bench -- baselinker [updates] [invoices] [scale] [latencyMs] [concurrency]`; the last line is JSON.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BaseLinkerShop, baseLinkerAccountKey } from '../../lib/connectors/baselinker';
import { SqliteStateStore } from '../../lib/state/sqlite';
import { nodeHttpSend, SharedBudget, type HttpSend } from '../../lib/transport';
import { startBaseLinkerSimulator } from '../../test/simulators/baselinker';

const BUDGET_PER_MINUTE = 90;
const LIMIT_PER_MINUTE = 100;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(24_000, 0xfb), Buffer.from('\n%%EOF\n')]);

interface Job {
	role: 'status' | 'invoice';
	url: string;
	token: string;
	store: string;
	scale: number;
	concurrency: number;
	orderIds: number[];
	statusIds: number[];
	seriesId: number;
}

interface WorkerResult {
	role: Job['role'];
	done: number;
	failed: number;
	blocks: number;
	firstError?: string;
}

/** Runs `work` over `items`, `concurrency` at a time (parallel executions of one workflow). */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(Array.from({ length: concurrency }, async () => {
		while (next < items.length) await work(items[next++]);
	}));
}

async function worker(job: Job): Promise<WorkerResult> {
	const store = new SqliteStateStore(job.store);
	const plain = nodeHttpSend();
	const send: HttpSend = (request) => plain({ ...request, headers: { ...request.headers, 'X-BLToken': job.token } });
	const shop = new BaseLinkerShop({
		url: job.url,
		send,
		accountKey: baseLinkerAccountKey(job.token),
		perMinute: BUDGET_PER_MINUTE * job.scale,
		invoiceSeriesId: job.seriesId,
		budget: (bucket, limit) => new SharedBudget((name, capacity, windowMs) => store.reserve(name, capacity, windowMs), `rate|${bucket}`, limit),
	});
	const result: WorkerResult = { role: job.role, done: 0, failed: 0, blocks: 0 };
	const fail = (error: Error) => {
		result.failed++;
		result.firstError ??= error.message;
	};
	if (job.role === 'status') {
		// Executions of 25 items each, as a Shop Order node gets them.
		const chunks: number[][] = [];
		for (let i = 0; i < job.orderIds.length; i += 25) chunks.push(job.orderIds.slice(i, i + 25));
		await pool(chunks, job.concurrency, async (chunk) => {
			const results = await shop.updateStatuses(chunk.map((id, i) => ({ orderId: String(id), status: String(job.statusIds[i % job.statusIds.length]) })));
			for (const r of results) (r.ok ? () => result.done++ : () => fail(r.error))();
		});
	} else {
		await pool(job.orderIds, job.concurrency, async (id) => {
			await shop.uploadInvoice(String(id), PDF, `FV ${id}/12/2026.pdf`).then(() => result.done++, fail);
		});
	}
	result.blocks = shop.client.blocks;
	await store.close();
	return result;
}

function busiest(times: number[], windowMs: number): number {
	let most = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

async function main() {
	const updates = Number(process.argv[2] ?? 1000);
	const uploads = Number(process.argv[3] ?? 300);
	const scale = Number(process.argv[4] ?? 60);
	const latencyMs = Number(process.argv[5] ?? 5);
	const concurrency = Number(process.argv[6] ?? 4);
	const minuteMs = 60_000 / scale;
	const sim = await startBaseLinkerSimulator({ ratePerMinute: LIMIT_PER_MINUTE, windowMs: minuteMs, blockSeconds: minuteMs / 1000, latencyMs });
	const orders = Array.from({ length: updates + uploads }, () => sim.addOrder().order_id);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-bench-bl-'));
	const base = { url: sim.url, token: sim.token, store: path.join(dir, 'state.sqlite'), scale, concurrency, seriesId: sim.series[0].id };
	const jobs: Job[] = [
		{ ...base, role: 'status', orderIds: orders.slice(0, updates), statusIds: [sim.statusId('Do wysłania'), sim.statusId('Wysłane')] },
		{ ...base, role: 'invoice', orderIds: orders.slice(updates), statusIds: [] },
	];
	// The store's tables exist before the two processes race to open it.
	await new SqliteStateStore(base.store).close();
	const started = Date.now();
	const results = await Promise.all(
		jobs.map(
			(job) =>
				new Promise<WorkerResult>((resolve, reject) => {
					const child = fork(__filename, ['--worker'], { execArgv: process.execArgv, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
					child.once('message', (message) => resolve(message as WorkerResult));
					child.once('exit', (code) => code !== 0 && reject(new Error(`the ${job.role} workflow exited with ${code}`)));
					child.send(job);
				}),
		),
	);
	const elapsedMs = Date.now() - started;
	await sim.close();
	fs.rmSync(dir, { recursive: true, force: true });

	const served = sim.requests.filter((r) => r.errorCode !== 'ERROR_BLOCKED_TOKEN').map((r) => r.at);
	const blocked = sim.requests.length - served.length;
	// While the workflows send: from BaseLinker's first request to its last (process start-up left out).
	const minutes = (served[served.length - 1] - served[0]) / minuteMs;
	const perMinute = Math.round(((served.length - 1) / minutes) * 10) / 10;
	const uploaded = sim.invoices.filter((i) => i.file?.equals(PDF)).length;
	const result = {
		statusUpdates: results.find((r) => r.role === 'status')?.done ?? 0,
		invoiceUploads: uploaded,
		failed: results.reduce((sum, r) => sum + r.failed, 0),
		firstError: results.find((r) => r.firstError)?.firstError,
		requests: served.length,
		blocked,
		blocksWaited: results.reduce((sum, r) => sum + r.blocks, 0),
		budgetPerMinute: BUDGET_PER_MINUTE,
		limitPerMinute: LIMIT_PER_MINUTE,
		requestsPerMinute: perMinute,
		busiestMinute: busiest(served, minuteMs),
		throughputOfBudget: Math.round((perMinute / BUDGET_PER_MINUTE) * 1000) / 1000,
		realMinutes: Math.round((served.length / BUDGET_PER_MINUTE) * 10) / 10,
		scale,
		elapsedMs,
		latencyMs,
		concurrencyPerWorkflow: concurrency,
	};
	console.log(JSON.stringify(result));
	if (result.failed || blocked || result.busiestMinute > BUDGET_PER_MINUTE || result.throughputOfBudget < 0.9) process.exitCode = 1;
}

if (process.argv.includes('--worker')) {
	process.once('message', (job) => {
		worker(job as Job).then(
			(result) => process.send!(result, () => process.exit(0)),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	});
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
