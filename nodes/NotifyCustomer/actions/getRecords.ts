import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { openLedger } from '../../shared/ledger';
import { outputItem } from '../../shared/items';

/**
 * What the state store recorded for each item's order: every mail (to whom, its Message-ID, when) and every other
 * action of the instance (accepts, splits), claimed or done. Reads only.
 */
export async function getRecords(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const ledger = await openLedger(this);
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const system = String(this.getNodeParameter('recordSystem', itemIndex, '') ?? '').trim();
			const orderId = String(this.getNodeParameter('recordOrderId', itemIndex, '') ?? '').trim();
			if (!system || !orderId) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex} names no ${system ? 'order ID' : 'system'} to look up`, {
					itemIndex,
					description: 'Set System (e.g. woocommerce, pohoda) and Order ID, e.g. {{ $json.order.system }} and {{ $json.order.id }}.',
				});
			}
			const records = await ledger.actions(system, orderId);
			results.push(outputItem({ system, orderId, records: records as never }, itemIndex));
		} catch (error) {
			const nodeError = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!this.continueOnFail()) throw nodeError;
			results.push(outputItem({ error: nodeError.message }, itemIndex));
		}
	}
	return [results];
}
