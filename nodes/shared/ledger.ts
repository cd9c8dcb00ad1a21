import type { IExecuteFunctions, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { Ledger, ObjectLedgerBackend, ProcessSharedBackend } from '../../lib/ledger';

const DAY_MS = 86_400_000;

/**
 * The workflow's ledger: kept in its global static data so every node of the workflow shares it, and shared at
 * once with the workflow's other executions running in this process. Pruned at most once a day.
 */
export async function openLedger(
	context: IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions,
	retentionDays = 90,
): Promise<Ledger> {
	const stored = ObjectLedgerBackend.inside(context.getWorkflowStaticData('global'));
	const workflowId = context.getWorkflow().id ?? 'unsaved';
	const ledger = new Ledger(new ProcessSharedBackend(stored, workflowId), { retentionDays });
	if (!stored.lastPrunedAt || Date.now() - stored.lastPrunedAt > DAY_MS) await ledger.prune();
	return ledger;
}
