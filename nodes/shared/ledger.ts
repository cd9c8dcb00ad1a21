import { NodeOperationError, type IExecuteFunctions, type IHookFunctions, type IPollFunctions, type IWebhookFunctions } from 'n8n-workflow';
import { Ledger } from '../../lib/ledger';
import { importStaticLedger, stateStore, type StateStore } from '../../lib/state';

const DAY_MS = 86_400_000;
const PRUNED_AT = 'pruned-at';
const INSTANCE = 'instance';

type Context = IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

/** The process's state store, or an error that says what to fix. */
export async function openStore(context: Context): Promise<StateStore> {
	try {
		return await stateStore();
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The order sync state store is not available: ${(error as Error).message}`, {
			description: 'Nothing was sent or written. Fix the state store setting (see the README, "State store") and run again.',
		});
	}
}

/**
 * The workflow's ledger in the durable state store (see lib/state): the workflow's own records and the instance's
 * record of actions. A ledger an earlier version kept in static data is moved in on first use; pruned once a day.
 */
export async function openLedger(context: Context, retentionDays = 90): Promise<Ledger> {
	const store = await openStore(context);
	const workflow = store.namespace(`wf:${context.getWorkflow().id ?? 'unsaved'}`);
	const instance = store.namespace(INSTANCE);
	await importStaticLedger(context.getWorkflowStaticData('global'), workflow, instance);
	const ledger = new Ledger(workflow, instance, { retentionDays });
	const pruned = await workflow.get(PRUNED_AT);
	if (!pruned || Date.now() - pruned.at > DAY_MS) {
		await workflow.set(PRUNED_AT, { at: Date.now(), keep: true });
		await ledger.prune();
	}
	return ledger;
}
