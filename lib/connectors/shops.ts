import { prestashopShop } from './prestashop';
import { definitionOf } from './registry';
import type { ShopDefinition } from './shop';
import { woocommerceShop } from './woocommerce';
import { idosellShop } from './idosell';

/** Every shop the Shop nodes and the Order Status Mapper offer, in selector order. A new shop is one entry here. */
export const SHOPS: ShopDefinition[] = [woocommerceShop, prestashopShop, idosellShop];

export const shopDefinition = (shop: string): ShopDefinition => definitionOf(SHOPS, 'shop', shop);
