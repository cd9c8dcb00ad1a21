import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { LedgerBackend, LedgerRecord } from '../../lib/ledger/backend';
import type { StateStore, StateStoreKind } from '../../lib/state/types';

const ROOT = path.resolve(__dirname, '../..');

/** A store served by another process (remote-store-server.ts), e.g. SQLite in a Node with node:sqlite. */
export class RemoteStateStore implements StateStore {
	readonly sharedAcrossHosts = false;
	private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	private nextId = 0;

	private constructor(
		readonly kind: StateStoreKind,
		private readonly child: ChildProcess,
	) {
		readline.createInterface({ input: child.stdout! }).on('line', (line) => {
			const { id, result, error } = JSON.parse(line) as { id: number; result?: unknown; error?: string };
			const waiter = this.pending.get(id);
			this.pending.delete(id);
			if (error !== undefined) waiter?.reject(new Error(error));
			else waiter?.resolve(result === null ? undefined : result);
		});
	}

	static async open(kind: StateStoreKind, nodeBinary: string, open: { module: string; exportName: string; config: unknown }): Promise<RemoteStateStore> {
		const child = spawn(
			nodeBinary,
			['--no-warnings', '--import', 'tsx', path.join(__dirname, 'remote-store-server.ts'), open.module, open.exportName, JSON.stringify(open.config)],
			{ cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
		);
		const store = new RemoteStateStore(kind, child);
		await store.call(undefined, 'reserve', ['warm-up', 1, 1, 0]);
		return store;
	}

	private call(ns: string | undefined, op: string, args: unknown[]): Promise<unknown> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.child.stdin!.write(`${JSON.stringify({ id, ns, op, args })}\n`);
		});
	}

	namespace(name: string): LedgerBackend {
		const call = <T>(op: string, ...args: unknown[]) => this.call(name, op, args) as Promise<T>;
		return {
			get: (key) => call<LedgerRecord | undefined>('get', key),
			set: (key, record) => call<void>('set', key, record),
			setIfAbsent: (key, record) => call<boolean>('setIfAbsent', key, record),
			replaceIf: (key, expectedAt, record) => call<boolean>('replaceIf', key, expectedAt, record),
			delete: (key) => call<boolean>('delete', key),
			pruneBefore: (at) => call<number>('pruneBefore', at),
			list: (prefix, limit) => call<Array<{ key: string; record: LedgerRecord }>>('list', prefix, limit),
		};
	}

	reserve(bucket: string, capacity: number, windowMs: number, now?: number): Promise<number> {
		return this.call(undefined, 'reserve', [bucket, capacity, windowMs, now]) as Promise<number>;
	}

	async close(): Promise<void> {
		await this.call(undefined, 'close', []);
		this.child.stdin!.end();
	}
}
