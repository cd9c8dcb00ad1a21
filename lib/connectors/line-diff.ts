import type { LineDiff } from '../model';
import { VendorError } from '../transport';
import type { LineEdit, LinePrice } from './shop';

/**
 * An "edited" event's line diff as a shop's line edits, the ERP's prices included (with whether they include tax);
 * a line without SKU or product id, or a price without its tax basis, is refused naming the order and the fix.
 */
export function lineEditsFromDiff(diff: LineDiff, orderId: string, shopName: string, vendor: string): LineEdit[] {
	if (!diff || !Array.isArray(diff.added) || !Array.isArray(diff.removed) || !Array.isArray(diff.changed)) {
		throw new VendorError(vendor, `No line diff for order ${orderId}: connect an "edited" change event (it carries json.lineDiff)`);
	}
	const ref = (line: { sku?: string; productId?: string; name: string }) => {
		if (line.sku) return { sku: line.sku };
		if (line.productId) return { productId: line.productId };
		throw new VendorError(vendor, `Line "${line.name}" of order ${orderId} has neither SKU nor product id; it cannot be matched in ${shopName}`);
	};
	const priceOf = (unitPrice: number | undefined, name: string): { price?: LinePrice } => {
		if (unitPrice === undefined || unitPrice === null) return {};
		if (typeof diff.pricesIncludeTax !== 'boolean') {
			throw new VendorError(
				vendor,
				`The line diff for order ${orderId} gives "${name}" a price of ${unitPrice} but does not say whether its prices include tax (lineDiff.pricesIncludeTax): set it, or remove the prices to keep the shop's`,
			);
		}
		return { price: { unitPrice, includesTax: diff.pricesIncludeTax, ...(diff.currency ? { currency: diff.currency } : {}) } };
	};
	return [
		...diff.added.map((line) => ({ action: 'add' as const, quantity: line.quantity, name: line.name, taxRate: line.taxRate, ...priceOf(line.unitPrice, line.name), ...ref(line) })),
		...diff.removed.map((line) => ({ action: 'remove' as const, ...ref(line) })),
		...diff.changed.flatMap((change): LineEdit[] => {
			const { price } = priceOf(change.unitPriceAfter, change.name);
			if (change.quantityAfter !== undefined) return [{ action: 'setQuantity', quantity: change.quantityAfter, ...(price ? { price } : {}), ...ref(change) }];
			return price ? [{ action: 'setPrice', price, ...ref(change) }] : [];
		}),
	];
}
