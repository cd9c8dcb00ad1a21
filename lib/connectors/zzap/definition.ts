import type { MarketplaceDefinition } from '../marketplace';
import { ZZAP, ZZAP_DEFAULT_URL } from './client';
import { ZZAP_STATUS_PLACEHOLDER, ZzapMarketplace } from './connector';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** ZZAP (external auto-parts orders, one status per position) in the marketplace registry. */
export const zzapMarketplace: MarketplaceDefinition = {
	kind: 'marketplace',
	value: ZZAP,
	name: 'ZZAP',
	description: 'ZZAP seller web service: external orders decided per position',
	notice: 'ZZAP has no tracking-number method (send the number as the buyer reply with Send Status); its status codes are your account’s own.',
	credentialType: 'orderSyncZzapApi',
	credentialTest: 'zzapConnectionTest',
	settingsFields: ['intervalSeconds', 'acceptedStatus', 'rejectedStatus', 'acceptReply'],
	accountIdField: 'login',
	defaultUrl: ZZAP_DEFAULT_URL,
	// The account's own codes: read live (GetCodesTrack) once a connector is open.
	sellerStatuses: ZZAP_STATUS_PLACEHOLDER,
	statuses: {
		fixed: [],
		live: async (connector) => (connector instanceof ZzapMarketplace ? connector.systemStatuses() : []),
	},
	create: ({ url, accountId, send, retry, budget, settings = {} }) =>
		new ZzapMarketplace({
			baseUrl: url,
			login: accountId,
			send,
			retry,
			budget,
			intervalMs: Number(settings.intervalSeconds ?? 3) * 1000,
			acceptedStatus: text(settings.acceptedStatus),
			rejectedStatus: text(settings.rejectedStatus),
			acceptReply: text(settings.acceptReply),
		}),
};
