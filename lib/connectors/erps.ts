import type { ErpDefinition } from './erp';
import { pohodaErp } from './pohoda';
import { definitionOf } from './registry';

/** Every ERP with an API the ERP Order Status node and the Order Status Mapper offer. A new ERP is one entry here. */
export const ERPS: ErpDefinition[] = [pohodaErp];

export const erpDefinition = (value: string): ErpDefinition => definitionOf(ERPS, 'erp', value);
