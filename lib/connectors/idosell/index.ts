export * from './wire';
export * from './mapping';
export * from './client';

import { IdoSellShop, type IdoSellOptions } from './client';

/** IdoSell as one shop of the Shop nodes; its registry entry. */
export const IDOSELL_SHOP = {
	value: 'idosell',
	displayName: 'IdoSell',
	credentialType: 'orderSyncIdoSellApi',
	create: (options: IdoSellOptions) => new IdoSellShop(options),
};
