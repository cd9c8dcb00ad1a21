import { diffLines, isEmptyDiff } from '../model/lines';
import type { ChangeEvent, Order, OrderLine } from '../model/order';

/** What the ledger keeps of an order to tell the next version's changes. */
export interface OrderSnapshot {
	status: string;
	canonical?: string;
	lines: Array<Pick<OrderLine, 'sku' | 'productId' | 'name' | 'quantity' | 'unitPrice'>>;
	updatedAt?: string;
	/** Whether the order counted as shipped; absent in snapshots of versions that did not record it */
	shipped?: boolean;
}

const hasTrackingNumber = (order: Order) => (order.tracking ?? []).some((t) => typeof t?.number === 'string' && t.number.trim() !== '');

/** Shipped as the source says: its own flag (POHODA's Dodáno) or a tracking number. */
export const isShipped = (order: Order) => order.shipped === true || hasTrackingNumber(order);

export function snapshotOf(order: Order): OrderSnapshot {
	return {
		status: order.status.code,
		canonical: order.canonicalStatus,
		lines: order.lines.map(({ sku, productId, name, quantity, unitPrice }) => ({ sku, productId, name, quantity, unitPrice })),
		updatedAt: order.updatedAt,
		shipped: isShipped(order),
	};
}

/**
 * The events between the last seen state of an order and its current one: `created` when never seen; a status
 * change as `completed`, `cancelled` or `status_changed`; changed lines as `edited` with the line diff; with
 * `shipped` on, `shipped` once when an open order becomes shipped (a snapshot that did not record it tells nothing).
 */
export function detectChanges(
	previous: OrderSnapshot | undefined,
	order: Order,
	changedAt?: string,
	options: { shipped?: boolean } = {},
): ChangeEvent[] {
	const at = changedAt ?? order.updatedAt ?? new Date().toISOString();
	const base = { system: order.system, order, newStatus: order.status, changedAt: at };
	if (!previous) return [{ ...base, kind: 'created' }];
	const events: ChangeEvent[] = [];
	const previousStatus = { code: previous.status };
	if (previous.status !== order.status.code) {
		const kind =
			order.canonicalStatus === 'completed' ? 'completed' : order.canonicalStatus === 'cancelled' ? 'cancelled' : 'status_changed';
		events.push({ ...base, kind, previousStatus });
	}
	const lineDiff = diffLines(previous.lines, order.lines);
	if (!isEmptyDiff(lineDiff)) {
		// The prices' currency and tax basis go along, so a shop can apply the ERP's prices as they are meant.
		if (order.currency) lineDiff.currency = order.currency;
		if (order.linePricesIncludeTax !== undefined) lineDiff.pricesIncludeTax = order.linePricesIncludeTax;
		events.push({ ...base, kind: 'edited', previousStatus, lineDiff });
	}
	// An order completed or cancelled by then is past shipping: its completion (or cancellation) is what it tells.
	const settled = order.canonicalStatus === 'completed' || order.canonicalStatus === 'cancelled';
	if (options.shipped && previous.shipped === false && isShipped(order) && !settled) events.push({ ...base, kind: 'shipped', previousStatus });
	return events;
}
