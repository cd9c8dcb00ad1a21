import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import {
	FIXED_STATUS_LISTS,
	WOOCOMMERCE_CORE_STATUSES,
	fetchWooCommerceStatuses,
	type MapperSystem,
	type StatusOption,
} from '../../../lib/mapping';
import { n8nSend } from '../../shared/transport';

export const WOOCOMMERCE_CREDENTIAL = 'orderSyncWooCommerceApi';

/**
 * The statuses of a system: live from the store where the system has a list (WooCommerce, through its credential),
 * fixed where it does not. `live` demands the live list; otherwise a missing credential gives the core list.
 * Undefined for systems whose statuses only the merchant knows.
 */
export async function statusListOf(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	system: MapperSystem,
	live: boolean,
): Promise<StatusOption[] | undefined> {
	if (system === 'woocommerce') {
		// getCredentials throws when none is selected; only the live check insists on one.
		const credentials = live
			? await context.getCredentials(WOOCOMMERCE_CREDENTIAL)
			: await context.getCredentials(WOOCOMMERCE_CREDENTIAL).catch(() => undefined);
		if (!credentials) return WOOCOMMERCE_CORE_STATUSES;
		const send = n8nSend(context, WOOCOMMERCE_CREDENTIAL, {
			allowUnauthorizedCerts: credentials.allowUnauthorizedCerts === true,
		});
		return fetchWooCommerceStatuses(send, String(credentials.url));
	}
	return FIXED_STATUS_LISTS[system];
}
