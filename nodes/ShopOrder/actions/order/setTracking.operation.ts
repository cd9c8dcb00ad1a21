import type { INodeProperties } from 'n8n-workflow';
import { shopsSwitchingMails } from '../../../shared/shop';
import { asJson, param, showFor, type ItemContext, type Json } from '../types';

export const option = { name: 'Set Tracking', value: 'setTracking', action: 'Set the tracking of an order' };
export const takesOrderId = true;
export const writes = true;

const switching = shopsSwitchingMails('setTracking').map((shop) => shop.value);

export const description: INodeProperties[] = [
	{
		displayName: 'Carrier',
		name: 'carrier',
		type: 'string',
		default: '={{ $json.order?.tracking?.[0]?.carrier ?? "" }}',
		displayOptions: showFor('setTracking'),
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '={{ $json.order?.tracking?.[0]?.number ?? "" }}',
		displayOptions: showFor('setTracking'),
	},
	{
		displayName: 'Tracking Link',
		name: 'trackingUrl',
		type: 'string',
		default: '={{ $json.order?.tracking?.[0]?.url ?? "" }}',
		displayOptions: showFor('setTracking'),
	},
	...(switching.length
		? [
				{
					displayName: 'Tell the Customer',
					name: 'notifyCustomer',
					type: 'boolean' as const,
					default: false,
					description:
						'Whether the shop mails the tracking to the customer itself, as far as it can (as a customer note, or its own "in transit" mail where the carrier has a tracking link). Leave it off when Notify Customer sends the shipping mail.',
					displayOptions: showFor('setTracking', switching),
				},
			]
		: []),
];

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const tracking = {
		carrier: param<string>(ctx, 'carrier', '') || undefined,
		number: String(param<string>(ctx, 'trackingNumber', '') ?? '').trim(),
		url: param<string>(ctx, 'trackingUrl', '') || undefined,
	};
	const { method, order } = await ctx.shop.setTracking(ctx.orderId, tracking, param<boolean>(ctx, 'notifyCustomer', false));
	return [{ order: asJson(order), tracking: { ...tracking, method } }];
}
