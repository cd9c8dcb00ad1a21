import type { ShopDefinition } from '../shop';
import { WooCommerceShop } from './client';
import { SYSTEM, WOO_CANONICAL, WOO_STATUS_LABELS, WOO_UNASSIGNABLE } from './mapping';

/** WooCommerce in the shop registry. */
export const woocommerceShop: ShopDefinition = {
	kind: 'shop',
	value: SYSTEM,
	name: 'WooCommerce',
	description: 'WooCommerce REST API (wc/v3)',
	credentialType: 'orderSyncWooCommerceApi',
	credentialTest: 'woocommerceConnectionTest',
	create: ({ url, send }) => new WooCommerceShop({ url, send }),
	statuses: {
		fixed: Object.entries(WOO_STATUS_LABELS).map(([code, label]) => ({
			code,
			label,
			...(WOO_CANONICAL[code] ? { canonical: WOO_CANONICAL[code] } : {}),
			...(WOO_UNASSIGNABLE.has(code) ? { assignable: false as const } : {}),
		})),
		live: (shop) => shop.listStatuses(),
	},
	capabilities: {
		operations: {
			webhooks: true,
			updateLines: true,
			splitOrder: true,
			resendConfirmation: true,
			// Core WooCommerce has no attachment endpoint: Upload Invoice PDF adds a customer note with the link.
			uploadInvoice: false,
			deriveFulfilment: true,
		},
		mails: {
			// A status change through the REST API mails as one in the admin does; no request parameter suppresses it.
			sends: [
				'order received (processing / on hold)',
				'order completed',
				'order failed',
				'customer note (Add Note for the customer, Set Tracking without the tracking plugin, Upload Invoice)',
				'order details (Resend Confirmation)',
			],
			switches: ['setTracking', 'splitOrder'],
			turnOff:
				'WooCommerce → Settings → Emails: turn off each mail Notify Customer sends instead (e.g. Completed order, Processing order)',
		},
	},
};
