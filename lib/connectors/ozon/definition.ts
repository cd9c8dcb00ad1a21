import type { MarketplaceDefinition } from '../marketplace';
import { statusesFrom } from '../registry';
import { OZON_DEFAULT_URL } from './client';
import { OZON_SELLER_STATUSES, OzonMarketplace } from './connector';
import { OZON, OZON_STATUSES } from './mapping';

/** Ozon (FBS / rFBS postings) in the marketplace registry. */
export const ozonMarketplace: MarketplaceDefinition = {
	kind: 'marketplace',
	value: OZON,
	name: 'Ozon',
	description: 'Ozon Seller API, FBS and rFBS postings',
	credentialType: 'orderSyncOzonApi',
	accountIdField: 'clientId',
	defaultUrl: OZON_DEFAULT_URL,
	sellerStatuses: OZON_SELLER_STATUSES,
	statuses: { fixed: statusesFrom(OZON_STATUSES) },
	create: (settings) =>
		new OzonMarketplace({ baseUrl: settings.url, clientId: settings.accountId, send: settings.send, retry: settings.retry, budget: settings.budget }),
};
