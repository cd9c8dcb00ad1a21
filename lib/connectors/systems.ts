import type { ErpDefinition } from './erp';
import { ERPS } from './erps';
import type { MarketplaceDefinition } from './marketplace';
import { MARKETPLACES } from './marketplaces';
import type { ShopDefinition } from './shop';
import { SHOPS } from './shops';

export type AnySystemDefinition = ShopDefinition | ErpDefinition | MarketplaceDefinition;

/** Every registered shop, ERP and marketplace, in that order (read at call time: registries may grow). */
export const registeredSystems = (): AnySystemDefinition[] => [...SHOPS, ...ERPS, ...MARKETPLACES];

export const findSystem = (value: string): AnySystemDefinition | undefined => registeredSystems().find((system) => system.value === value);
