import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { toNodeError } from '../../shared/errors';
import { outputItem } from '../../shared/items';
import { openLedger } from '../../shared/ledger';
import { connectShop } from '../../shared/shop';
import { operations } from './order';

/** Runs the chosen operation: per item (each item's failure its own), or for all items at once where it batches. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `Unknown operation "${operationName}"`);
	const shop = await connectShop(this, this.getNodeParameter('shop', 0) as string);
	const ledger = await openLedger(this);
	if (operation.executeAll) return [await operation.executeAll(this, shop, ledger)];
	const execute = operation.execute;
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" has nothing to run`);

	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let index = 0; index < items.length; index++) {
		let orderId = '';
		try {
			// Inside the try: a failing Order ID expression fails only its item.
			if (operation.takesOrderId) orderId = String(this.getNodeParameter('orderId', index, '') ?? '').trim();
			const results = await execute({ fn: this, shop, ledger, index, orderId });
			// What the shop had to cut or leave out travels with the item.
			const warnings = shop.drainNotices?.() ?? [];
			for (const json of results) output.push(outputItem(warnings.length ? { ...json, warnings } : json, index));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, { itemIndex: index, order: orderId || undefined });
			if (!this.continueOnFail()) throw nodeError;
			output.push(outputItem({ error: nodeError.message, ...(orderId ? { orderId } : {}) }, index));
		}
	}
	return [output];
}
