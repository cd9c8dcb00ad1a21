/** A loadOptions context (ILoadOptionsFunctions) over the shared stand-in: the node's current parameters, credentials. */
import type { INodeType } from 'n8n-workflow';
import { createContext, type ContextOptions } from './n8n-context';

export function loadOptionsContext(nodeType: INodeType, options: ContextOptions = {}) {
	const context = createContext(nodeType, options);
	return { ...context, getCurrentNodeParameter: (name: string) => context.getNodeParameter(name, 0, undefined) };
}

/** Evaluates a node description's `outputs` expression the way n8n does: `$parameter` in scope, nothing else. */
export function outputsFor(nodeType: INodeType, parameters: Record<string, unknown>): unknown {
	const expression = nodeType.description.outputs;
	if (typeof expression !== 'string') return expression;
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(expression)?.[1];
	if (!body) throw new Error(`outputs is not an expression: ${expression}`);
	return new Function('$parameter', `return (${body});`)(parameters);
}
