import type { INodeProperties } from 'n8n-workflow';
import { capabilityOf } from '../../../../lib/connectors/shop';
import { asJson, currentOrder, type ItemContext, type Json } from '../types';

export const option = {
	name: 'Resend Confirmation',
	value: 'resendConfirmation',
	action: 'Resend the order confirmation',
	description: 'Mail the order details to the customer again',
};
export const takesOrderId = true;
export const writes = true;
export const description: INodeProperties[] = [];

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const { message } = await capabilityOf(ctx.shop, 'resendConfirmation')(ctx.orderId);
	return [{ order: asJson(await currentOrder(ctx)), confirmation: { sent: true, message } }];
}
