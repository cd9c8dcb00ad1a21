import { coversWholeOrder, positionIdOf, type MarketplaceConnector, type PositionQuantity, type RejectReason } from '../connectors/marketplace';
import type { Order } from '../model';
import type { PositionDecision, PositionOutcome } from './decide';

const quantities = (positions: PositionDecision[], outcome: PositionOutcome): PositionQuantity[] =>
	positions.filter((p) => p.decision === outcome).map((p) => ({ positionId: p.positionId, quantity: p.quantity }));

/** The statuses each decision sends; a marketplace's own defaults unless the user mapped them. */
export type StatusMapping = Record<PositionOutcome, string>;

export interface SentStatus {
	status: string;
	positions: PositionQuantity[];
	/** Whether the step covered everything left of the order, so the order itself now has that status */
	whole: boolean;
}

/**
 * Sends the status mapped to each decision. Rejections go first, since a marketplace that ships an order whole
 * (Ozon) wants the positions it will not get cancelled before the rest is packed; the order is re-read between
 * steps so the next one sees what is left, and a retry after an interrupted run skips positions already rejected.
 */
export async function sendDecisionStatuses(
	connector: MarketplaceConnector,
	order: Order,
	positions: PositionDecision[],
	mapping: StatusMapping,
	reason: RejectReason | undefined,
): Promise<SentStatus[]> {
	const steps: Array<Omit<SentStatus, 'whole'>> = [];
	for (const outcome of ['rejected', 'accepted'] as const) {
		const chosen = quantities(positions, outcome);
		if (chosen.length > 0) steps.push({ status: mapping[outcome], positions: chosen });
	}
	if (steps.some((s) => s.status === connector.statuses().rejected) && !reason?.id) {
		throw new Error(`order ${order.id}: rejecting positions needs a reject reason`);
	}
	let current = order;
	const sent: SentStatus[] = [];
	for (const [index, step] of steps.entries()) {
		if (index > 0) current = await connector.getOrder(order.id);
		// a rejection an earlier, interrupted run already made is not sent again
		const positions =
			step.status === connector.statuses().rejected
				? step.positions.filter((p) => current.lines.some((line) => positionIdOf(line) === p.positionId))
				: step.positions;
		if (positions.length === 0) continue;
		const done = { status: step.status, positions, whole: coversWholeOrder(current, positions) };
		await connector.setStatus(current, done.status, positions, reason);
		sent.push(done);
	}
	return sent;
}
