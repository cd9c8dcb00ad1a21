import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { SHOPS } from '../../../lib/connectors/shops';
import { FIXED_STATUS_LISTS, WOOCOMMERCE_CORE_STATUSES, type MapperSystem, type StatusOption } from '../../../lib/mapping';
import { connectShop } from '../../shared/shop';

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
	if (!SHOPS[system]) return FIXED_STATUS_LISTS[system];
	// No credential selected throws; only the live check insists on one.
	const shop = live ? await connectShop(context, system) : await connectShop(context, system).catch(() => undefined);
	if (!shop) return system === 'woocommerce' ? WOOCOMMERCE_CORE_STATUSES : [];
	return (await shop.listStatuses()).map(({ code, label }) => ({ code, label }));
}
