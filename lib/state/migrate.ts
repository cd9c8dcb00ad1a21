import type { LedgerBackend, LedgerData } from '../ledger/backend';

const MIGRATED = 'migrated|static-data';
const INSTANCE_PREFIXES = ['act|', 'detail|'];
/** Markers an earlier version kept as actions that are the workflow's own now (a posting a workflow emitted). */
const SEEN_ACTIONS = /^act\|(.*\|fetched)$/;

/**
 * Moves a ledger that an earlier version kept in workflow static data into the store, once per workflow: records of
 * actions (mails sent, accepts) join the instance's, the rest the workflow's. Records already in the store win, so
 * upgrading mails nobody again and overwrites nothing newer. Returns how many records were moved.
 */
export async function importStaticLedger(
	container: Record<string, unknown>,
	workflow: LedgerBackend,
	instance: LedgerBackend,
	property = 'orderSyncLedger',
): Promise<number> {
	const old = container[property] as LedgerData | undefined;
	if (!old || typeof old.at !== 'object' || typeof old.value !== 'object') return 0;
	let moved = 0;
	if (!(await workflow.get(MIGRATED))) {
		for (const [key, seconds] of Object.entries(old.at)) {
			const json = old.value[key];
			const record = { at: Math.abs(seconds) * 1000, keep: seconds < 0 || undefined, value: json === undefined ? undefined : JSON.parse(json) };
			const seen = SEEN_ACTIONS.exec(key);
			const stored = seen
				? await workflow.setIfAbsent(`seen|${seen[1]}`, record)
				: await (INSTANCE_PREFIXES.some((prefix) => key.startsWith(prefix)) ? instance : workflow).setIfAbsent(key, record);
			if (stored) moved++;
		}
		await workflow.set(MIGRATED, { at: Date.now(), keep: true, value: { records: moved } });
	}
	delete container[property];
	return moved;
}
