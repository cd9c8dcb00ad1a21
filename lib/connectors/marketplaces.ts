import type { MarketplaceDefinition } from './marketplace';
import { ozonMarketplace } from './ozon';
import { zzapMarketplace } from './zzap';
import { definitionOf } from './registry';

export type { MarketplaceDefinition, MarketplaceSettings } from './marketplace';

/** Every marketplace the Marketplace Order node and the Order Status Mapper offer. A new marketplace is one entry here. */
export const MARKETPLACES: MarketplaceDefinition[] = [ozonMarketplace, zzapMarketplace];

export const marketplaceDefinition = (value: string): MarketplaceDefinition => definitionOf(MARKETPLACES, 'marketplace', value);
