import type { LedgerBackend, LedgerData, LedgerRecord } from './backend';

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

	async replaceIf(key: string, expectedAt: number, record: LedgerRecord): Promise<boolean> {
		const held = await this.get(key);
		if (!held || held.at !== expectedAt) return false;
		await this.set(key, record);
		return true;
	}

	async delete(key: string): Promise<boolean> {
		const had = key in this.data.at;
		delete this.data.at[key];
		delete this.data.value[key];
		return had;
	}

	async list(prefix: string, limit = Infinity): Promise<Array<{ key: string; record: LedgerRecord }>> {
		const found: Array<{ key: string; record: LedgerRecord }> = [];
		for (const key of Object.keys(this.data.at)) {
			if (!key.startsWith(prefix)) continue;
			found.push({ key, record: (await this.get(key)) as LedgerRecord });
		}
		return found.sort((a, b) => a.record.at - b.record.at).slice(0, limit);
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
