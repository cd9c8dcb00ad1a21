import { randomUUID } from 'node:crypto';
import type { LedgerBackend } from '../ledger/backend';

/** This n8n process, as the owner of the claims and changes it holds; its heartbeat in the store says it is alive. */
export const PROCESS_ID = randomUUID();

const HEARTBEAT = 'proc|';

export interface ProcessOptions {
	/** A process whose heartbeat is older than this has died (kill -9, OOM, redeploy) */
	deadAfterMs?: number;
	now?: () => number;
	processId?: string;
}

/** The n8n processes sharing a store (a worker per host in queue mode), each alive while its heartbeat is fresh. */
export class Processes {
	readonly processId: string;
	private readonly deadAfterMs: number;
	private readonly now: () => number;

	constructor(
		private readonly instance: LedgerBackend,
		options: ProcessOptions = {},
	) {
		this.processId = options.processId ?? PROCESS_ID;
		this.deadAfterMs = options.deadAfterMs ?? 120_000;
		this.now = options.now ?? Date.now;
	}

	async beat(): Promise<void> {
		await this.instance.set(`${HEARTBEAT}${this.processId}`, { at: this.now() });
	}

	/**
	 * This process ends normally (`n8n execute` done, a graceful shutdown): its executions have finished. Called from
	 * an exit handler, where only a synchronous store (SQLite, memory) still writes.
	 */
	async exited(): Promise<void> {
		await this.instance.set(`${HEARTBEAT}${this.processId}`, { at: this.now(), value: 'exited' });
	}

	/** Alive (a fresh heartbeat), exited normally, or dead (killed, out of memory, its host gone). */
	async state(processId: string): Promise<'alive' | 'exited' | 'dead'> {
		if (processId === this.processId) return 'alive';
		const beat = await this.instance.get(`${HEARTBEAT}${processId}`);
		if (beat?.value === 'exited') return 'exited';
		return beat !== undefined && this.now() - beat.at < this.deadAfterMs ? 'alive' : 'dead';
	}

	async isAlive(processId: string): Promise<boolean> {
		return (await this.state(processId)) === 'alive';
	}
}
