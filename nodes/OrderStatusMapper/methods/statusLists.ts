import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { SHOPS } from '../../../lib/connectors/shops';
import { FIXED_STATUS_LISTS, WOOCOMMERCE_CORE_STATUSES, type MapperSystem, type StatusOption } from '../../../lib/mapping';
import { n8nSend } from '../../shared/transport';

export const WOOCOMMERCE_CREDENTIAL = SHOPS.woocommerce.credentialType;

/**
 * The statuses of a system: live from the shop where it has a list (WooCommerce, through its credential), fixed
 * where it does not. `live` demands the live list; otherwise a missing credential gives the core list.
 * Undefined for systems whose statuses only the merchant knows.
 */
export async function statusListOf(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	system: MapperSystem,
	live: boolean,
): Promise<StatusOption[] | undefined> {
	const shop = SHOPS[system];
	if (shop) {
		// getCredentials throws when none is selected; only the live check insists on one.
		const credentials = live
			? await context.getCredentials(shop.credentialType)
			: await context.getCredentials(shop.credentialType).catch(() => undefined);
		if (!credentials) return system === 'woocommerce' ? WOOCOMMERCE_CORE_STATUSES : [];
		const send = n8nSend(context, shop.credentialType, {
			allowUnauthorizedCerts: credentials.allowUnauthorizedCerts === true,
		});
		const statuses = await shop.create({ url: String(credentials.url), send }).listStatuses();
		return statuses.map(({ code, label }) => ({ code, label }));
	}
	return FIXED_STATUS_LISTS[system];
}
