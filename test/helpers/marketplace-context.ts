/** Contexts for the Marketplace Order node, built on the shared stand-in. */
import type { INodeExecutionData, INodeType } from 'n8n-workflow';
import { createContext, type ContextOptions } from './n8n-context';

export function loadOptionsContext(nodeType: INodeType, options: ContextOptions = {}) {
	const context = createContext(nodeType, options);
	return { ...context, getCurrentNodeParameter: (name: string) => context.getNodeParameter(name, 0) };
}

/**
 * Runs execute() as a workflow of its own: the ledger is shared in-process per workflow id, so tests that
 * stand for different workflows must not share one.
 */
export async function executeInWorkflow(nodeType: INodeType, workflowId: string, options: ContextOptions = {}) {
	const context = createContext(nodeType, options);
	const scoped = { ...context, getWorkflow: () => ({ id: workflowId, name: `Workflow ${workflowId}`, active: true }) };
	if (!nodeType.execute) throw new Error(`${nodeType.description.name} has no execute()`);
	const output = (await nodeType.execute.call(scoped as never)) as INodeExecutionData[][];
	return { output, context: scoped };
}
