import type { BudgetFactory, HttpSend, RetryPolicy } from '../transport';
import type { MarketplaceConnector, MarketplaceStatuses } from './marketplace';
import { OZON_DEFAULT_URL, OZON_SELLER_STATUSES, OzonMarketplace } from './ozon';

/** What a node hands a marketplace: the credential's non-secret fields and n8n's authenticated sender. */
export interface MarketplaceSettings {
	url?: string;
	/** The account id the marketplace rate-limits by (Ozon's Client-Id); never a secret */
	accountId: string;
	send: HttpSend;
	retry?: Partial<RetryPolicy>;
	/** Rate budgets shared by every process through the state store; without it, by this process only */
	budget?: BudgetFactory;
}

export interface MarketplaceDefinition {
	value: string;
	name: string;
	credentialType: string;
	/** The credential field that holds the account id */
	accountIdField: string;
	defaultUrl: string;
	statuses: MarketplaceStatuses;
	create(settings: MarketplaceSettings): MarketplaceConnector;
}

/** Every marketplace the Marketplace Order node offers; a new marketplace is one entry and one connector folder. */
export const MARKETPLACES: MarketplaceDefinition[] = [
	{
		value: 'ozon',
		name: 'Ozon',
		credentialType: 'orderSyncOzonApi',
		accountIdField: 'clientId',
		defaultUrl: OZON_DEFAULT_URL,
		statuses: OZON_SELLER_STATUSES,
		create: (settings) =>
			new OzonMarketplace({ baseUrl: settings.url, clientId: settings.accountId, send: settings.send, retry: settings.retry, budget: settings.budget }),
	},
];

export function marketplaceDefinition(value: string): MarketplaceDefinition {
	const found = MARKETPLACES.find((m) => m.value === value);
	if (!found) throw new Error(`Unknown marketplace "${value}". Known: ${MARKETPLACES.map((m) => m.value).join(', ')}`);
	return found;
}
