import type { Ledger } from '../ledger';

const baselineKey = (name: string) => `mapper-baseline:${name.trim() || 'default'}`;

/** The stored baseline instant (ISO) under `name`, if one was ever set. */
export async function readBaseline(ledger: Ledger, name: string): Promise<string | undefined> {
	return ledger.watermark(baselineKey(name));
}

/** Everything up to `at` counts as handled from now on; returns the baseline it replaced. */
export async function resetBaseline(ledger: Ledger, name: string, at: string): Promise<string | undefined> {
	const previous = await readBaseline(ledger, name);
	await ledger.setWatermark(baselineKey(name), at);
	return previous;
}
