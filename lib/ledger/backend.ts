/** One ledger record: when it was written (epoch ms), an optional JSON value, and whether age pruning spares it. */
export interface LedgerRecord {
	at: number;
	value?: unknown;
	keep?: boolean;
}

/** One namespace of the durable state store (see `lib/state`). Every call is atomic and committed on return. */
export interface LedgerBackend {
	get(key: string): Promise<LedgerRecord | undefined>;
	set(key: string, record: LedgerRecord): Promise<void>;
	/** Stores the record only when the key is free; true when this call stored it. */
	setIfAbsent(key: string, record: LedgerRecord): Promise<boolean>;
	/** Replaces the record only while it is still the one written at `expectedAt`; true when this call replaced it. */
	replaceIf(key: string, expectedAt: number, record: LedgerRecord): Promise<boolean>;
	/** Deletes the record; true when there was one (so exactly one of two concurrent deleters gets true). */
	delete(key: string): Promise<boolean>;
	/** Deletes records written before `at` (kept ones excepted); returns how many went. */
	pruneBefore(at: number): Promise<number>;
	/** Records whose key starts with `prefix`, oldest first, at most `limit` of them. */
	list(prefix: string, limit?: number): Promise<Array<{ key: string; record: LedgerRecord }>>;
}

/** @deprecated workflow static data: read only to migrate an old ledger into the store */
export interface LedgerData {
	at: Record<string, number>;
	value: Record<string, string>;
	prunedAt?: number;
}
