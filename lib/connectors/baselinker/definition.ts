import type { ShopDefinition } from '../shop';
import { BASELINKER_DEFAULT_URL, VENDOR } from './client';
import { BaseLinkerShop, type BaseLinkerSettings } from './connector';

const positive = (value: unknown): number | undefined => {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/** The credential's fields that tune the connector: request budget, invoice series, unconfirmed orders. */
export function baseLinkerSettings(settings: Record<string, unknown> = {}): BaseLinkerSettings {
	return {
		perMinute: positive(settings.requestsPerMinute),
		invoiceSeriesId: positive(settings.invoiceSeriesId),
		includeUnconfirmed: settings.includeUnconfirmed === true,
	};
}

/** BaseLinker in the shop registry. */
export const baselinkerShop: ShopDefinition = {
	kind: 'shop',
	value: VENDOR,
	name: 'BaseLinker',
	description: 'BaseLinker connector.php API (journal, order manager)',
	credentialType: 'orderSyncBaseLinkerApi',
	credentialTest: 'baselinkerConnectionTest',
	settingsFields: ['requestsPerMinute', 'invoiceSeriesId', 'includeUnconfirmed'],
	// Every user of a token shares its 100 requests a minute, whatever the URL: the budget is per token (hashed).
	accountKeyField: 'token',
	create: ({ url, send, budget, accountKey, settings }) =>
		new BaseLinkerShop({
			url: url || BASELINKER_DEFAULT_URL,
			send,
			budget,
			accountKey: accountKey ?? `${VENDOR}|${url || BASELINKER_DEFAULT_URL}`,
			...baseLinkerSettings(settings),
		}),
	statuses: {
		// Status ids differ per account: there is no list without asking it.
		fixed: [],
		live: (shop) => shop.listStatuses(),
	},
	capabilities: {
		operations: {
			webhooks: false,
			updateLines: true,
			splitOrder: false,
			resendConfirmation: false,
			uploadInvoice: true,
			deriveFulfilment: false,
		},
		mails: {
			// BaseLinker mails nothing on API changes; automatic actions the merchant set up do, and no request stops them.
			sends: ['what the automatic actions set up in BaseLinker send on entering a status (none by default)'],
			switches: [],
			turnOff: 'BaseLinker → Orders → Automatic actions: remove the "send e-mail" actions for the statuses Notify Customer mails about',
		},
	},
};
