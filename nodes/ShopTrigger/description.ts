import type { INodeProperties } from 'n8n-workflow';
import { SHOPS } from '../../lib/connectors/shops';
import { shopProperty } from '../shared/shop';

export const properties: INodeProperties[] = [
	shopProperty(),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Webhook',
				value: 'webhook',
				description: 'The shop calls n8n at once; the webhook is registered and removed with the workflow',
			},
			{
				name: 'Polling',
				value: 'polling',
				description: 'Asks the shop for changed orders at the Poll Times; for shops n8n cannot be reached from',
			},
		],
		default: 'webhook',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Order Created', value: 'created' },
			{ name: 'Order Status Changed', value: 'statusChanged', description: 'With the previous and the new status' },
			{ name: 'Order Updated', value: 'updated', description: 'Lines added, removed or changed in quantity or price' },
		],
		default: ['created', 'statusChanged'],
		required: true,
	},
	// A shop without webhooks says so in Webhook mode.
	...SHOPS.filter((shop) => !shop.capabilities.operations.webhooks).map<INodeProperties>((shop) => ({
		displayName: `${shop.name} has no webhooks: set Mode to Polling.`,
		name: 'noWebhooksNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { shop: [shop.value], mode: ['webhook'] } },
	})),
	{
		displayName: 'In Webhook mode the node registers its webhooks in the shop when the workflow is activated; the Poll Times then only pace the catch-up for missed events.',
		name: 'pollNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['webhook'] } },
	},
	{
		displayName: 'Catch Up Missed Events',
		name: 'catchUp',
		type: 'boolean',
		default: true,
		description:
			'Whether to also look for changed orders at the Poll Times and turn the webhooks back on if the shop disabled them (WooCommerce does after 5 failed deliveries), so changes made while n8n was unreachable still arrive, and emits again what failed further on (without it, the next delivery does). Events already delivered are not repeated.',
		displayOptions: { show: { mode: ['webhook'] } },
	},
	{
		displayName: 'Overlap (Seconds)',
		name: 'overlapSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 120,
		description: 'How far back each poll looks before the last change seen, so changes saved late or with clock skew are not missed. Orders seen already are skipped.',
	},
];
