import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { orderIdAt, perItem, type Marketplace } from './shared';

export async function getOrder(this: IExecuteFunctions, { connector }: Marketplace): Promise<INodeExecutionData[][]> {
	return perItem(this, 1, async (itemIndex, _item, emit) => {
		const order = await connector.getOrder(orderIdAt(this, itemIndex));
		emit(0, { order: order as never });
	});
}
