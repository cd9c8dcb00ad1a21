import type { IExecuteFunctions, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { Ledger, ObjectLedgerBackend } from '../../lib/ledger';

const DAY_MS = 86_400_000;

/**
 * The workflow's ledger, kept in its global static data so every node of the workflow shares it.
 * Pruned at most once a day.
 */
export async function openLedger(
	context: IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions,
	retentionDays = 90,
): Promise<Ledger> {
	const backend = ObjectLedgerBackend.inside(context.getWorkflowStaticData('global'));
	const ledger = new Ledger(backend, { retentionDays });
	if (!backend.lastPrunedAt || Date.now() - backend.lastPrunedAt > DAY_MS) await ledger.prune();
	return ledger;
}
