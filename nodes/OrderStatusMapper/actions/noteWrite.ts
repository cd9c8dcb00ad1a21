import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { writtenByShopOrderId } from '../../../lib/mapping';
import { toNodeError } from '../../shared/errors';
import { isDryRun } from '../../shared/dry-run';
import { openLedger } from '../../shared/ledger';

/**
 * Records in the workflow's ledger that this workflow wrote a status (through a node that is not ours), so the
 * Both Ways mapper drops the event that status brings back. The items pass through unchanged.
 */
export async function noteWrite(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const ledger = await openLedger(this, { dryRun: isDryRun(this, 0) });
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
			const [system, orderId, status] = [text('writtenSystem'), text('writtenOrderId'), text('writtenStatus')];
			const missing = [!system && 'Written To System', !orderId && 'Order ID', !status && 'Status'].filter(Boolean);
			if (missing.length) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex}${orderId ? ` (order ${orderId})` : ''}: ${missing.join(', ')} empty`, {
					itemIndex,
					description: 'Map each to the write this item made, e.g. Status {{ $(\'Order Status Mapper\').item.json.status.to }}.',
				});
			}
			const key = this.getNodeParameter('writtenOrderIdKind', itemIndex, 'own') === 'shop' ? writtenByShopOrderId(orderId) : orderId;
			await ledger.noteWrite(system, key, status);
			output.push({ ...items[itemIndex], pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, { itemIndex });
			output.push({ json: { ...items[itemIndex].json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
