import { NodeOperationError, type IExecuteFunctions, type IHookFunctions, type IPollFunctions, type IWebhookFunctions } from 'n8n-workflow';
import { Ledger, readOnlyBackend } from '../../lib/ledger';
import { importStaticLedger, Processes, stateStore, type StateStore } from '../../lib/state';

const DAY_MS = 86_400_000;
const PRUNED_AT = 'pruned-at';
const INSTANCE = 'instance';
const HEARTBEAT_MS = 30_000;

type Context = IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

const heartbeats = new WeakMap<StateStore, Processes>();
/** Every store's process record, marked exited by one exit listener for the process */
const beating = new Set<Processes>();
let exitListening = false;

/**
 * The process's state store, or an error that says what to fix; with it, this process's heartbeat, which goes on
 * while n8n runs, so the claims and changes it holds are taken over only when it died.
 */
export async function openStore(context: Context): Promise<{ store: StateStore; processes: Processes }> {
	let store: StateStore;
	try {
		store = await stateStore();
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The order sync state store is not available: ${(error as Error).message}`, {
			description: 'Nothing was sent or written. Fix the state store setting (see the README, "State store") and run again.',
		});
	}
	let processes = heartbeats.get(store);
	if (!processes) {
		processes = new Processes(store.namespace(INSTANCE));
		heartbeats.set(store, processes);
		await processes.beat();
		const beats = processes;
		setInterval(() => void beats.beat().catch(() => undefined), HEARTBEAT_MS).unref();
		beating.add(beats);
		if (!exitListening) {
			exitListening = true;
			process.once('exit', () => {
				for (const each of beating) void each.exited().catch(() => undefined);
			});
		}
	}
	return { store, processes };
}

/**
 * The workflow's ledger in the durable state store (see lib/state): the workflow's own records and the instance's
 * record of actions. A ledger an earlier version kept in static data is moved in on first use; pruned once a day.
 * A dry run's ledger reads the store and writes nothing.
 */
export async function openLedger(context: Context, options: { retentionDays?: number; dryRun?: boolean } = {}): Promise<Ledger> {
	const { store, processes } = await openStore(context);
	const owner = { id: processes.processId, isAlive: (id: string) => processes.isAlive(id) };
	const retentionDays = options.retentionDays ?? 90;
	if (options.dryRun) {
		const view = (name: string) => readOnlyBackend(store.namespace(name));
		return new Ledger(view(`wf:${context.getWorkflow().id ?? 'unsaved'}`), view(INSTANCE), { retentionDays, owner });
	}
	const workflow = store.namespace(`wf:${context.getWorkflow().id ?? 'unsaved'}`);
	const instance = store.namespace(INSTANCE);
	await importStaticLedger(context.getWorkflowStaticData('global'), workflow, instance);
	const ledger = new Ledger(workflow, instance, { retentionDays, owner });
	const pruned = await workflow.get(PRUNED_AT);
	if (!pruned || Date.now() - pruned.at > DAY_MS) {
		await workflow.set(PRUNED_AT, { at: Date.now(), keep: true });
		await ledger.prune();
	}
	return ledger;
}
