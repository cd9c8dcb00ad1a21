import { positionIdOf } from '../connectors/marketplace';
import { roundMoney, type BoundOffer, type Order, type OrderLine } from '../model';

export type PositionOutcome = 'accepted' | 'rejected';

export interface PositionDecision {
	positionId: string;
	sku?: string;
	name: string;
	quantity: number;
	/** What the offer has for this position, when known */
	available?: number;
	/** The price-list row an accepted position is bound to */
	offer?: BoundOffer;
	decision: PositionOutcome;
	why: string;
}

export interface OrderDecision {
	outcome: 'accepted' | 'rejected' | 'partial';
	positions: PositionDecision[];
}

const ID_FIELDS = ['sku', 'offerId', 'offer_id', 'article', 'code', 'productId', 'product_id', 'id'];
const QUANTITY_FIELDS = ['stock', 'available', 'quantity', 'qty', 'inStock', 'in_stock'];

function quantityOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const field of QUANTITY_FIELDS) {
			const found = quantityOf((value as Record<string, unknown>)[field]);
			if (found !== undefined) return found;
		}
	}
	return undefined;
}

const lineIds = (line: OrderLine) =>
	[line.sku, line.productId, line.id].filter((v): v is string => !!v).map((v) => v.trim().toLowerCase());

/** The offer entry (price-list row) a lookup gave for one line, or a bare number; undefined when none. */
function entryFor(offer: unknown, line: OrderLine, lineCount: number): unknown {
	if (offer === undefined || offer === null) return undefined;
	if (typeof offer !== 'object') {
		if (lineCount > 1) {
			throw new Error(
				`one number for an order with ${lineCount} positions is ambiguous; give the stock per article, e.g. {"${line.sku ?? line.id}": 5} or [{"sku": "${line.sku ?? line.id}", "stock": 5}]`,
			);
		}
		return offer;
	}
	const ids = lineIds(line);
	if (Array.isArray(offer)) {
		return offer.find(
			(e) => e && typeof e === 'object' && ID_FIELDS.some((f) => ids.includes(String((e as Record<string, unknown>)[f] ?? '').trim().toLowerCase())),
		);
	}
	const map = offer as Record<string, unknown>;
	const key = Object.keys(map).find((k) => ids.includes(k.trim().toLowerCase()));
	if (key !== undefined) return map[key];
	// a single offer object describing the only line, e.g. a price-list row
	return lineCount === 1 ? map : undefined;
}

/**
 * What an offer has for one line. The offer is what a lookup put on the item: a number (one-line orders only),
 * an object keyed by article or marketplace SKU, or a list of entries with an id field and a stock field.
 */
export function availableFor(offer: unknown, line: OrderLine, lineCount: number): number | undefined {
	return quantityOf(entryFor(offer, line, lineCount));
}

const SUPPLIER_FIELDS = ['supplier', 'vendor', 'warehouse'];
const PRICE_FIELDS = ['price', 'purchasePrice', 'cost'];
const DAYS_FIELDS = ['deliveryDays', 'delivery_days', 'days', 'leadTime'];

function firstOf(entry: Record<string, unknown>, fields: string[]): unknown {
	const field = fields.find((f) => entry[f] !== undefined && entry[f] !== null && entry[f] !== '');
	return field === undefined ? undefined : entry[field];
}

/** The price-list row a position was bound to (F17): who supplies it, at what price, in how many days. */
export function boundOfferFor(offer: unknown, line: OrderLine, lineCount: number): BoundOffer | undefined {
	const entry = entryFor(offer, line, lineCount);
	if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
	const row = entry as Record<string, unknown>;
	const supplier = firstOf(row, SUPPLIER_FIELDS);
	const price = quantityOf(firstOf(row, PRICE_FIELDS));
	const days = quantityOf(firstOf(row, DAYS_FIELDS));
	const bound: BoundOffer = {
		supplier: supplier === undefined ? undefined : String(supplier),
		price,
		deliveryDays: days,
		available: quantityOf(row),
	};
	return bound.supplier === undefined && bound.price === undefined && bound.deliveryDays === undefined ? undefined : bound;
}

/** Accepts a position when the offer covers its quantity, rejects it otherwise. */
export function decideByStock(order: Order, offer: unknown, options: { allowPartial: boolean }): OrderDecision {
	const positions: PositionDecision[] = order.lines.map((line) => {
		const available = availableFor(offer, line, order.lines.length);
		const covered = available !== undefined && available >= line.quantity;
		const bound = covered ? boundOfferFor(offer, line, order.lines.length) : undefined;
		return {
			...(bound ? { offer: bound } : {}),
			positionId: positionIdOf(line),
			sku: line.sku,
			name: line.name,
			quantity: line.quantity,
			available,
			decision: covered ? 'accepted' : 'rejected',
			why:
				available === undefined
					? 'no offer for this article'
					: covered
						? `offer has ${available}, ordered ${line.quantity}`
						: `offer has only ${available}, ordered ${line.quantity}`,
		};
	});
	if (!options.allowPartial && positions.some((p) => p.decision === 'rejected')) {
		for (const p of positions) {
			if (p.decision === 'accepted') {
				p.decision = 'rejected';
				p.why = `${p.why}; rejected with the rest because partial acceptance is off`;
			}
		}
	}
	return { outcome: outcomeOf(positions), positions };
}

export function outcomeOf(positions: Array<{ decision: PositionOutcome }>): OrderDecision['outcome'] {
	const accepted = positions.filter((p) => p.decision === 'accepted').length;
	if (accepted === positions.length) return 'accepted';
	return accepted === 0 ? 'rejected' : 'partial';
}

/** The order with only the positions that got the given decision (lines no longer on the order come from the decision). */
export function orderWith(order: Order, decision: OrderDecision, outcome: PositionOutcome): Order {
	const lines: OrderLine[] = decision.positions
		.filter((p) => p.decision === outcome)
		.map((p) => {
			const line = order.lines.find((l) => positionIdOf(l) === p.positionId);
			const unitPrice = line?.unitPrice;
			return {
				...(line ?? { id: p.positionId, sku: p.sku, name: p.name }),
				...(p.offer ? { offer: p.offer } : {}),
				quantity: p.quantity,
				total: unitPrice === undefined ? undefined : roundMoney(unitPrice * p.quantity),
			};
		});
	const gross = lines.length > 0 && lines.every((l) => l.total !== undefined)
		? roundMoney(lines.reduce((sum, l) => sum + (l.total ?? 0), 0))
		: undefined;
	return { ...order, lines, totals: gross === undefined ? undefined : { ...order.totals, gross } };
}
