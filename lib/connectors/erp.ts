import { detectChanges, snapshotOf, type OrderSnapshot } from '../changes/detect';
import type { Ledger } from '../ledger';
import { writtenByShopOrderId } from '../mapping/mapper';
import type { ChangeEvent, Order } from '../model';
import type { BudgetFactory, HttpSend } from '../transport';
import type { SystemDefinition } from './registry';

/** A page of orders an ERP reports as changed, and the ones it could not read. */
export interface ErpOrderPage {
	orders: Order[];
	failures: Array<{ id?: string; error: Error }>;
	/** The ERP's own clock at the time of the answer, usable as the next watermark */
	serverTime?: string;
}

export interface ErpOrderReference {
	by: 'id' | 'number' | 'extId';
	value: string;
	externalSystem?: string;
}

/**
 * What an ERP with an API offers the ERP Order Status node. One implementation per vendor folder
 * (lib/connectors/<vendor>); ERPs without an API use the "from input items" mode (lib/connectors/generic-erp).
 */
export interface ErpConnector {
	readonly system: string;
	/** Orders changed since `since` (the ERP's local time), page by page */
	changedOrders(since: string, options?: { pageSize?: number; includeRaw?: boolean }): AsyncIterable<ErpOrderPage>;
	getOrder(ref: ErpOrderReference): Promise<Order | undefined>;
	importOrder(order: Order, shopOrderId: string): Promise<{ id: string; number?: string; created: boolean; warnings?: unknown[] }>;
	createInvoiceFromOrder(orderId: string): Promise<{ invoiceId: string; invoiceNumber?: string; created: boolean }>;
	/** The PDF of the order's sales document (invoice); `invoiceId` skips the look-up */
	documentPdf(orderId: string, invoiceId?: string): Promise<{ data: Buffer; fileName: string; invoiceId: string; order?: Order }>;
}

/** What a node hands an ERP connector: the credential's URL and non-secret fields, n8n's sender, the node's options. */
export interface ErpSettings {
	url: string;
	send: HttpSend;
	/** The credential's non-secret fields (an IČO, a home currency) */
	settings: Record<string, unknown>;
	/** The name the shop's order ids are kept under in the ERP (POHODA's exSystemName) */
	externalSystem?: string;
	/** The node's import options; each connector reads its own */
	import?: Record<string, unknown>;
	/** The report (print form) documents are printed with */
	invoiceReportId?: number;
	/** Rate budgets shared by every execution through the state store */
	budget?: BudgetFactory;
}

export interface ErpDefinition extends SystemDefinition<ErpConnector, ErpSettings> {
	kind: 'erp';
}

export interface DetectedEvent<T> {
	event: ChangeEvent;
	/** What the order came with, e.g. the input item index */
	source: T;
}

export interface DetectionResult<T> {
	events: Array<DetectedEvent<T>>;
	/** Writes the new snapshots; call only once the events are emitted */
	commit(): Promise<void>;
}

export interface DetectionOptions {
	/**
	 * Orders created before this (ISO date or date-time) that the ledger has never seen were there before the
	 * workflow started watching: only their completion or cancellation is reported, not a "created" event.
	 */
	baselineAt?: string;
}

/**
 * Compares each order with its last snapshot in the ledger and returns the events; repeats (an unchanged order
 * seen again, e.g. in the overlap window) give none. Snapshots are written by `commit`, not before.
 */
export async function detectOrderEvents<T>(
	ledger: Ledger,
	orders: Array<{ order: Order; source: T }>,
	options: DetectionOptions = {},
): Promise<DetectionResult<T>> {
	const seen = new Map<string, OrderSnapshot | undefined>();
	const updates = new Map<string, { system: string; id: string; snapshot: OrderSnapshot }>();
	const events: Array<DetectedEvent<T>> = [];
	for (const { order, source } of orders) {
		const key = `${order.system}\u0000${order.id}`;
		const previous = seen.has(key) ? seen.get(key) : await ledger.snapshot<OrderSnapshot>(order.system, order.id);
		const snapshot = snapshotOf(order);
		seen.set(key, snapshot);
		updates.set(key, { system: order.system, id: order.id, snapshot });
		let detected = detectChanges(await withOurWrite(ledger, previous, order), order, undefined, { shipped: true });
		if (!previous && isBeforeBaseline(order, options.baselineAt)) {
			detected =
				order.canonicalStatus === 'completed' || order.canonicalStatus === 'cancelled'
					? [{ ...detected[0], kind: order.canonicalStatus }]
					: [];
		}
		for (const event of detected) events.push({ event, source });
	}
	return {
		events,
		commit: async () => {
			for (const { system, id, snapshot } of updates.values()) await ledger.saveSnapshot(system, id, snapshot);
		},
	};
}

/**
 * The last seen state, or the status we wrote to the order since (a two-way workflow's write to this ERP) when the
 * order was changed after that write back to the status last seen: that is a change too, though the status is as before.
 */
async function withOurWrite(ledger: Ledger, previous: OrderSnapshot | undefined, order: Order): Promise<OrderSnapshot | undefined> {
	const updatedAt = order.updatedAt ? Date.parse(order.updatedAt) : NaN;
	if (!previous || previous.status !== order.status.code || previous.updatedAt === order.updatedAt || Number.isNaN(updatedAt)) return previous;
	const lastSeen = previous.updatedAt ? Date.parse(previous.updatedAt) : NaN;
	const ids = [order.id, ...(order.externalIds?.shop !== undefined ? [writtenByShopOrderId(order.externalIds.shop)] : [])];
	const written = await ledger.overwrittenWrite(order.system, ids, order.status.code, { after: Number.isNaN(lastSeen) ? -Infinity : lastSeen, before: updatedAt });
	return written === undefined ? previous : { ...previous, status: written };
}

function isBeforeBaseline(order: Order, baselineAt: string | undefined): boolean {
	if (!baselineAt || !order.createdAt) return false;
	const length = Math.min(order.createdAt.length, baselineAt.length, 19);
	return order.createdAt.slice(0, length) < baselineAt.slice(0, length);
}

/** The item json our nodes emit for a change event (the package's item contract). */
export function eventJson(event: ChangeEvent): Record<string, unknown> {
	const json: Record<string, unknown> = {
		kind: event.kind,
		system: event.system,
		previousStatus: event.previousStatus,
		newStatus: event.newStatus,
		changedAt: event.changedAt,
		order: event.order,
	};
	if (event.lineDiff) json.lineDiff = event.lineDiff;
	if (json.previousStatus === undefined) delete json.previousStatus;
	return json;
}
