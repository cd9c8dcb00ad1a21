import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { SHOPS } from '../../../lib/connectors/shops';
import { WOO_UNASSIGNABLE } from '../../../lib/connectors/woocommerce/mapping';
import { FIXED_STATUS_LISTS, WOOCOMMERCE_CORE_STATUSES, type MapperSystem, type StatusOption } from '../../../lib/mapping';
import { connectShop } from '../../shared/shop';

export const WOOCOMMERCE_CREDENTIAL = SHOPS.woocommerce.credentialType;

/**
 * The statuses of a system: live from the shop where it has a list (WooCommerce, through its credential), fixed
 * where it does not. `live` demands the live list; otherwise a missing credential gives the core list.
 * Undefined for systems whose statuses only the merchant knows. `asTarget` leaves out statuses an order cannot be
 * moved into.
 */
export async function statusListOf(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	system: MapperSystem,
	live: boolean,
	asTarget = false,
): Promise<StatusOption[] | undefined> {
	if (!SHOPS[system]) return FIXED_STATUS_LISTS[system];
	// No credential selected throws; only the live check insists on one.
	const shop = live ? await connectShop(context, system) : await connectShop(context, system).catch(() => undefined);
	if (!shop) {
		if (system !== 'woocommerce') return [];
		return asTarget ? WOOCOMMERCE_CORE_STATUSES.filter(({ code }) => !WOO_UNASSIGNABLE.has(code)) : WOOCOMMERCE_CORE_STATUSES;
	}
	const statuses = await shop.listStatuses();
	return statuses.filter((status) => !asTarget || status.assignable !== false).map(({ code, label }) => ({ code, label }));
}
