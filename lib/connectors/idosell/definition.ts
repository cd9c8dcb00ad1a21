import type { ShopDefinition } from '../shop';
import { IdoSellShop } from './client';
import { IDOSELL_CANONICAL, IDOSELL_STATUS_LABELS, IDOSELL_UNASSIGNABLE, SYSTEM } from './mapping';

/** IdoSell in the shop registry. */
export const idosellShop: ShopDefinition = {
	kind: 'shop',
	value: SYSTEM,
	name: 'IdoSell',
	description: 'IdoSell Admin API (orders)',
	notice: 'IdoSell has no webhooks: set the Shop Trigger to Polling. Update Lines, Split Order, Resend Confirmation and Derive Fulfilment are not available for IdoSell.',
	credentialType: 'orderSyncIdoSellApi',
	credentialTest: 'idosellConnectionTest',
	settingsFields: ['timeZone'],
	create: (options) => new IdoSellShop(options),
	statuses: {
		fixed: Object.entries(IDOSELL_STATUS_LABELS).map(([code, label]) => ({
			code,
			label,
			...(IDOSELL_CANONICAL[code] ? { canonical: IDOSELL_CANONICAL[code] } : {}),
			...(IDOSELL_UNASSIGNABLE.has(code) ? { assignable: false as const } : {}),
		})),
		live: (shop) => shop.listStatuses(),
	},
	capabilities: {
		operations: {
			webhooks: false,
			updateLines: false,
			splitOrder: false,
			resendConfirmation: false,
			uploadInvoice: true,
			deriveFulfilment: false,
		},
		mails: {
			// Through the API IdoSell mails and texts on every status change unless the order's settings say "y".
			sends: ['every status change (mail and SMS) unless told not to per order', 'status changes staff make in the panel, as its notification settings say'],
			switches: ['updateStatus'],
			turnOff: "the IdoSell panel's e-mail and SMS notifications to customers about order status changes (for changes made in the panel)",
		},
	},
};
