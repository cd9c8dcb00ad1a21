import type { MarketplaceDefinition } from './marketplace';
import { ozonMarketplace } from './ozon';
import { definitionOf } from './registry';

export type { MarketplaceDefinition, MarketplaceSettings } from './marketplace';

/** Every marketplace the Marketplace Order node and the Order Status Mapper offer. A new marketplace is one entry here. */
export const MARKETPLACES: MarketplaceDefinition[] = [ozonMarketplace];

export const marketplaceDefinition = (value: string): MarketplaceDefinition => definitionOf(MARKETPLACES, 'marketplace', value);
