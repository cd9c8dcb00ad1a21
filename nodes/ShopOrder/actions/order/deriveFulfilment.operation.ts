import type { INodeProperties } from 'n8n-workflow';
import { capabilityOf } from '../../../../lib/connectors/shop';
import { asJson, currentOrder, type ItemContext, type Json } from '../types';

export const option = {
	name: 'Derive Fulfilment Status',
	value: 'deriveFulfilment',
	action: 'Derive the fulfilment status of an order',
	description: 'Ready when every line is in stock, Backordered otherwise',
};
export const takesOrderId = true;
export const writes = false;
export const description: INodeProperties[] = [];

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const fulfilment = await capabilityOf(ctx.shop, 'deriveFulfilment')(ctx.orderId);
	return [{ order: asJson(await currentOrder(ctx)), fulfilment: asJson(fulfilment) }];
}
