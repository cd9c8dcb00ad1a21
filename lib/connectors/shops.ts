import type { ShopDefinition } from './shop';
import { WooCommerceShop } from './woocommerce/client';

/** Every shop the Shop nodes offer, by the value of their "Shop" selector. A new shop is one entry here. */
export const SHOPS: Readonly<Record<string, ShopDefinition>> = {
	woocommerce: {
		displayName: 'WooCommerce',
		credentialType: 'orderSyncWooCommerceApi',
		create: ({ url, send }) => new WooCommerceShop({ url, send }),
	},
};

export function shopDefinition(shop: string): ShopDefinition {
	const definition = SHOPS[shop];
	if (!definition) throw new Error(`Unknown shop "${shop}"; available: ${Object.keys(SHOPS).join(', ')}`);
	return definition;
}
