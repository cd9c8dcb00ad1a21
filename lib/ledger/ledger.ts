import type { LedgerBackend } from './backend';

const DAY_MS = 86_400_000;

export interface LedgerOptions {
	retentionDays?: number;
	/** A claim neither completed nor released this long is left by a run that died, and may be taken over */
	staleClaimMinutes?: number;
	now?: () => number;
	/** Who claims (this process) and whether a claim's owner still lives: a dead owner's claim is taken over at once */
	owner?: { id: string; isAlive(id: string): Promise<boolean> };
}

/** The state of an action towards the outside world, e.g. a mail to a customer. */
export type ActionState = 'claimed' | 'done';

/** A claim's value: who holds it (`'claimed'` from versions before owners were recorded). */
const isClaim = (value: unknown): value is 'claimed' | { claimedBy: string } =>
	value === 'claimed' || (typeof value === 'object' && value !== null && 'claimedBy' in value);

const key = (...parts: Array<string | number>) => parts.map((p) => String(p).replace(/\|/g, '¦')).join('|');

/** What the store knows of one action on an order, for the audit. */
export interface ActionRecord {
	action: string;
	state: ActionState;
	at: string;
	detail?: unknown;
}

/**
 * What has been done per (system, order, event), the last seen state of each order, and a watermark per source.
 *
 * Two namespaces of the durable store: actions towards the outside world (a customer's mail, an accept on a
 * marketplace) are the instance's, so no two workflows repeat them; snapshots, echo notes and watermarks are the
 * workflow's own.
 *
 * Exactly once: `claim` before acting (false means another run did or is doing it), `complete` after the
 * outside world confirmed it, `release` when it failed so the next run tries again.
 */
export class Ledger {
	private readonly retentionMs: number;
	private readonly staleClaimMs: number;
	private readonly now: () => number;
	private readonly owner?: LedgerOptions['owner'];

	constructor(
		private readonly workflow: LedgerBackend,
		private readonly instance: LedgerBackend,
		options: LedgerOptions = {},
	) {
		this.retentionMs = (options.retentionDays ?? 90) * DAY_MS;
		this.staleClaimMs = (options.staleClaimMinutes ?? 60) * 60_000;
		this.now = options.now ?? Date.now;
		this.owner = options.owner;
	}

	static actionKey(system: string, orderId: string, action: string): string {
		return key('act', system, orderId, action);
	}

	async actionState(system: string, orderId: string, action: string): Promise<ActionState | undefined> {
		const record = await this.instance.get(Ledger.actionKey(system, orderId, action));
		if (!record) return undefined;
		return isClaim(record.value) ? 'claimed' : 'done';
	}

	async isDone(system: string, orderId: string, action: string): Promise<boolean> {
		return (await this.actionState(system, orderId, action)) === 'done';
	}

	/**
	 * True when this caller may perform the action now. A claim is held for the moments of one action; one whose
	 * process died, or still held after `staleClaimMinutes` (a cancelled run), is taken over so the action is not lost.
	 */
	async claim(system: string, orderId: string, action: string): Promise<boolean> {
		const actionKey = Ledger.actionKey(system, orderId, action);
		const claimed = { at: this.now(), value: { claimedBy: this.owner?.id ?? '' } };
		if (await this.instance.setIfAbsent(actionKey, claimed)) return true;
		const held = await this.instance.get(actionKey);
		if (!held || !isClaim(held.value)) return false;
		const heldBy = typeof held.value === 'object' ? held.value.claimedBy : '';
		const ownerDied = !!heldBy && !!this.owner && !(await this.owner.isAlive(heldBy));
		if (!ownerDied && claimed.at - held.at < this.staleClaimMs) return false;
		// Of two runs taking over the same stale claim, only the first replaces it.
		return this.instance.replaceIf(actionKey, held.at, claimed);
	}

	async complete(system: string, orderId: string, action: string, detail?: Record<string, unknown>): Promise<void> {
		if (detail) await this.instance.set(key('detail', system, orderId, action), { at: this.now(), value: detail });
		await this.instance.set(Ledger.actionKey(system, orderId, action), { at: this.now() });
	}

	async release(system: string, orderId: string, action: string): Promise<void> {
		await this.instance.delete(Ledger.actionKey(system, orderId, action));
	}

	async detail<T>(system: string, orderId: string, action: string): Promise<T | undefined> {
		return (await this.instance.get(key('detail', system, orderId, action)))?.value as T | undefined;
	}

	/** Every action recorded for an order (mails, accepts, splits), oldest first: what was done and when. */
	async actions(system: string, orderId: string): Promise<ActionRecord[]> {
		const prefix = `${Ledger.actionKey(system, orderId, '')}`;
		const records = await this.instance.list(prefix);
		return Promise.all(
			records.map(async ({ key: recordKey, record }) => {
				const action = recordKey.slice(prefix.length);
				const detail = await this.detail(system, orderId, action);
				return {
					action,
					state: isClaim(record.value) ? 'claimed' : 'done',
					at: new Date(record.at).toISOString(),
					...(detail === undefined ? {} : { detail }),
				} satisfies ActionRecord;
			}),
		);
	}

	/** Whether this workflow has already handled `what` for the order (e.g. emitted a marketplace posting). */
	async seen(system: string, orderId: string, what: string): Promise<boolean> {
		return (await this.workflow.get(key('seen', system, orderId, what))) !== undefined;
	}

	async markSeen(system: string, orderId: string, what: string): Promise<void> {
		await this.workflow.set(key('seen', system, orderId, what), { at: this.now() });
	}

	/** The last state of an order this workflow saw, for change detection. */
	async snapshot<T>(system: string, orderId: string): Promise<T | undefined> {
		return (await this.workflow.get(key('snap', system, orderId)))?.value as T | undefined;
	}

	async saveSnapshot(system: string, orderId: string, value: unknown): Promise<void> {
		await this.workflow.set(key('snap', system, orderId), { at: this.now(), value });
	}

	/** Records that this workflow itself wrote `status` to `system`, so the echo can be recognised. */
	async noteWrite(system: string, orderId: string, status: string): Promise<void> {
		await this.workflow.set(key('wrote', system, orderId, status.toLowerCase()), { at: this.now() });
	}

	/**
	 * True once per write: the echo of a status this workflow wrote is consumed by the first look. A state changed at
	 * `changedAt` after a later write of ours to the order (another status) is no echo of the earlier one.
	 */
	async consumeWrite(system: string, orderId: string, status: string, { withinMs = 7 * DAY_MS, changedAt }: { withinMs?: number; changedAt?: number } = {}): Promise<boolean> {
		const writeKey = key('wrote', system, orderId, status.toLowerCase());
		const record = await this.workflow.get(writeKey);
		if (!record) return false;
		if (changedAt !== undefined) {
			const notes = await this.workflow.list(key('wrote', system, orderId, ''));
			if (notes.some((note) => note.key !== writeKey && note.record.at > record.at && note.record.at < changedAt)) return false;
		}
		// Two executions looking at the same echo at once: only the one whose delete removed it consumes it.
		if (!(await this.workflow.delete(writeKey))) return false;
		return this.now() - record.at <= withinMs;
	}

	/**
	 * Forgets the notes of statuses written to the order before `changedAt`: the system changed after those writes, so
	 * their echoes will not come, and the same status seen later is a person's change. Notes written since stay.
	 */
	async forgetWritesBefore(system: string, orderId: string, changedAt: number): Promise<void> {
		for (const { key: noteKey, record } of await this.workflow.list(key('wrote', system, orderId, ''))) {
			if (record.at < changedAt) await this.workflow.delete(noteKey);
		}
	}

	/**
	 * The newest status noted as written to the order (under any of its `orderIds`) between `after` (the order's change
	 * last seen) and `before` (its change seen now) that differs from `status`: the order holds `status` again although
	 * we wrote another in between, so someone set it back.
	 */
	async overwrittenWrite(system: string, orderIds: string[], status: string, { after, before }: { after: number; before: number }): Promise<string | undefined> {
		let newest: { status: string; at: number } | undefined;
		for (const orderId of orderIds) {
			const prefix = key('wrote', system, orderId, '');
			for (const { key: noteKey, record } of await this.workflow.list(prefix)) {
				const written = noteKey.slice(prefix.length);
				if (written !== status.toLowerCase() && record.at > after && record.at < before && (!newest || record.at > newest.at)) newest = { status: written, at: record.at };
			}
		}
		return newest?.status;
	}

	async watermark(source: string): Promise<string | undefined> {
		return (await this.workflow.get(key('wm', source)))?.value as string | undefined;
	}

	async setWatermark(source: string, value: string): Promise<void> {
		await this.workflow.set(key('wm', source), { at: this.now(), value, keep: true });
	}

	async clearWatermark(source: string): Promise<void> {
		await this.workflow.delete(key('wm', source));
	}

	/** Drops what is older than the retention period; kept records (watermarks) stay. */
	async prune(): Promise<number> {
		const before = this.now() - this.retentionMs;
		return (await this.workflow.pruneBefore(before)) + (await this.instance.pruneBefore(before));
	}
}
