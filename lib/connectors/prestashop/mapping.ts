import { roundMoney, type Address, type CanonicalStatus, type Order, type OrderLine, type Tracking } from '../../model';
import { shopTimeToIso } from './time';
import type { PsAddress, PsCarrier, PsCustomer, PsLanguage, PsOrder, PsOrderCarrier, PsOrderRow, PsOrderState } from './wire';
import { languagesOf, listOf, textOf, type XmlNode } from './xml';

export const SYSTEM = 'prestashop';

type Element = XmlNode | XmlNode[] | undefined;
const isObject = (value: Element): value is Record<string, XmlNode | XmlNode[] | undefined> => !!value && typeof value === 'object' && !Array.isArray(value);

/** The text fields of a record; multilingual fields and associations are read apart. */
export function fieldsOf(node: Element): Record<string, string> {
	if (!isObject(node)) return {};
	const fields: Record<string, string> = {};
	for (const [name, value] of Object.entries(node)) {
		if (name.startsWith('@') || name === 'associations') continue;
		if (isObject(value) && value.language !== undefined) continue;
		fields[name] = textOf(value);
	}
	return fields;
}

const pick = <K extends string>(fields: Record<string, string>, keys: readonly K[]) =>
	Object.fromEntries(keys.map((key) => [key, fields[key] ?? ''])) as Record<K, string>;

const ROW_FIELDS = ['id', 'product_id', 'product_attribute_id', 'product_quantity', 'product_name', 'product_reference', 'product_price', 'unit_price_tax_incl', 'unit_price_tax_excl'] as const;
const ORDER_FIELDS = [
	'id', 'reference', 'id_customer', 'id_address_delivery', 'id_address_invoice', 'id_currency', 'id_lang', 'id_carrier', 'id_shop',
	'current_state', 'valid', 'payment', 'module', 'invoice_number', 'shipping_number', 'note', 'total_paid_tax_incl', 'total_paid_tax_excl',
	'total_shipping_tax_incl', 'total_products', 'conversion_rate', 'date_add', 'date_upd',
] as const;

export function readOrder(node: Element): PsOrder {
	const fields = fieldsOf(node);
	const associations = isObject(node) ? node.associations : undefined;
	const rows = isObject(associations) && isObject(associations.order_rows) ? listOf(associations.order_rows.order_row) : [];
	return { ...pick(fields, ORDER_FIELDS), rows: rows.map((row) => pick(fieldsOf(row), ROW_FIELDS) as PsOrderRow), fields };
}

export function readOrderState(node: Element): PsOrderState {
	const fields = fieldsOf(node);
	const multilang = isObject(node) ? node : {};
	return {
		...pick(fields, ['id', 'send_email', 'paid', 'shipped', 'delivery', 'invoice', 'hidden', 'deleted', 'logable', 'unremovable', 'module_name'] as const),
		name: languagesOf(multilang.name),
		template: languagesOf(multilang.template),
	};
}

export const readLanguage = (node: Element) => pick(fieldsOf(node), ['id', 'iso_code', 'locale', 'name', 'active'] as const) as PsLanguage;
export const readCustomer = (node: Element) => pick(fieldsOf(node), ['id', 'email', 'firstname', 'lastname', 'company', 'id_lang'] as const) as PsCustomer;
export const readAddress = (node: Element) =>
	pick(fieldsOf(node), ['id', 'id_country', 'company', 'firstname', 'lastname', 'address1', 'address2', 'postcode', 'city', 'phone', 'phone_mobile'] as const) as PsAddress;
export function readOrderCarrier(node: Element): PsOrderCarrier {
	const fields = fieldsOf(node);
	return { ...pick(fields, ['id', 'id_order', 'id_carrier', 'tracking_number'] as const), fields };
}
export const readCarrier = (node: Element) => pick(fieldsOf(node), ['id', 'name', 'url'] as const) as PsCarrier;

/**
 * A state's meaning from its mail template and flags, which PrestaShop keeps the same in every language and
 * install (ids and names are the shop's own). Custom states without a known template are left to the mapper.
 */
const CANONICAL_BY_TEMPLATE: Readonly<Record<string, CanonicalStatus>> = {
	payment: 'confirmed',
	preparation: 'processing',
	shipped: 'shipped',
	order_canceled: 'cancelled',
	refund: 'refunded',
	payment_error: 'failed',
	outofstock: 'backordered',
	cheque: 'new',
	bankwire: 'new',
	cashondelivery: 'new',
};

export function canonicalOfState(state: PsOrderState): CanonicalStatus | undefined {
	const template = Object.values(state.template).find(Boolean);
	if (template) return CANONICAL_BY_TEMPLATE[template];
	// Delivered has no mail: a shipped, paid state without a template.
	if (state.shipped === '1' && state.paid === '1') return 'delivered';
	return undefined;
}

/** A state's name in a language, else in English, else in any language the shop has. */
export function stateName(state: PsOrderState | undefined, languageId: string | undefined, englishId: string | undefined): string | undefined {
	if (!state) return undefined;
	return (languageId && state.name[languageId]) || (englishId && state.name[englishId]) || Object.values(state.name).find(Boolean) || undefined;
}

const num = (value: string | undefined): number | undefined => {
	if (value === undefined || value === '') return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : undefined;
};

export function lineOf(row: PsOrderRow): OrderLine {
	const quantity = Number(row.product_quantity) || 0;
	const excl = num(row.unit_price_tax_excl) ?? num(row.product_price);
	const incl = num(row.unit_price_tax_incl);
	const attribute = row.product_attribute_id && row.product_attribute_id !== '0' ? row.product_attribute_id : undefined;
	return {
		id: row.id,
		sku: row.product_reference || undefined,
		productId: attribute ? `${row.product_id}:${attribute}` : row.product_id || undefined,
		name: row.product_name,
		quantity,
		unitPrice: excl === undefined ? undefined : roundMoney(excl),
		taxRate: excl && incl !== undefined ? roundMoney((incl / excl - 1) * 100) : undefined,
		total: excl === undefined ? undefined : roundMoney(excl * quantity),
	};
}

/** What an order refers to by id, fetched alongside it. */
export interface OrderContext {
	timeZone: string;
	states: Map<string, PsOrderState>;
	languages: Map<string, PsLanguage>;
	customers: Map<string, PsCustomer>;
	addresses: Map<string, PsAddress>;
	countries: Map<string, string>;
	currencies: Map<string, string>;
	carriers: Map<string, PsCarrier>;
	/** The order's carriers (shipments), by order id */
	orderCarriers: Map<string, PsOrderCarrier[]>;
}

function address(source: PsAddress | undefined, countries: Map<string, string>, email?: string): Address | undefined {
	if (!source) return undefined;
	return {
		name: [source.firstname, source.lastname].filter(Boolean).join(' ') || undefined,
		company: source.company || undefined,
		street: [source.address1, source.address2].filter(Boolean).join(', ') || undefined,
		city: source.city || undefined,
		postcode: source.postcode || undefined,
		country: countries.get(source.id_country)?.toUpperCase(),
		phone: source.phone || source.phone_mobile || undefined,
		email,
	};
}

export function englishLanguageId(languages: Map<string, PsLanguage>): string | undefined {
	return [...languages.values()].find((language) => language.iso_code === 'en')?.id;
}

/** Tracking numbers on the order's carriers, with the carrier's tracking page (its URL with @ for the number). */
function trackingOf(orderCarriers: PsOrderCarrier[], carriers: Map<string, PsCarrier>): Tracking[] | undefined {
	const tracked = orderCarriers.filter((entry) => entry.tracking_number);
	if (!tracked.length) return undefined;
	return tracked.map((entry) => {
		const carrier = carriers.get(entry.id_carrier);
		return {
			carrier: carrier?.name || undefined,
			number: entry.tracking_number,
			url: carrier?.url ? carrier.url.replace('@', encodeURIComponent(entry.tracking_number)) : undefined,
		};
	});
}

/** A PrestaShop order in the core model; `raw` keeps the webservice's fields. */
export function toOrder(order: PsOrder, context: OrderContext): Order {
	const state = context.states.get(order.current_state);
	const customer = context.customers.get(order.id_customer);
	const language = context.languages.get(order.id_lang);
	const billing = address(context.addresses.get(order.id_address_invoice), context.countries, customer?.email || undefined);
	const shipping = address(context.addresses.get(order.id_address_delivery), context.countries);
	const gross = num(order.total_paid_tax_incl);
	const net = num(order.total_paid_tax_excl);
	const tracking = trackingOf(context.orderCarriers.get(order.id) ?? [], context.carriers);
	const invoiceNumber = order.invoice_number && order.invoice_number !== '0' ? order.invoice_number : undefined;
	return {
		system: SYSTEM,
		id: order.id,
		number: order.reference || order.id,
		externalIds: { [SYSTEM]: order.id },
		status: { code: order.current_state, label: stateName(state, order.id_lang, englishLanguageId(context.languages)) },
		canonicalStatus: state ? canonicalOfState(state) : undefined,
		customer: {
			id: order.id_customer && order.id_customer !== '0' ? order.id_customer : undefined,
			email: customer?.email || undefined,
			name: [customer?.firstname, customer?.lastname].filter(Boolean).join(' ') || billing?.name,
			phone: billing?.phone,
			language: language?.iso_code || undefined,
			country: billing?.country ?? shipping?.country,
		},
		billingAddress: billing,
		shippingAddress: shipping,
		lines: order.rows.map(lineOf),
		linePricesIncludeTax: false,
		currency: context.currencies.get(order.id_currency),
		totals: {
			gross,
			net,
			tax: gross !== undefined && net !== undefined ? roundMoney(gross - net) : undefined,
			shipping: num(order.total_shipping_tax_incl),
		},
		tracking,
		...(state?.shipped === '1' || tracking ? { shipped: true } : {}),
		...(invoiceNumber ? { documents: { invoiceNumber } } : {}),
		createdAt: shopTimeToIso(order.date_add, context.timeZone),
		updatedAt: shopTimeToIso(order.date_upd, context.timeZone),
		raw: { ...order.fields, order_rows: order.rows },
	};
}
