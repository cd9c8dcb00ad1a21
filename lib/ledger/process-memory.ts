import type { LedgerBackend, LedgerRecord } from './backend';

const TTL_MS = 60 * 60_000;
const MAX_ENTRIES = 50_000;

/** Recent ledger writes of this process, by workflow: `null` marks a deletion. */
const recent = new Map<string, { record: LedgerRecord | null; until: number }>();

function remember(key: string, record: LedgerRecord | null, now: number) {
	recent.delete(key);
	recent.set(key, { record, until: now + TTL_MS });
	if (recent.size > MAX_ENTRIES) {
		for (const [oldest, entry] of recent) {
			if (recent.size <= MAX_ENTRIES && entry.until > now) break;
			recent.delete(oldest);
		}
	}
}

/**
 * Workflow static data is loaded when an execution starts and saved when it ends, so two executions running at
 * once (a webhook delivered twice in quick succession) each see a stale copy. This wrapper lets every execution
 * in the same n8n process see the others' writes at once; the static data stays the record across restarts.
 */
export class ProcessSharedBackend implements LedgerBackend {
	constructor(
		private readonly inner: LedgerBackend,
		private readonly scope: string,
		private readonly now: () => number = Date.now,
	) {}

	private fresh(key: string) {
		const entry = recent.get(`${this.scope}\u0000${key}`);
		return entry && entry.until > this.now() ? entry : undefined;
	}

	async get(key: string): Promise<LedgerRecord | undefined> {
		const entry = this.fresh(key);
		if (entry) return entry.record ?? undefined;
		return this.inner.get(key);
	}

	async set(key: string, record: LedgerRecord): Promise<void> {
		remember(`${this.scope}\u0000${key}`, record, this.now());
		await this.inner.set(key, record);
	}

	async setIfAbsent(key: string, record: LedgerRecord): Promise<boolean> {
		const scoped = `${this.scope}\u0000${key}`;
		const known = this.fresh(key);
		if (known?.record) return false;
		// Reserve before the first await, so a concurrent claim in this process sees it.
		remember(scoped, record, this.now());
		const stored = known ? undefined : await this.inner.get(key);
		if (stored) {
			remember(scoped, stored, this.now());
			return false;
		}
		await this.inner.set(key, record);
		return true;
	}

	async replaceIf(key: string, expectedAt: number, record: LedgerRecord): Promise<boolean> {
		const held = await this.get(key);
		if (!held || held.at !== expectedAt) return false;
		await this.set(key, record);
		return true;
	}

	async delete(key: string): Promise<boolean> {
		const had = (await this.get(key)) !== undefined;
		remember(`${this.scope}\u0000${key}`, null, this.now());
		await this.inner.delete(key);
		return had;
	}

	list(prefix: string, limit?: number) {
		return this.inner.list(prefix, limit);
	}

	pruneBefore(at: number): Promise<number> {
		return this.inner.pruneBefore(at);
	}
}
