import type { Order, OrderLine, Tracking } from '../model';
import type { BudgetFactory, HttpSend, RetryPolicy } from '../transport';
import type { SystemDefinition } from './registry';

/** How many pieces of one position (an order line, `line.id`) an action covers. */
export interface PositionQuantity {
	positionId: string;
	quantity: number;
}

/** Why positions are rejected: a reason id from `rejectReasons()`, with free text where the marketplace wants it. */
export interface RejectReason {
	id: string;
	message?: string;
}

export interface RejectReasonOption {
	id: string;
	name: string;
}

/** A status the seller may set on the marketplace. */
export interface MarketplaceStatusOption {
	value: string;
	name: string;
	description: string;
}

/** One order of a listing; an order that cannot be read stays a failure so the rest of the page is kept. */
export type FetchedOrder =
	| { ok: true; order: Order }
	| { ok: false; orderId?: string; createdAt?: string; error: Error };

/** The statuses a seller can send; `accepted` and `rejected` are the defaults for the two decisions. */
export interface MarketplaceStatuses {
	options: MarketplaceStatusOption[];
	accepted: string;
	rejected: string;
}

export interface TimeWindow {
	/** ISO date-time, inclusive */
	since: string;
	/** ISO date-time, inclusive */
	to: string;
}

/**
 * One marketplace (Ozon first, ZZAP and Allegro later), seen as orders whose lines are positions the seller
 * accepts or rejects. Orders are the core model: `line.id` is the marketplace's position id, `line.sku` the
 * seller's article, `order.id` the id every other call takes.
 */
export interface MarketplaceConnector {
	readonly system: string;
	readonly displayName: string;
	/** Orders that entered processing inside the window, page by page, oldest first. */
	ordersCreated(window: TimeWindow): AsyncIterable<FetchedOrder[]>;
	getOrder(orderId: string): Promise<Order>;
	/** Accepts the given positions; on marketplaces that ship an order whole they must cover what is left of it. */
	accept(order: Order, positions: PositionQuantity[]): Promise<void>;
	/** Rejects some positions, or the whole order when `positions` covers all of it. */
	reject(order: Order, positions: PositionQuantity[], reason: RejectReason): Promise<void>;
	rejectReasons(): Promise<RejectReasonOption[]>;
	/** Statuses `setStatus` can send; `accepted` and `rejected` name the defaults for the two decisions. */
	statuses(): MarketplaceStatuses;
	/** For marketplaces whose statuses are the account's own (ZZAP): reads them, after which `statuses()` has them. */
	loadStatuses?(): Promise<MarketplaceStatuses>;
	/** Sends a status for some positions of an order (accept/reject statuses act on those positions only). */
	setStatus(order: Order, status: string, positions: PositionQuantity[], reason?: RejectReason): Promise<void>;
	setTracking(orderId: string, tracking: Tracking): Promise<void>;
	/** Whether the order still waits for the seller's accept/reject decision. */
	awaitsDecision(order: Order): boolean;
}

/** What a node hands a marketplace: the credential's non-secret fields and n8n's authenticated sender. */
export interface MarketplaceSettings {
	url?: string;
	/** The account id the marketplace rate-limits by (Ozon's Client-Id); never a secret */
	accountId: string;
	send: HttpSend;
	retry?: Partial<RetryPolicy>;
	/** Rate budgets shared by every process through the state store; without it, by this process only */
	budget?: BudgetFactory;
	/** The credential's non-secret fields the definition names in `settingsFields` */
	settings?: Record<string, unknown>;
}

export interface MarketplaceDefinition extends SystemDefinition<MarketplaceConnector, MarketplaceSettings> {
	kind: 'marketplace';
	/** The credential field that holds the account id */
	accountIdField: string;
	defaultUrl: string;
	/** What the seller can send (Send Status), and the statuses an accept and a reject send */
	sellerStatuses: MarketplaceStatuses;
}

/** The id a position goes by: the marketplace's line id, else the article, else the name. */
export const positionIdOf = (line: OrderLine): string => line.id ?? line.sku ?? line.name;

/** Every remaining position of an order with its full quantity. */
export function allPositions(order: Order): PositionQuantity[] {
	return order.lines.map((line) => ({ positionId: positionIdOf(line), quantity: line.quantity }));
}

/** True when the positions cover every remaining piece of the order. */
export function coversWholeOrder(order: Order, positions: PositionQuantity[]): boolean {
	const wanted = new Map<string, number>();
	for (const p of positions) wanted.set(p.positionId, (wanted.get(p.positionId) ?? 0) + p.quantity);
	return order.lines.every((line) => (wanted.get(positionIdOf(line)) ?? 0) >= line.quantity);
}
