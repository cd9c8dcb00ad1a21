import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { ChangeOutbox } from '../../lib/state';
import { openStore } from './ledger';

type Context = IExecuteFunctions | IPollFunctions | IWebhookFunctions;

/** The field of an item that ties it to its pending change. */
export const CHANGE_FIELD = 'syncChange';
/** Our node types (the part after the package prefix): the nodes that settle or fail a change. */
const OUR_NODES = new Set(['erpOrderStatus', 'marketplaceOrder', 'notifyCustomer', 'orderStatusMapper', 'shopOrder']);

/** The workflow's outbox. */
export async function openOutbox(context: Context): Promise<ChangeOutbox> {
	const { store, processes } = await openStore(context);
	return new ChangeOutbox(store.namespace(`wf:${context.getWorkflow().id ?? 'unsaved'}`), processes);
}

/**
 * A source's items, each recorded in the outbox, followed by the changes it must emit again (failed downstream, or
 * left by a process that died) unless `resend` is off. Changes given up after their last attempt are logged as errors.
 */
export async function emitChanges(
	context: Context,
	source: string,
	fresh: INodeExecutionData[],
	{ resend: resending = true }: { resend?: boolean } = {},
): Promise<INodeExecutionData[]> {
	// Only a node of ours can settle a change: without one after the source there is nothing to track.
	const lastOfOurs = lastNodesOfOurs(context);
	if (!lastOfOurs.length) return fresh;
	const outbox = await openOutbox(context);
	const { resend, gaveUp } = resending ? await outbox.due(source) : { resend: [], gaveUp: [] };
	for (const change of gaveUp) {
		const order = (change.json.order ?? {}) as { system?: string; id?: string };
		context.logger.error(
			`Order Sync gave up change "${String(change.json.kind)}" of ${order.system ?? '?'} order ${order.id ?? '?'} after ${change.attempts} attempts; last error: ${change.error ?? 'the execution did not finish'}`,
		);
	}
	const output: INodeExecutionData[] = [];
	for (const item of fresh) {
		if (item.json.error !== undefined) {
			output.push(item);
			continue;
		}
		const { key } = await outbox.record(source, item.json, lastOfOurs);
		output.push({ ...item, json: { ...item.json, [CHANGE_FIELD]: { key, attempt: 1 } } });
	}
	const emitted = new Set(output.map((item) => (item.json[CHANGE_FIELD] as { key?: string } | undefined)?.key));
	for (const change of resend) {
		if (emitted.has(change.key)) continue;
		output.push({ json: { ...change.json, [CHANGE_FIELD]: { key: change.key, attempt: change.attempts } } as IDataObject, pairedItem: { item: 0 } });
	}
	return output;
}

const isOurs = (node: { type: string; disabled?: boolean }) => !node.disabled && OUR_NODES.has(node.type.slice(node.type.lastIndexOf('.') + 1));

/** Whether a node of ours comes after this one in the workflow. */
const oursFollow = (context: Context, name = context.getNode().name) => context.getChildNodes(name).some(isOurs);

/** The nodes of ours after this one with none of ours after them: where the ways of an item end (parallel branches). */
const lastNodesOfOurs = (context: Context) =>
	context
		.getChildNodes(context.getNode().name)
		.filter((child) => isOurs(child) && !oursFollow(context, child.name))
		.map((child) => child.name);

const changeKeyOf = (item: INodeExecutionData | undefined) => {
	const change = item?.json?.[CHANGE_FIELD] as { key?: unknown } | undefined;
	return typeof change?.key === 'string' ? change.key : undefined;
};

const pairedIndex = (item: INodeExecutionData): number | undefined => {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
};

/**
 * Runs one of our nodes and settles or fails the changes its items carry: failed when the node throws or an item
 * ends in an error; settled when the item is dropped here or no node of ours follows; otherwise carried on to the
 * next node of ours (the change travels on the output items).
 */
export async function trackChanges(context: IExecuteFunctions, run: () => Promise<INodeExecutionData[][]>): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const keys = items.map(changeKeyOf);
	if (!keys.some(Boolean)) return run();
	const outbox = await openOutbox(context);
	for (const key of new Set(keys)) if (key) await outbox.adopt(key);
	const output = await run().catch(async (error: Error) => {
		for (const key of new Set(keys)) if (key) await outbox.fail(key, `${context.getNode().name}: ${error.message}`);
		return Promise.reject(error);
	});
	/** per input item: passed on, or the error it ended in */
	const outcome = new Map<number, { error?: string }>();
	for (const branch of output) {
		for (const item of branch ?? []) {
			const index = pairedIndex(item);
			if (index === undefined || !keys[index]) continue;
			if (item.json.error !== undefined) outcome.set(index, { error: String(item.json.error) });
			// Handled dry, a change is not done: it stays pending for the real run.
			else if (item.json.dryRun !== undefined) outcome.set(index, { error: 'dry run, not done' });
			else if (!outcome.has(index)) outcome.set(index, {});
			if (!changeKeyOf(item)) item.json[CHANGE_FIELD] = items[index].json[CHANGE_FIELD];
		}
	}
	const name = context.getNode().name;
	const below = lastNodesOfOurs(context);
	const settlesLater = below.length > 0;
	const failed = new Map<string, string>();
	const settled = new Set<string>();
	keys.forEach((key, index) => {
		if (!key) return;
		const result = outcome.get(index);
		if (result?.error !== undefined) failed.set(key, `${context.getNode().name}: ${result.error}`);
		else if (result === undefined || !settlesLater) settled.add(key);
	});
	for (const [key, error] of failed) await outbox.fail(key, error);
	// Dropped here, the item's ways below end too; a last node ends its own way.
	for (const key of settled) if (!failed.has(key)) await outbox.settle(key, settlesLater ? below : [name]);
	return output;
}
