import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ShopConnector } from '../../../lib/connectors/shop';
import type { Ledger } from '../../../lib/ledger';
import type { Order } from '../../../lib/model';

export type Json = IDataObject;
export const asJson = (value: unknown) => value as Json;

/** One item of an operation: the node, the shop, the ledger and the order the item names. */
export interface ItemContext {
	fn: IExecuteFunctions;
	shop: ShopConnector;
	ledger: Ledger;
	index: number;
	orderId: string;
}

/**
 * One operation of Shop Order: its entry in the Operation list, its fields (shown for it alone) and how it runs,
 * per item (`execute`) or for all items at once (`executeAll`).
 */
export interface OrderOperation {
	option: INodePropertyOptions;
	/** Whether the operation acts on one order named by the Order ID field */
	takesOrderId: boolean;
	/** Whether it writes to the shop (and so offers Dry Run) */
	writes: boolean;
	description: INodeProperties[];
	execute?(ctx: ItemContext): Promise<Json[]>;
	executeAll?(fn: IExecuteFunctions, shops: ShopsFor): Promise<INodeExecutionData[]>;
}

/** The shop and ledger an item works with: the dry ones when the item's Dry Run is on. */
export type ShopsFor = (index: number) => Promise<{ shop: ShopConnector; ledger: Ledger; dryRun: boolean }>;

export const param = <T>(ctx: ItemContext, name: string, fallback?: unknown) => ctx.fn.getNodeParameter(name, ctx.index, fallback) as T;

/** displayOptions showing a field for one operation (and optionally some shops). */
export const showFor = (operation: string, shops?: string[]) => ({
	show: { resource: ['order'], operation: [operation], ...(shops ? { shop: shops } : {}) },
});

/** The incoming order when it is the one acted on, else the shop's current copy. */
export async function currentOrder(ctx: ItemContext): Promise<Order> {
	const incoming = ctx.fn.getInputData()[ctx.index]?.json?.order as Order | undefined;
	if (incoming && incoming.system === ctx.shop.system && incoming.id === ctx.orderId) return incoming;
	return ctx.shop.getOrder(ctx.orderId);
}
