import type { LedgerBackend } from './backend';

const DAY_MS = 86_400_000;

export interface LedgerOptions {
	retentionDays?: number;
	/** A claim neither completed nor released this long is left by a run that died, and may be taken over */
	staleClaimMinutes?: number;
	now?: () => number;
}

/** The state of an action towards the outside world, e.g. a mail to a customer. */
export type ActionState = 'claimed' | 'done';

const key = (...parts: Array<string | number>) => parts.map((p) => String(p).replace(/\|/g, '¦')).join('|');

/**
 * What has been done per (system, order, event), the last seen state of each order, and a watermark per source.
 *
 * Exactly once: `claim` before acting (false means another run did or is doing it), `complete` after the
 * outside world confirmed it, `release` when it failed so the next run tries again.
 */
export class Ledger {
	private readonly retentionMs: number;
	private readonly staleClaimMs: number;
	private readonly now: () => number;

	constructor(
		private readonly backend: LedgerBackend,
		options: LedgerOptions = {},
	) {
		this.retentionMs = (options.retentionDays ?? 90) * DAY_MS;
		this.staleClaimMs = (options.staleClaimMinutes ?? 60) * 60_000;
		this.now = options.now ?? Date.now;
	}

	static actionKey(system: string, orderId: string, action: string): string {
		return key('act', system, orderId, action);
	}

	async actionState(system: string, orderId: string, action: string): Promise<ActionState | undefined> {
		const record = await this.backend.get(Ledger.actionKey(system, orderId, action));
		if (!record) return undefined;
		return record.value === 'claimed' ? 'claimed' : 'done';
	}

	async isDone(system: string, orderId: string, action: string): Promise<boolean> {
		return (await this.actionState(system, orderId, action)) === 'done';
	}

	/**
	 * True when this caller may perform the action now. A claim is held for the moments of one action; one still held
	 * after `staleClaimMinutes` belongs to a run that was cancelled or died, and is taken over so the action is not
	 * lost for good.
	 */
	async claim(system: string, orderId: string, action: string): Promise<boolean> {
		const actionKey = Ledger.actionKey(system, orderId, action);
		const claimed = { at: this.now(), value: 'claimed' };
		if (await this.backend.setIfAbsent(actionKey, claimed)) return true;
		const held = await this.backend.get(actionKey);
		if (held?.value !== 'claimed' || claimed.at - held.at < this.staleClaimMs) return false;
		await this.backend.set(actionKey, claimed);
		return true;
	}

	async complete(system: string, orderId: string, action: string, detail?: Record<string, unknown>): Promise<void> {
		// A done record carries no value: at 100,000 entries every byte of static data counts.
		await this.backend.set(Ledger.actionKey(system, orderId, action), { at: this.now() });
		if (detail) await this.backend.set(key('detail', system, orderId, action), { at: this.now(), value: detail });
	}

	async release(system: string, orderId: string, action: string): Promise<void> {
		await this.backend.delete(Ledger.actionKey(system, orderId, action));
	}

	async detail<T>(system: string, orderId: string, action: string): Promise<T | undefined> {
		return (await this.backend.get(key('detail', system, orderId, action)))?.value as T | undefined;
	}

	/** The last state of an order this workflow saw, for change detection. */
	async snapshot<T>(system: string, orderId: string): Promise<T | undefined> {
		return (await this.backend.get(key('snap', system, orderId)))?.value as T | undefined;
	}

	async saveSnapshot(system: string, orderId: string, value: unknown): Promise<void> {
		await this.backend.set(key('snap', system, orderId), { at: this.now(), value });
	}

	/** Records that this workflow itself wrote `status` to `system`, so the echo can be recognised. */
	async noteWrite(system: string, orderId: string, status: string): Promise<void> {
		await this.backend.set(key('wrote', system, orderId, status.toLowerCase()), { at: this.now() });
	}

	/** True once per write: the echo of a status this workflow wrote is consumed by the first look. */
	async consumeWrite(system: string, orderId: string, status: string, withinMs = 7 * DAY_MS): Promise<boolean> {
		const writeKey = key('wrote', system, orderId, status.toLowerCase());
		const record = await this.backend.get(writeKey);
		if (!record) return false;
		await this.backend.delete(writeKey);
		return this.now() - record.at <= withinMs;
	}

	async watermark(source: string): Promise<string | undefined> {
		return (await this.backend.get(key('wm', source)))?.value as string | undefined;
	}

	async setWatermark(source: string, value: string): Promise<void> {
		await this.backend.set(key('wm', source), { at: this.now(), value, keep: true });
	}

	async clearWatermark(source: string): Promise<void> {
		await this.backend.delete(key('wm', source));
	}

	/** Drops what is older than the retention period; kept records (watermarks) stay. */
	async prune(): Promise<number> {
		return this.backend.pruneBefore(this.now() - this.retentionMs);
	}
}
