import type { INodeProperties } from 'n8n-workflow';
import { asJson, type ItemContext, type Json } from '../types';

export const option = { name: 'Get', value: 'get', action: 'Get an order' };
export const takesOrderId = true;
export const writes = false;
export const description: INodeProperties[] = [];

export async function execute(ctx: ItemContext): Promise<Json[]> {
	return [{ order: asJson(await ctx.shop.getOrder(ctx.orderId)) }];
}
