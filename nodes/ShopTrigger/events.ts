import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { detectChanges, snapshotOf, type OrderSnapshot } from '../../lib/changes/detect';
import type { ShopConnector } from '../../lib/connectors/shop';
import type { Ledger } from '../../lib/ledger';
import type { ChangeEvent, ChangeKind, Order } from '../../lib/model';
import { outputItem } from '../shared/items';

export type TriggerEvent = 'created' | 'statusChanged' | 'updated';

const EVENT_OF_KIND: Record<ChangeKind, TriggerEvent> = {
	created: 'created',
	status_changed: 'statusChanged',
	completed: 'statusChanged',
	cancelled: 'statusChanged',
	edited: 'updated',
	shipped: 'updated',
};

const sameState = (a: OrderSnapshot, b: OrderSnapshot) =>
	JSON.stringify([a.status, a.lines]) === JSON.stringify([b.status, b.lines]);

/** A snapshot the first poll took as its starting point: remembered, never reported. */
export type BaselineSnapshot = OrderSnapshot & { baseline: true };

/**
 * The change events one sighting of an order brings, against the last state the ledger saw; saves the new state.
 * A redelivery (same modification date and state) or an older state arriving late brings none. An order never seen
 * that is not new (it existed before this trigger started) brings its status, with the previous one where the shop's
 * history tells, unless its last change (or, by that history, its last status change) predates `baselineBefore`.
 * `delivered`: the order came in a webhook delivery.
 */
export async function changesOf(
	ledger: Ledger,
	shop: ShopConnector,
	order: Order,
	options: { events: TriggerEvent[]; isNew: boolean; baselineBefore?: string; delivered?: boolean },
): Promise<ChangeEvent[]> {
	const stored = await ledger.snapshot<OrderSnapshot & { baseline?: true }>(order.system, order.id);
	// A new order's webhook delivery is not hidden by the first poll's baseline: that poll may have listed the order
	// while its delivery was still on its way (activation polls once while the webhooks already deliver).
	const previous = options.delivered && options.isNew && stored?.baseline ? undefined : stored;
	const current = snapshotOf(order);
	if (!previous && options.baselineBefore && order.updatedAt && order.updatedAt < options.baselineBefore) {
		// Last changed before the trigger started: remembered, not reported.
		await ledger.saveSnapshot(order.system, order.id, current);
		return [];
	}
	if (previous?.updatedAt && order.updatedAt) {
		if (order.updatedAt < previous.updatedAt) return [];
		if (order.updatedAt === previous.updatedAt && sameState(previous, current)) return [];
	}
	let changes: ChangeEvent[];
	if (!previous && !options.isNew) {
		// The shop's history (PrestaShop's order_histories) tells the status it left, and whether that was before the
		// trigger started (then only something else changed, which is unknown without an earlier state).
		const last = await shop.lastStatusChange?.(order);
		if (last?.at && options.baselineBefore && Date.parse(last.at) < Date.parse(options.baselineBefore)) {
			await ledger.saveSnapshot(order.system, order.id, current);
			return [];
		}
		changes = detectChanges({ ...current, status: last?.from ?? '' }, order).map((change) => {
			if (!last?.from) delete change.previousStatus;
			return change;
		});
	} else {
		changes = detectChanges(previous, order);
	}
	await ledger.saveSnapshot(order.system, order.id, current);
	return changes
		.filter((change) => options.events.includes(EVENT_OF_KIND[change.kind]))
		.map((change) =>
			change.previousStatus
				? { ...change, previousStatus: { code: change.previousStatus.code, label: shop.statusLabel(change.previousStatus.code) } }
				: change,
		);
}

/** A change event as an item: the contract's top-level fields, then the order (with the vendor payload in `raw`). */
export function eventItem(change: ChangeEvent): INodeExecutionData {
	const json: IDataObject = {
		kind: change.kind,
		system: change.system,
		...(change.previousStatus ? { previousStatus: { ...change.previousStatus } } : {}),
		newStatus: { ...change.newStatus },
		changedAt: change.changedAt,
		...(change.lineDiff ? { lineDiff: change.lineDiff as unknown as IDataObject } : {}),
		order: change.order as unknown as IDataObject,
	};
	return outputItem(json, 0);
}

/** The trigger's changes in the outbox, and its watermark: one per shop and trigger node. */
export const changeSource = (system: string, nodeId: string) => `shopTrigger:${system}:${nodeId}`;
