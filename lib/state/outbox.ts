import { createHash } from 'node:crypto';
import type { LedgerBackend } from '../ledger/backend';
import type { Processes } from './processes';

const PENDING = 'pending|';

/** A change emitted into an execution and not yet handled by the last of our nodes it reaches. */
export interface PendingChange {
	key: string;
	json: Record<string, unknown>;
	attempts: number;
	owner: string;
	error?: string;
}

interface PendingValue {
	json: Record<string, unknown>;
	attempts: number;
	owner: string;
	/** The last nodes of ours on the change's ways (parallel branches each end in one), and those done with it */
	expect?: string[];
	doneBy?: string[];
	/** A node of ours took it up: an execution carries it */
	adopted?: true;
	/** Emitted again because an ended process left it untaken: a second time untaken, it went a way without us */
	resentUntaken?: true;
	failedAt?: number;
	error?: string;
}

export interface OutboxOptions {
	/** Emissions of one change before it is given up and reported */
	maxAttempts?: number;
	/** A pending change of a live process that no node of ours settled (it left through a branch without one) is forgotten after this */
	forgetAfterMs?: number;
	/** One that some of its last nodes settled, the others not (an IF sent it down one branch only), after this */
	forgetPartlyDoneAfterMs?: number;
	now?: () => number;
}

/**
 * Changes between their emission and their handling: "no change lost" without a person retrying executions.
 * A source records each change it emits; the last of our nodes the item reaches settles it, and any of our nodes
 * that fails on it marks it failed. The source emits again what failed, and what a process that died (kill -9, OOM,
 * redeploy) was handling, until it is handled or `maxAttempts` is reached. Re-emission is safe: every action is
 * claimed in the ledger, so what was done is not done twice.
 */
export class ChangeOutbox {
	private readonly maxAttempts: number;
	private readonly forgetAfterMs: number;
	private readonly forgetPartlyDoneAfterMs: number;
	private readonly now: () => number;
	private readonly processId: string;

	/** `processes` tells which owners are alive (a process that died left its changes to be emitted again). */
	constructor(
		private readonly workflow: LedgerBackend,
		private readonly processes: Processes,
		options: OutboxOptions = {},
	) {
		this.maxAttempts = options.maxAttempts ?? 8;
		this.forgetAfterMs = options.forgetAfterMs ?? 86_400_000;
		this.forgetPartlyDoneAfterMs = options.forgetPartlyDoneAfterMs ?? 600_000;
		this.now = options.now ?? Date.now;
		this.processId = processes.processId;
	}

	/** The same change detected twice has the same key, so it is pending once. */
	static key(source: string, json: Record<string, unknown>): string {
		const order = (json.order ?? {}) as { system?: unknown; id?: unknown };
		const status = (json.newStatus ?? {}) as { code?: unknown };
		const identity = [order.system, order.id, json.kind, status.code, json.changedAt].map((part) => String(part ?? '')).join('\u0000');
		return `${PENDING}${source}|${createHash('sha256').update(identity).digest('hex').slice(0, 24)}`;
	}

	/**
	 * Records a change about to be emitted, to be settled once each of `expect` (the last nodes of ours on its ways)
	 * is done with it; false when the same change is already pending.
	 */
	async record(source: string, json: Record<string, unknown>, expect: string[] = []): Promise<{ key: string; fresh: boolean }> {
		const key = ChangeOutbox.key(source, json);
		const value: PendingValue = { json, attempts: 1, owner: this.processId, expect };
		return { key, fresh: await this.workflow.setIfAbsent(key, { at: this.now(), value }) };
	}

	/**
	 * What the source must emit again now (failed, or left by a dead process), taken over by this process, and what
	 * is given up after `maxAttempts` (removed, for the caller to report). Of two sources asking at once, one gets each.
	 */
	async due(source: string): Promise<{ resend: PendingChange[]; gaveUp: PendingChange[] }> {
		const resend: PendingChange[] = [];
		const gaveUp: PendingChange[] = [];
		// One look per owner, not per change: a webhook burst asks this with many changes of one worker pending.
		const states = new Map<string, Promise<'alive' | 'exited' | 'dead'>>();
		const stateOf = (owner: string) => states.get(owner) ?? states.set(owner, this.processes.state(owner)).get(owner)!;
		for (const { key, record } of await this.workflow.list(`${PENDING}${source}|`)) {
			const value = record.value as PendingValue;
			const owner = value.failedAt === undefined ? await stateOf(value.owner) : 'alive';
			// A process that ended normally finished its executions: what they carried and left pending was handled on a
			// way without us. A change no node of ours took up may never have reached an execution (n8n did not start it):
			// emitted once more; untaken again, it went a way without nodes of ours.
			if (owner === 'exited' && (value.adopted || value.resentUntaken)) {
				await this.workflow.delete(key);
				continue;
			}
			const stalled = value.failedAt !== undefined || owner !== 'alive';
			if (!stalled) {
				const forgetAfter = value.doneBy?.length ? this.forgetPartlyDoneAfterMs : this.forgetAfterMs;
				if (this.now() - record.at > forgetAfter) await this.workflow.delete(key);
				continue;
			}
			const change = { key, json: value.json, attempts: value.attempts, owner: value.owner, error: value.error };
			if (value.attempts >= this.maxAttempts) {
				if (await this.workflow.delete(key)) gaveUp.push(change);
				continue;
			}
			const untaken = owner === 'exited' || value.resentUntaken;
			const next: PendingValue = {
				json: value.json,
				attempts: value.attempts + 1,
				owner: this.processId,
				error: value.error,
				expect: value.expect,
				...(untaken ? { resentUntaken: true as const } : {}),
			};
			if (await this.workflow.replaceIf(key, record.at, { at: this.now(), value: next })) resend.push({ ...change, attempts: next.attempts, owner: this.processId });
		}
		return { resend, gaveUp };
	}

	/**
	 * The ways of the change that end in `lastNodes` (last nodes of ours) are done with it: handled once every way
	 * expected is (parallel branches), or at once without `lastNodes`. Of two nodes finishing at once, both count.
	 */
	async settle(key: string, lastNodes?: string[]): Promise<void> {
		for (;;) {
			const record = await this.workflow.get(key);
			if (!record) return;
			const value = record.value as PendingValue;
			const doneBy = [...new Set([...(value.doneBy ?? []), ...(lastNodes ?? [])])];
			if (!lastNodes || (value.expect ?? []).every((expected) => doneBy.includes(expected))) {
				await this.workflow.delete(key);
				return;
			}
			if (await this.workflow.replaceIf(key, record.at, { at: record.at + 1, value: { ...value, doneBy } })) return;
		}
	}

	/** One of our nodes failed on it: the source emits it again on its next run. */
	async fail(key: string, error: string): Promise<void> {
		const record = await this.workflow.get(key);
		if (!record) return;
		const value = record.value as PendingValue;
		await this.workflow.replaceIf(key, record.at, { at: record.at + 1, value: { ...value, failedAt: this.now(), error: error.slice(0, 500) } });
	}

	/**
	 * This process carries the change on in an execution: a worker that picked up the execution owns it, not the
	 * process that emitted it.
	 */
	async adopt(key: string): Promise<void> {
		const record = await this.workflow.get(key);
		const value = record?.value as PendingValue | undefined;
		if (!record || !value || (value.owner === this.processId && value.adopted)) return;
		await this.workflow.replaceIf(key, record.at, { at: record.at + 1, value: { ...value, owner: this.processId, adopted: true } });
	}
}
