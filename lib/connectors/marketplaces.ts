import type { BudgetFactory, HttpSend, RetryPolicy } from '../transport';
import type { MarketplaceConnector, MarketplaceStatuses } from './marketplace';
import { OZON_DEFAULT_URL, OZON_SELLER_STATUSES, OzonMarketplace } from './ozon';
import { ZZAP_DEFAULT_URL, ZZAP_STATUS_PLACEHOLDER, ZzapMarketplace } from './zzap';

/** What a node hands a marketplace: the credential's non-secret fields and n8n's authenticated sender. */
export interface MarketplaceSettings {
	url?: string;
	/** The account id the marketplace rate-limits by (Ozon's Client-Id); never a secret */
	accountId: string;
	send: HttpSend;
	retry?: Partial<RetryPolicy>;
	/** Rate budgets shared by every process through the state store; without it, by this process only */
	budget?: BudgetFactory;
	/** The credential's non-secret fields the definition names in `settingFields` */
	settings?: Record<string, unknown>;
}

export interface MarketplaceDefinition {
	value: string;
	name: string;
	credentialType: string;
	/** The credential field that holds the account id */
	accountIdField: string;
	defaultUrl: string;
	statuses: MarketplaceStatuses;
	/** The node's credential test method, where a plain request cannot tell a wrong credential */
	testedBy?: string;
	/** Non-secret credential fields the connector reads (pacing, status codes) */
	settingFields?: string[];
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
	{
		value: 'zzap',
		name: 'ZZAP',
		credentialType: 'orderSyncZzapApi',
		accountIdField: 'login',
		defaultUrl: ZZAP_DEFAULT_URL,
		statuses: ZZAP_STATUS_PLACEHOLDER,
		testedBy: 'zzapConnectionTest',
		settingFields: ['intervalSeconds', 'acceptedStatus', 'rejectedStatus', 'acceptReply'],
		create: ({ url, accountId, send, retry, budget, settings = {} }) =>
			new ZzapMarketplace({
				baseUrl: url,
				login: accountId,
				send,
				retry,
				budget,
				intervalMs: Number(settings.intervalSeconds ?? 3) * 1000,
				acceptedStatus: settings.acceptedStatus as string | undefined,
				rejectedStatus: settings.rejectedStatus as string | undefined,
				acceptReply: settings.acceptReply as string | undefined,
			}),
	},
];

export function marketplaceDefinition(value: string): MarketplaceDefinition {
	const found = MARKETPLACES.find((m) => m.value === value);
	if (!found) throw new Error(`Unknown marketplace "${value}". Known: ${MARKETPLACES.map((m) => m.value).join(', ')}`);
	return found;
}
