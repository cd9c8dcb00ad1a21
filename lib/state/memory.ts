import type { LedgerBackend, LedgerRecord } from '../ledger/backend';
import { pace } from './pacing';
import type { StateStore } from './types';

const copy = (record: LedgerRecord): LedgerRecord => ({ ...record, value: record.value === undefined ? undefined : structuredClone(record.value) });

/** A store inside this process only: for tests and benchmarks of the nodes, never chosen for a running n8n. */
export class MemoryStateStore implements StateStore {
	readonly kind = 'memory' as const;
	readonly sharedAcrossHosts = false;
	private readonly records = new Map<string, Map<string, LedgerRecord>>();
	private readonly budgets = new Map<string, number>();

	namespace(name: string): LedgerBackend {
		let records = this.records.get(name);
		if (!records) this.records.set(name, (records = new Map()));
		return new MemoryNamespace(records);
	}

	async reserve(bucket: string, capacity: number, windowMs: number, now = Date.now()): Promise<number> {
		const { tat, waitMs } = pace(this.budgets.get(bucket), capacity, windowMs, now);
		this.budgets.set(bucket, tat);
		return waitMs;
	}

	async close(): Promise<void> {}
}

class MemoryNamespace implements LedgerBackend {
	constructor(private readonly records: Map<string, LedgerRecord>) {}

	async get(key: string) {
		const record = this.records.get(key);
		return record && copy(record);
	}

	async set(key: string, record: LedgerRecord) {
		this.records.set(key, copy(record));
	}

	async setIfAbsent(key: string, record: LedgerRecord) {
		if (this.records.has(key)) return false;
		this.records.set(key, copy(record));
		return true;
	}

	async replaceIf(key: string, expectedAt: number, record: LedgerRecord) {
		if (this.records.get(key)?.at !== expectedAt) return false;
		this.records.set(key, copy(record));
		return true;
	}

	async delete(key: string) {
		return this.records.delete(key);
	}

	async pruneBefore(at: number) {
		let removed = 0;
		for (const [key, record] of this.records) {
			if (!record.keep && record.at < at) {
				this.records.delete(key);
				removed++;
			}
		}
		return removed;
	}

	async list(prefix: string, limit = Number.MAX_SAFE_INTEGER) {
		return [...this.records]
			.filter(([key]) => key.startsWith(prefix))
			.sort((a, b) => a[1].at - b[1].at)
			.slice(0, limit)
			.map(([key, record]) => ({ key, record: copy(record) }));
	}
}
