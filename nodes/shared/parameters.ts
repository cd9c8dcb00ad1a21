import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

/** The `$` names of n8n expressions that do not depend on the item: `$('Node')`, variables, the execution, the clock */
const ITEM_FREE = new Set(['', 'vars', 'env', 'execution', 'workflow', 'now', 'today', 'runIndex']);
/** Another node's item paired with this one: `$('Node').item`, `.itemMatching(…)`, `.pairedItem()` */
const PAIRED = /[.[]\s*['"`]?(item|itemMatching|pairedItem)\b/;

/**
 * Whether a parameter's raw value gives the same value for every item of a run: a fixed value, or expressions that
 * read no item ($json, $binary, $input, $itemIndex, paired items), only e.g. `$('Settings').first().json.dryRun`.
 * Anything it does not recognise counts as per item.
 */
export function sameForEveryItem(raw: unknown): boolean {
	const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
	const expression = typeof raw === 'string' ? raw.startsWith('=') : text.includes('"=');
	if (!expression) return true;
	if (PAIRED.test(text)) return false;
	for (const [, name = ''] of text.matchAll(/\$([A-Za-z_]\w*)?/g)) if (!ITEM_FREE.has(name)) return false;
	return true;
}

const perRun = new WeakMap<IExecuteFunctions, Map<string, NodeParameterValueType | object>>();

function rawParameter(context: IExecuteFunctions, name: string): unknown {
	let value: unknown = context.getNode().parameters;
	for (const part of name.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
	return value;
}

/**
 * `getNodeParameter(name, itemIndex, fallback)`, evaluated once per node run when it is the same for every item:
 * n8n evaluates an expression per call (about a millisecond on n8n 2.x), which a per-item switch such as Dry Run
 * paid for every order.
 */
export function itemParameter(context: IExecuteFunctions, name: string, itemIndex: number, fallback?: unknown): NodeParameterValueType | object {
	if (!sameForEveryItem(rawParameter(context, name))) return context.getNodeParameter(name, itemIndex, fallback);
	let values = perRun.get(context);
	if (!values) perRun.set(context, (values = new Map()));
	if (!values.has(name)) values.set(name, context.getNodeParameter(name, itemIndex, fallback));
	return values.get(name)!;
}
