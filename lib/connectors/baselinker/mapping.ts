import { roundMoney, type Address, type Order, type OrderLine } from '../../model';
import type { BlOrder, BlProduct, Flag } from './wire';

export const SYSTEM = 'baselinker';

/** BaseLinker's flags come as true/false, 1/0 or "1"/"0". */
export const flag = (value: Flag | undefined): boolean => value === true || value === 1 || value === '1' || value === 'true';

const num = (value: number | string | undefined): number => {
	const n = typeof value === 'string' ? Number(value.replace(',', '.')) : (value ?? 0);
	return Number.isFinite(n) ? n : 0;
};

const iso = (unixSeconds: number | undefined): string | undefined =>
	unixSeconds ? new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;

const text = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

function address(o: BlOrder, prefix: 'delivery' | 'invoice'): Address | undefined {
	const a: Address = {
		name: text(o[`${prefix}_fullname`]),
		company: text(o[`${prefix}_company`]),
		street: text(o[`${prefix}_address`]),
		city: text(o[`${prefix}_city`]),
		postcode: text(o[`${prefix}_postcode`]),
		country: text(o[`${prefix}_country_code`])?.toUpperCase(),
		phone: text(o.phone),
		email: text(o.email),
	};
	return a.street || a.city || a.name ? a : undefined;
}

export function lineOf(p: BlProduct): OrderLine {
	const quantity = num(p.quantity);
	const unitPrice = num(p.price_brutto);
	const productId = p.product_id !== undefined && String(p.product_id) !== '' && String(p.product_id) !== '0' ? String(p.product_id) : undefined;
	return {
		id: String(p.order_product_id),
		...(text(p.sku) ? { sku: text(p.sku) } : {}),
		...(productId ? { productId } : {}),
		name: p.name,
		quantity,
		unitPrice,
		taxRate: num(p.tax_rate),
		total: roundMoney(unitPrice * quantity),
	};
}

/** The last time BaseLinker's order fields show a change: added, confirmed or moved into its status. */
export const lastChange = (o: BlOrder): number => Math.max(o.date_add ?? 0, o.date_confirmed ?? 0, o.date_in_status ?? 0);

/**
 * A BaseLinker order in the shared model. BaseLinker keeps gross unit prices and no order total: the total is the
 * lines plus delivery. The marketplace link (Allegro, Amazon… order id) is kept under the order source's name.
 */
export function toOrder(o: BlOrder, statusLabel?: (code: string) => string | undefined): Order {
	const lines = (o.products ?? []).map(lineOf);
	const shipping = num(o.delivery_price);
	const goods = lines.reduce((sum, line) => sum + (line.total ?? 0), 0);
	const tax = lines.reduce((sum, line) => sum + ((line.total ?? 0) * (line.taxRate ?? 0)) / (100 + (line.taxRate ?? 0)), 0);
	const externalIds: Record<string, string> = {};
	const source = text(o.order_source);
	if (source && text(o.external_order_id)) externalIds[source] = String(o.external_order_id).trim();
	if (source && o.shop_order_id) externalIds[`${source}:shop`] = String(o.shop_order_id);
	const code = String(o.order_status_id);
	const label = statusLabel?.(code);
	const shipping_ = address(o, 'delivery');
	const billing = address(o, 'invoice');
	return {
		system: SYSTEM,
		id: String(o.order_id),
		number: o.shop_order_id ? String(o.shop_order_id) : String(o.order_id),
		externalIds,
		status: label ? { code, label } : { code },
		customer: {
			email: text(o.email),
			name: shipping_?.name ?? billing?.name,
			phone: text(o.phone),
			country: shipping_?.country ?? billing?.country,
		},
		...(billing ? { billingAddress: billing } : {}),
		...(shipping_ ? { shippingAddress: shipping_ } : {}),
		lines,
		linePricesIncludeTax: true,
		...(text(o.currency) ? { currency: text(o.currency)?.toUpperCase() } : {}),
		totals: { shipping: roundMoney(shipping), tax: roundMoney(tax), gross: roundMoney(goods + shipping) },
		...(text(o.delivery_package_nr) ? { tracking: [{ carrier: text(o.delivery_package_module), number: String(o.delivery_package_nr).trim() }] } : {}),
		...(text(o.user_comments) ? { note: text(o.user_comments) } : {}),
		createdAt: iso(o.date_add),
		updatedAt: iso(lastChange(o)),
		raw: o,
	};
}
