import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { orderIdAt, perItem, type Marketplace } from './shared';

export async function setTracking(this: IExecuteFunctions, { connector }: Marketplace): Promise<INodeExecutionData[][]> {
	return perItem(this, 1, async (itemIndex, _item, emit) => {
		const orderId = orderIdAt(this, itemIndex);
		const number = String(this.getNodeParameter('trackingNumber', itemIndex, '') ?? '').trim();
		if (!number) {
			throw new NodeOperationError(this.getNode(), `Order ${orderId}: the tracking number is empty`, {
				itemIndex,
				description: 'Set "Tracking Number", e.g. from the carrier or ERP node before this one.',
			});
		}
		await connector.setTracking(orderId, { number });
		emit(0, { order: (await connector.getOrder(orderId)) as never, tracking: { number } });
	});
}
