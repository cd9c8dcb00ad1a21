/** One ledger record: when it was written, an optional JSON value, and whether age pruning spares it. */
export interface LedgerRecord {
	at: number;
	value?: unknown;
	keep?: boolean;
}

/**
 * Where ledger records live. The first backend is n8n's workflow static data; a shared store (Redis, Postgres)
 * for queue mode implements the same five calls, `setIfAbsent` atomically.
 */
export interface LedgerBackend {
	get(key: string): Promise<LedgerRecord | undefined>;
	set(key: string, record: LedgerRecord): Promise<void>;
	/** Stores the record only when the key is free; true when this call stored it. */
	setIfAbsent(key: string, record: LedgerRecord): Promise<boolean>;
	delete(key: string): Promise<void>;
	/** Deletes records written before `at` (kept ones excepted); returns how many went. */
	pruneBefore(at: number): Promise<number>;
}

/**
 * The in-object layout kept in workflow static data. Flat maps of primitives, so n8n's change-tracking proxy
 * wraps three objects, not one per entry, and 100,000 entries load and save quickly.
 */
export interface LedgerData {
	/** key -> written at (epoch seconds); negative for kept records */
	at: Record<string, number>;
	/** key -> JSON value, for records that have one */
	value: Record<string, string>;
	prunedAt?: number;
}

export class ObjectLedgerBackend implements LedgerBackend {
	constructor(private readonly data: LedgerData) {}

	/** Claims (or creates) the ledger's slot inside a plain object, such as n8n's workflow static data. */
	static inside(container: Record<string, unknown>, property = 'orderSyncLedger'): ObjectLedgerBackend {
		const existing = container[property] as LedgerData | undefined;
		if (!existing || typeof existing.at !== 'object' || typeof existing.value !== 'object') {
			container[property] = { at: {}, value: {} } satisfies LedgerData;
		}
		return new ObjectLedgerBackend(container[property] as LedgerData);
	}

	get lastPrunedAt(): number | undefined {
		return this.data.prunedAt;
	}

	async get(key: string): Promise<LedgerRecord | undefined> {
		const at = this.data.at[key];
		if (at === undefined) return undefined;
		const json = this.data.value[key];
		return { at: Math.abs(at) * 1000, keep: at < 0, value: json === undefined ? undefined : JSON.parse(json) };
	}

	async set(key: string, record: LedgerRecord): Promise<void> {
		const seconds = Math.max(1, Math.round(record.at / 1000));
		this.data.at[key] = record.keep ? -seconds : seconds;
		if (record.value === undefined) {
			if (key in this.data.value) delete this.data.value[key];
		} else {
			this.data.value[key] = JSON.stringify(record.value);
		}
	}

	async setIfAbsent(key: string, record: LedgerRecord): Promise<boolean> {
		if (key in this.data.at) return false;
		await this.set(key, record);
		return true;
	}

	async delete(key: string): Promise<void> {
		delete this.data.at[key];
		delete this.data.value[key];
	}

	async pruneBefore(at: number): Promise<number> {
		const cutoff = at / 1000;
		let removed = 0;
		for (const [key, seconds] of Object.entries(this.data.at)) {
			if (seconds > 0 && seconds < cutoff) {
				delete this.data.at[key];
				delete this.data.value[key];
				removed++;
			}
		}
		this.data.prunedAt = Date.now();
		return removed;
	}
}
