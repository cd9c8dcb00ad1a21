import type { ShopDefinition } from '../shop';
import { PrestaShopShop, type PrestaShopSettings } from './client';
import { SYSTEM } from './mapping';

/** PrestaShop's default order states (ids of a fresh install, English names); the live list is the shop's own. */
const DEFAULT_STATES = [
	{ code: '1', label: 'Awaiting check payment', canonical: 'new' },
	{ code: '2', label: 'Payment accepted', canonical: 'confirmed' },
	{ code: '3', label: 'Processing in progress', canonical: 'processing' },
	{ code: '4', label: 'Shipped', canonical: 'shipped' },
	{ code: '5', label: 'Delivered', canonical: 'delivered' },
	{ code: '6', label: 'Canceled', canonical: 'cancelled' },
	{ code: '7', label: 'Refunded', canonical: 'refunded' },
	{ code: '8', label: 'Payment error', canonical: 'failed' },
	{ code: '9', label: 'On backorder (paid)', canonical: 'backordered' },
	{ code: '10', label: 'Awaiting bank wire payment', canonical: 'new' },
	{ code: '11', label: 'Remote payment accepted', canonical: 'confirmed' },
	{ code: '12', label: 'On backorder (not paid)', canonical: 'backordered' },
	{ code: '13', label: 'Awaiting Cash On Delivery validation', canonical: 'new' },
] as const;

/** PrestaShop in the shop registry. */
export const prestashopShop: ShopDefinition = {
	kind: 'shop',
	value: SYSTEM,
	name: 'PrestaShop',
	description: 'PrestaShop Webservice (1.7.8, 8.x, 9.x), polling',
	notice:
		'PrestaShop has no webhooks (use Polling) and its webservice cannot change order lines, split orders, resend confirmations or attach files.',
	credentialType: 'orderSyncPrestaShopApi',
	credentialTest: 'prestashopConnectionTest',
	settingsFields: ['timeZone', 'urlForm'],
	create: ({ url, send, budget, accountKey, settings }) =>
		new PrestaShopShop({ url, send, budget, accountKey, settings: settings as PrestaShopSettings & Record<string, unknown> }),
	statuses: {
		fixed: DEFAULT_STATES.map((state) => ({ ...state })),
		live: (shop) => shop.listStatuses(),
	},
	capabilities: {
		operations: {
			webhooks: false,
			// order_details can be written, but PrestaShop then recomputes neither totals and taxes nor invoice and stock.
			updateLines: false,
			splitOrder: false,
			resendConfirmation: false,
			// Orders take no attachments through the webservice.
			uploadInvoice: false,
			deriveFulfilment: true,
		},
		mails: {
			// Through the webservice PrestaShop mails only when asked (sendemail=1); at checkout it mails by itself.
			sends: ['order confirmation and the first state’s mail at checkout (not through the webservice)'],
			switches: ['updateStatus', 'setTracking'],
			turnOff: 'PrestaShop core has no per-mail switch for the checkout mails: leave the new-order mail to PrestaShop',
		},
	},
};
