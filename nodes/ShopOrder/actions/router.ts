import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { ShopConnector } from '../../../lib/connectors/shop';
import type { Ledger } from '../../../lib/ledger';
import { DryRunWrite } from '../../../lib/transport';
import { dryWriteOutcome, isDryRun, NOTHING_TO_WRITE, orDryRunWrite } from '../../shared/dry-run';
import { toNodeError } from '../../shared/errors';
import { outputItem } from '../../shared/items';
import { openLedger } from '../../shared/ledger';
import { connectShop } from '../../shared/shop';
import { operations } from './order';
import type { ShopsFor } from './types';

/** Runs the chosen operation: per item (each item's failure its own), or for all items at once where it batches. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `Unknown operation "${operationName}"`);
	const shopName = this.getNodeParameter('shop', 0) as string;
	// A dry item works with a shop that sends reads only and a ledger that writes nothing; each made once, when needed.
	const made = new Map<boolean, Promise<{ shop: ShopConnector; ledger: Ledger; dryRun: boolean }>>();
	const shopsFor: ShopsFor = (index) => {
		const dryRun = operation.writes && isDryRun(this, index);
		if (!made.has(dryRun)) {
			made.set(dryRun, Promise.all([connectShop(this, shopName, { dryRun }), openLedger(this, { dryRun })]).then(([shop, ledger]) => ({ shop, ledger, dryRun })));
		}
		return made.get(dryRun)!;
	};
	if (operation.executeAll) return [await operation.executeAll(this, shopsFor)];
	const execute = operation.execute;
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" has nothing to run`);

	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let index = 0; index < items.length; index++) {
		let orderId = '';
		try {
			// Inside the try: a failing Order ID expression fails only its item.
			if (operation.takesOrderId) orderId = String(this.getNodeParameter('orderId', index, '') ?? '').trim();
			const { shop, ledger, dryRun } = await shopsFor(index);
			const results = await orDryRunWrite(execute({ fn: this, shop, ledger, index, orderId }));
			if (results instanceof DryRunWrite) {
				output.push(outputItem({ orderId, dryRun: dryWriteOutcome(results) }, index));
				continue;
			}
			for (const json of results) output.push(outputItem(dryRun ? { ...json, dryRun: NOTHING_TO_WRITE } : json, index));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, { itemIndex: index, order: orderId || undefined });
			if (!this.continueOnFail()) throw nodeError;
			output.push(outputItem({ error: nodeError.message, ...(orderId ? { orderId } : {}) }, index));
		}
	}
	return [output];
}
