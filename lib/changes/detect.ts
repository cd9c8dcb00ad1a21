import { diffLines, isEmptyDiff } from '../model/lines';
import type { ChangeEvent, Order, OrderLine } from '../model/order';

/** What the ledger keeps of an order to tell the next version's changes. */
export interface OrderSnapshot {
	status: string;
	canonical?: string;
	lines: Array<Pick<OrderLine, 'sku' | 'productId' | 'name' | 'quantity' | 'unitPrice'>>;
	updatedAt?: string;
}

export function snapshotOf(order: Order): OrderSnapshot {
	return {
		status: order.status.code,
		canonical: order.canonicalStatus,
		lines: order.lines.map(({ sku, productId, name, quantity, unitPrice }) => ({ sku, productId, name, quantity, unitPrice })),
		updatedAt: order.updatedAt,
	};
}

/**
 * The events between the last seen state of an order and its current one: `created` when never seen; a status
 * change as `completed`, `cancelled` or `status_changed`; changed lines as `edited` with the line diff.
 */
export function detectChanges(previous: OrderSnapshot | undefined, order: Order, changedAt?: string): ChangeEvent[] {
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
	if (!isEmptyDiff(lineDiff)) events.push({ ...base, kind: 'edited', previousStatus, lineDiff });
	return events;
}
