import { positionIdOf, type PositionQuantity } from '../connectors/marketplace';
import type { Order, OrderLine } from '../model';
import { boundOfferFor, outcomeOf, type OrderDecision, type PositionDecision, type PositionOutcome } from './decide';

function findLine(order: Order, token: string): OrderLine {
	const wanted = token.trim().toLowerCase();
	const line = order.lines.find((l) => [l.id, l.sku].some((v) => v !== undefined && v.toLowerCase() === wanted));
	if (!line) {
		const known = order.lines.map((l) => `${l.id}${l.sku ? ` (${l.sku})` : ''}`).join(', ');
		throw new Error(`order ${order.id} has no position "${token.trim()}"; its positions are ${known || 'none'}`);
	}
	return line;
}

function quantityFor(order: Order, line: OrderLine, raw: unknown): number {
	if (raw === undefined || raw === null || raw === '') return line.quantity;
	const quantity = Number(raw);
	if (!Number.isInteger(quantity) || quantity < 1 || quantity > line.quantity) {
		throw new Error(`order ${order.id}: quantity "${String(raw)}" for position ${positionIdOf(line)} must be a whole number from 1 to ${line.quantity}`);
	}
	return quantity;
}

/** Positions named as "id-or-article[:quantity]" separated by commas, or a list of such strings. */
export function selectPositions(order: Order, spec: string | string[]): PositionQuantity[] {
	const tokens = (Array.isArray(spec) ? spec.map(String) : String(spec ?? '').split(/[,;\n]/)).map((t) => t.trim()).filter(Boolean);
	if (tokens.length === 0) throw new Error(`no positions given for order ${order.id}; name them by SKU or article, e.g. "1001, OIL-FLT-07:1"`);
	return tokens.map((token) => {
		const [id, quantity] = token.split(':');
		const line = findLine(order, id);
		return { positionId: positionIdOf(line), quantity: quantityFor(order, line, quantity) };
	});
}

const ACCEPT_WORDS = new Set(['accepted', 'accept', 'yes', 'true', 'ok']);
const REJECT_WORDS = new Set(['rejected', 'reject', 'no', 'false', 'declined']);

function outcomeWord(value: unknown, order: Order, position: string): PositionOutcome {
	const word = String(value ?? '').trim().toLowerCase();
	if (ACCEPT_WORDS.has(word)) return 'accepted';
	if (REJECT_WORDS.has(word)) return 'rejected';
	throw new Error(`order ${order.id}: decision "${String(value)}" for position ${position} is neither "accepted" nor "rejected"`);
}

/**
 * Decisions made elsewhere (a form, a manager): a list of `{ positionId | sku, quantity?, decision }` or an object
 * `{ "<position or article>": "accepted" | "rejected" }`. Positions not named keep no decision.
 */
export function decisionsFrom(order: Order, input: unknown): OrderDecision {
	let entries: Array<{ position: string; quantity?: unknown; decision: unknown; offer?: unknown }>;
	if (Array.isArray(input)) {
		entries = input.map((e) => {
			const entry = (e ?? {}) as Record<string, unknown>;
			return { position: String(entry.positionId ?? entry.sku ?? entry.id ?? ''), quantity: entry.quantity, decision: entry.decision, offer: entry.offer };
		});
	} else if (input && typeof input === 'object') {
		const object = input as Record<string, unknown>;
		if (Array.isArray(object.positions)) return decisionsFrom(order, object.positions);
		entries = Object.entries(object).map(([position, decision]) => ({ position, decision }));
	} else {
		throw new Error(`order ${order.id}: decisions must be a list of {positionId, decision} or an object {"<position>": "accepted"|"rejected"}`);
	}
	if (entries.length === 0) throw new Error(`order ${order.id}: no decisions given`);
	const positions: PositionDecision[] = entries.map((entry) => {
		const line = findLine(order, entry.position);
		const decision = outcomeWord(entry.decision, order, entry.position);
		const offer = decision === 'accepted' ? boundOfferFor(entry.offer, line, 1) : undefined;
		return {
			...(offer ? { offer } : {}),
			positionId: positionIdOf(line),
			sku: line.sku,
			name: line.name,
			quantity: quantityFor(order, line, entry.quantity),
			decision,
			why: 'decided outside the node',
		};
	});
	return { outcome: outcomeOf(positions), positions };
}

/** Every position of the order with one decision, for manual accept/reject of chosen positions. */
export function decisionFor(order: Order, chosen: PositionQuantity[], outcome: PositionOutcome, others?: PositionOutcome): OrderDecision {
	const picked = new Map(chosen.map((p) => [p.positionId, p.quantity]));
	const positions: PositionDecision[] = [];
	for (const line of order.lines) {
		const id = positionIdOf(line);
		const quantity = picked.get(id);
		const decision = quantity !== undefined ? outcome : others;
		if (!decision) continue;
		positions.push({ positionId: id, sku: line.sku, name: line.name, quantity: quantity ?? line.quantity, decision, why: 'chosen in the node' });
	}
	return { outcome: outcomeOf(positions), positions };
}
