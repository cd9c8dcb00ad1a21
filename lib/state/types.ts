import type { LedgerBackend } from '../ledger/backend';

export type StateStoreKind = 'sqlite' | 'postgres' | 'redis' | 'memory';

/**
 * The durable store behind every ledger: one table (or key space) of records by (namespace, key). A namespace is a
 * workflow's records (`wf:<id>`) or the instance's (`instance`, for claims on actions towards customers and
 * vendors that no two workflows may repeat). Every call commits before it returns, so a claim is durable before
 * the side effect it guards.
 */
export interface StateStore {
	readonly kind: StateStoreKind;
	/** True when several processes on several hosts may share it (n8n queue mode). */
	readonly sharedAcrossHosts: boolean;
	namespace(name: string): LedgerBackend;
	/**
	 * Reserves one request of a budget of `capacity` per `windowMs` shared by every process that uses the store
	 * (e.g. a vendor's rate limit per credential). Returns how long the caller must wait before sending; the
	 * reservation is made either way, so callers never race each other for the same slot.
	 */
	reserve(bucket: string, capacity: number, windowMs: number, now?: number): Promise<number>;
	close(): Promise<void>;
}
