import { roundMoney, type Address, type CanonicalStatus, type Order, type OrderLine, type Tracking } from '../../model';
import type { WooAddress, WooLineItem, WooMeta, WooOrder, WooTaxLine } from './wire';

export const SYSTEM = 'woocommerce';

/** WooCommerce core statuses in canonical terms; custom statuses are left to the user's mapper. */
export const WOO_CANONICAL: Readonly<Record<string, CanonicalStatus>> = {
	pending: 'new',
	processing: 'processing',
	'on-hold': 'on_hold',
	completed: 'completed',
	cancelled: 'cancelled',
	refunded: 'refunded',
	failed: 'failed',
};

export const WOO_STATUS_LABELS: Readonly<Record<string, string>> = {
	pending: 'Pending payment',
	processing: 'Processing',
	'on-hold': 'On hold',
	completed: 'Completed',
	cancelled: 'Cancelled',
	refunded: 'Refunded',
	failed: 'Failed',
	'checkout-draft': 'Draft',
};

/**
 * Listed by WooCommerce but no target: `checkout-draft` is the draft the Checkout block keeps of a checkout the
 * customer has not finished, and WooCommerce hides it from the admin's order list.
 */
export const WOO_UNASSIGNABLE = new Set(['checkout-draft']);

/** Plugins report statuses as "wc-shipped"; the REST API writes them without the prefix. */
export const normalizeStatus = (status: string) => status.trim().replace(/^wc-/, '');

/** Meta keys some multilingual plugins keep the order's language in, most specific first. */
const LANGUAGE_META = ['wpml_language', '_wpml_language', '_order_language', 'language', '_language', 'pll_language'];

/** Meta keys holding the order's id in another system: `_pohoda_id`, `_ozon_order_id`, `_order_sync_<system>_id`. */
const EXTERNAL_ID_META = /^_(?:order_sync_)?([a-z][a-z0-9]*)_(?:order_)?id$/;
const NOT_SYSTEMS = new Set(['transaction', 'customer', 'customer_user', 'payment', 'order', 'cart', 'created', 'wc', 'product']);

/** Tracking kept in order meta by the Shipment Tracking plugin, or by this package when the plugin is absent. */
export const TRACKING_META = '_order_sync_tracking';
const SHIPMENT_TRACKING_META = '_wc_shipment_tracking_items';

const num = (value: unknown): number | undefined => {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : undefined;
};

/** WooCommerce's *_gmt fields carry no zone; they are UTC. */
export function gmtToIso(value: string | undefined): string | undefined {
	if (!value) return undefined;
	return /[zZ]|[+-]\d\d:\d\d$/.test(value) ? new Date(value).toISOString() : new Date(`${value}Z`).toISOString();
}

export function metaValue(meta: WooMeta[] | undefined, key: string): unknown {
	return meta?.find((entry) => entry.key === key)?.value;
}

function address(source: WooAddress | undefined): Address | undefined {
	if (!source) return undefined;
	const name = [source.first_name, source.last_name].filter(Boolean).join(' ') || undefined;
	const street = [source.address_1, source.address_2].filter(Boolean).join(', ') || undefined;
	const mapped: Address = {
		name,
		company: source.company || undefined,
		street,
		city: source.city || undefined,
		postcode: source.postcode || undefined,
		country: source.country ? source.country.toUpperCase() : undefined,
		region: source.state || undefined,
		phone: source.phone || undefined,
		email: source.email || undefined,
	};
	return Object.values(mapped).some((v) => v !== undefined) ? mapped : undefined;
}

/**
 * A line's tax rate in percent from the rates the order applied to it (`tax_lines[].rate_percent`; a compound rate
 * taxes the tax too); undefined when the order does not give them, as before WooCommerce 3.7.
 */
function exactTaxRate(item: WooLineItem, taxLines: WooTaxLine[] | undefined): number | undefined {
	if (!taxLines || taxLines.some((line) => typeof line.rate_percent !== 'number')) return undefined;
	const applied = taxLines.filter((line) => item.taxes?.some((tax) => tax.id === line.rate_id && tax.total !== ''));
	const simple = applied.filter((line) => !line.compound).reduce((sum, line) => sum + (line.rate_percent as number), 0);
	const factor = applied.filter((line) => line.compound).reduce((f, line) => f * (1 + (line.rate_percent as number) / 100), 1 + simple / 100);
	return Math.round((factor - 1) * 100 * 10_000) / 10_000;
}

/** A line of an order; `taxLines` are the order's `tax_lines`, which give the exact rates. */
export function lineOf(item: WooLineItem, taxLines?: WooTaxLine[]): OrderLine {
	const total = num(item.total) ?? 0;
	const tax = num(item.total_tax) ?? 0;
	// WooCommerce sends the unit price as a float division (19.900000000000002).
	const price = num(item.price);
	const unitPrice = price !== undefined ? roundMoney(price) : item.quantity ? roundMoney(total / item.quantity) : undefined;
	const derivedRate = total > 0 ? roundMoney((tax / total) * 100) : undefined;
	return {
		id: String(item.id),
		sku: item.sku || undefined,
		productId: String(item.variation_id || item.product_id),
		name: item.name,
		quantity: item.quantity,
		unitPrice,
		taxRate: exactTaxRate(item, taxLines) ?? derivedRate,
		total,
	};
}

/** The order's language meta as written by multilingual plugins, to carry over to an order made from it. */
export function languageMeta(meta: WooMeta[] | undefined): WooMeta[] {
	return (meta ?? []).filter((entry) => LANGUAGE_META.includes(entry.key)).map(({ key, value }) => ({ key, value }));
}

function language(meta: WooMeta[] | undefined): string | undefined {
	for (const key of LANGUAGE_META) {
		const value = metaValue(meta, key);
		if (typeof value === 'string' && /^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/.test(value.trim())) return value.trim().replace('_', '-');
	}
	return undefined;
}

function externalIds(order: WooOrder): Record<string, string> {
	const ids: Record<string, string> = { [SYSTEM]: String(order.id) };
	for (const entry of order.meta_data ?? []) {
		const match = EXTERNAL_ID_META.exec(entry.key);
		const value = typeof entry.value === 'number' ? String(entry.value) : entry.value;
		if (match && !NOT_SYSTEMS.has(match[1]) && typeof value === 'string' && value.trim()) ids[match[1]] = value.trim();
	}
	return ids;
}

function tracking(meta: WooMeta[] | undefined): Tracking[] | undefined {
	const fromPlugin = metaValue(meta, SHIPMENT_TRACKING_META);
	if (Array.isArray(fromPlugin) && fromPlugin.length) {
		return fromPlugin.map((entry: Record<string, string>) => ({
			carrier: entry.custom_tracking_provider || entry.tracking_provider || undefined,
			number: String(entry.tracking_number ?? ''),
			url: entry.custom_tracking_link || entry.tracking_link || undefined,
		}));
	}
	const ours = metaValue(meta, TRACKING_META);
	if (typeof ours === 'string' && ours) {
		try {
			return JSON.parse(ours) as Tracking[];
		} catch {
			return undefined;
		}
	}
	return undefined;
}

/** A WooCommerce order in the core model; `raw` keeps the vendor payload. */
export function toOrder(order: WooOrder): Order {
	const code = normalizeStatus(order.status);
	const billing = address(order.billing);
	const gross = num(order.total);
	const tax = num(order.total_tax);
	return {
		system: SYSTEM,
		id: String(order.id),
		number: order.number ?? String(order.id),
		externalIds: externalIds(order),
		status: { code, label: WOO_STATUS_LABELS[code] },
		canonicalStatus: WOO_CANONICAL[code],
		customer: {
			id: order.customer_id ? String(order.customer_id) : undefined,
			email: order.billing?.email || undefined,
			name: billing?.name,
			phone: order.billing?.phone || undefined,
			language: language(order.meta_data),
			country: billing?.country ?? address(order.shipping)?.country,
			region: billing?.region,
		},
		billingAddress: billing,
		shippingAddress: address(order.shipping),
		lines: (order.line_items ?? []).map((item) => lineOf(item, order.tax_lines)),
		// The REST API gives line prices and totals before tax, whatever the shop's tax display setting.
		linePricesIncludeTax: false,
		currency: order.currency,
		totals: {
			gross,
			tax,
			shipping: num(order.shipping_total),
			net: gross !== undefined && tax !== undefined ? roundMoney(gross - tax) : undefined,
		},
		tracking: tracking(order.meta_data),
		note: order.customer_note || undefined,
		createdAt: gmtToIso(order.date_created_gmt),
		updatedAt: gmtToIso(order.date_modified_gmt),
		raw: order,
	};
}
