import type { LineChange, LineDiff, OrderLine } from './order';

/** The identity of a line across two versions of an order: SKU first, then product id, then name. */
export function lineKey(line: OrderLine): string {
	if (line.sku) return `sku:${line.sku.trim().toLowerCase()}`;
	if (line.productId) return `product:${line.productId}`;
	return `name:${line.name.trim().toLowerCase()}`;
}

function groupByKey(lines: OrderLine[]): Map<string, OrderLine> {
	const grouped = new Map<string, OrderLine>();
	for (const line of lines) {
		const key = lineKey(line);
		const seen = grouped.get(key);
		grouped.set(key, seen ? { ...seen, quantity: seen.quantity + line.quantity } : { ...line });
	}
	return grouped;
}

const samePrice = (a?: number, b?: number) =>
	a === undefined || b === undefined ? a === b : Math.abs(a - b) < 0.005;

/** Lines added, removed, and changed in quantity or unit price between two versions of an order. */
export function diffLines(before: OrderLine[], after: OrderLine[]): LineDiff {
	const previous = groupByKey(before);
	const next = groupByKey(after);
	const diff: LineDiff = { added: [], removed: [], changed: [] };
	for (const [key, line] of next) {
		const old = previous.get(key);
		if (!old) {
			diff.added.push(line);
			continue;
		}
		if (old.quantity !== line.quantity || !samePrice(old.unitPrice, line.unitPrice)) {
			const change: LineChange = { key, sku: line.sku, name: line.name };
			if (line.productId) change.productId = line.productId;
			if (old.quantity !== line.quantity) {
				change.quantityBefore = old.quantity;
				change.quantityAfter = line.quantity;
			}
			if (!samePrice(old.unitPrice, line.unitPrice)) {
				change.unitPriceBefore = old.unitPrice;
				change.unitPriceAfter = line.unitPrice;
			}
			diff.changed.push(change);
		}
	}
	for (const [key, line] of previous) if (!next.has(key)) diff.removed.push(line);
	return diff;
}

export function isEmptyDiff(diff: LineDiff): boolean {
	return diff.added.length + diff.removed.length + diff.changed.length === 0;
}
