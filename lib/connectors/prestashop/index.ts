import type { PrestaShopOptions } from './client';
import { PrestaShopShop } from './client';

export * from './client';
export * from './mapping';
export * from './time';
export * from './xml';
export type * from './wire';

/** PrestaShop in the shop registry: its credential, and how a node builds the connector. */
export const prestashopShop = {
	displayName: 'PrestaShop',
	credentialType: 'orderSyncPrestaShopApi',
	create: (options: PrestaShopOptions) => new PrestaShopShop(options),
};
