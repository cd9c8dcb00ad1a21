/**
 * A PrestaShop 8.1 Webservice stand-in, written from PrestaShop's webservice documentation and its source
 * (WebserviceRequest, SQLUtils, OrderHistory::addWs, OrderCarrier::updateWs) and checked against a real 8.1.2:
 * the key as HTTP Basic user (or ws_key), per-resource permissions, the XML envelope with CDATA and xlink:href,
 * `display` (links only / full / [fields]), `filter[field]` in SQLUtils' forms, `date=1` required to filter or sort
 * on date_add/date_upd, `sort`, `limit=offset,count`, lists in no particular order without `sort`, dates as shop-local
 * wall times without an offset, PUT replacing the whole object (a field left out is wiped, a required one refused),
 * the id in the body choosing the record, PATCH, writes in XML only, an empty 404, an empty 500 for an unknown
 * state, errors with PHP warnings (HTTP 500) for a bad list query, and every mail PrestaShop would send, logged.
 */
import * as http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { listen, readBody } from '../../helpers/http-server';

type Value = string | Record<string, string>;
type Rec = Record<string, Value>;

export interface SimMail {
	template: string;
	subject: string;
	to: string;
	idLang: string;
	orderId: string;
	/** The request that made PrestaShop send it */
	uri: string;
}

export interface SimRequest {
	method: string;
	path: string;
	query: Record<string, string>;
}

export interface PrestaShopSimulatorOptions {
	port?: number;
	/** 32 characters [A-Za-z0-9] */
	key?: string;
	/** The shop's PS_TIMEZONE (default Europe/Bratislava) */
	timeZone?: string;
	/** Whether the key may GET `configurations` (default false, as a key made for orders) */
	configurations?: boolean;
	/** Whether URL rewriting is on: /api/orders works (default true); /api/?url=orders works either way */
	friendlyUrls?: boolean;
	/** A module printing a PHP notice as HTML before every answer */
	phpNotice?: boolean;
	/**
	 * The release (`PSWS-Version`), default 8.1.2. Where releases differ for the calls the connector makes (from their
	 * source): 1.7.8 has no PATCH (405, code 23), lists no `patch` right at /api/, and answers an unknown state with
	 * 200 and the text "Invalid new order status" (`die`); 8.x and 9.x take PATCH and fail with an empty 500.
	 */
	version?: string;
	/** What POST order_histories answers for an unknown state; default as the release does */
	unknownState?: 'empty500' | 'text200';
	/** The key's methods per resource, replacing the defaults (an empty list: the resource is not allowed at all) */
	rights?: Record<string, string[]>;
	/** PS_SHOP_NAME, shown at /api/ */
	shopName?: string;
	/** The clock (default Date.now) */
	now?: () => number;
	/** No seed orders (customers, products and states stay) */
	empty?: boolean;
}

const XLINK = 'http://www.w3.org/1999/xlink';
const LANGS = ['1', '2', '3'];
const ml = (en: string, sk = en, cs = sk): Record<string, string> => ({ '1': en, '2': sk, '3': cs });

interface ResourceSpec {
	singular: string;
	fields: string[];
	/** Field → linked resource (rendered with xlink:href) */
	links?: Record<string, string>;
	multilang?: string[];
	required?: string[];
	/** Methods the test key has */
	methods: string[];
}

const RW = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH'];
const RO = ['GET', 'HEAD'];

const RESOURCES: Record<string, ResourceSpec> = {
	orders: {
		singular: 'order',
		fields: [
			'id', 'id_address_delivery', 'id_address_invoice', 'id_cart', 'id_currency', 'id_lang', 'id_customer', 'id_carrier', 'current_state', 'module',
			'invoice_number', 'invoice_date', 'delivery_number', 'delivery_date', 'valid', 'date_add', 'date_upd', 'shipping_number', 'note', 'id_shop_group',
			'id_shop', 'secure_key', 'payment', 'recyclable', 'gift', 'gift_message', 'mobile_theme', 'total_discounts', 'total_discounts_tax_incl',
			'total_discounts_tax_excl', 'total_paid', 'total_paid_tax_incl', 'total_paid_tax_excl', 'total_paid_real', 'total_products', 'total_products_wt',
			'total_shipping', 'total_shipping_tax_incl', 'total_shipping_tax_excl', 'carrier_tax_rate', 'total_wrapping', 'total_wrapping_tax_incl',
			'total_wrapping_tax_excl', 'round_mode', 'round_type', 'conversion_rate', 'reference',
		],
		links: {
			id_address_delivery: 'addresses', id_address_invoice: 'addresses', id_cart: 'carts', id_currency: 'currencies', id_lang: 'languages',
			id_customer: 'customers', id_carrier: 'carriers', current_state: 'order_states',
		},
		required: ['id_address_delivery', 'id_address_invoice', 'id_cart', 'id_currency', 'id_lang', 'id_customer', 'id_carrier', 'module', 'payment', 'total_paid', 'total_paid_real', 'total_products', 'total_products_wt', 'conversion_rate'],
		methods: RW,
	},
	order_states: {
		singular: 'order_state',
		fields: ['id', 'unremovable', 'delivery', 'hidden', 'send_email', 'module_name', 'invoice', 'color', 'logable', 'shipped', 'paid', 'pdf_delivery', 'pdf_invoice', 'deleted', 'name', 'template'],
		multilang: ['name', 'template'],
		methods: RW,
	},
	order_histories: {
		singular: 'order_history',
		fields: ['id', 'id_employee', 'id_order_state', 'id_order', 'date_add'],
		links: { id_order_state: 'order_states', id_order: 'orders' },
		required: ['id_order_state', 'id_order'],
		methods: RW,
	},
	order_carriers: {
		singular: 'order_carrier',
		fields: ['id', 'id_order', 'id_carrier', 'id_order_invoice', 'weight', 'shipping_cost_tax_excl', 'shipping_cost_tax_incl', 'tracking_number', 'date_add'],
		links: { id_order: 'orders', id_carrier: 'carriers' },
		required: ['id_order', 'id_carrier'],
		methods: RW,
	},
	customers: {
		singular: 'customer',
		fields: ['id', 'id_default_group', 'id_lang', 'secure_key', 'deleted', 'passwd', 'lastname', 'firstname', 'email', 'company', 'active', 'is_guest', 'id_shop', 'date_add', 'date_upd'],
		links: { id_lang: 'languages' },
		methods: RW,
	},
	addresses: {
		singular: 'address',
		fields: ['id', 'id_customer', 'id_country', 'id_state', 'alias', 'company', 'lastname', 'firstname', 'vat_number', 'address1', 'address2', 'postcode', 'city', 'phone', 'phone_mobile', 'deleted', 'date_add', 'date_upd'],
		links: { id_customer: 'customers', id_country: 'countries' },
		methods: RW,
	},
	languages: { singular: 'language', fields: ['id', 'name', 'iso_code', 'locale', 'language_code', 'active'], methods: RO },
	countries: { singular: 'country', fields: ['id', 'iso_code', 'active', 'name'], multilang: ['name'], methods: RO },
	currencies: { singular: 'currency', fields: ['id', 'name', 'iso_code', 'conversion_rate', 'active'], methods: RO },
	carriers: { singular: 'carrier', fields: ['id', 'deleted', 'name', 'active', 'url', 'delay'], multilang: ['delay'], methods: RW },
	customer_threads: {
		singular: 'customer_thread',
		fields: ['id', 'id_lang', 'id_shop', 'id_customer', 'id_order', 'id_product', 'id_contact', 'email', 'token', 'status', 'date_add', 'date_upd'],
		links: { id_lang: 'languages', id_shop: 'shops', id_customer: 'customers', id_order: 'orders' },
		required: ['id_lang', 'id_contact', 'token'],
		methods: RW,
	},
	customer_messages: {
		singular: 'customer_message',
		fields: ['id', 'id_employee', 'id_customer_thread', 'ip_address', 'message', 'file_name', 'user_agent', 'private', 'date_add', 'date_upd', 'read'],
		links: { id_customer_thread: 'customer_threads' },
		required: ['id_customer_thread', 'message'],
		methods: RW,
	},
	stock_availables: {
		singular: 'stock_available',
		fields: ['id', 'id_product', 'id_product_attribute', 'id_shop', 'id_shop_group', 'quantity', 'depends_on_stock', 'out_of_stock', 'location'],
		links: { id_product: 'products', id_shop: 'shops' },
		methods: RO,
	},
	configurations: { singular: 'configuration', fields: ['id', 'value', 'name', 'id_shop_group', 'id_shop', 'date_add', 'date_upd'], methods: RO },
};

/** PrestaShop 8.1's default order states: name (en, sk, cs), mail template, flags. */
const STATES: Array<[string, Record<string, string>, string, Partial<Record<string, string>>]> = [
	['1', ml('Awaiting check payment', 'Čaká sa na platbu šekom', 'Čeká se na platbu šekem'), 'cheque', { send_email: '1' }],
	['2', ml('Payment accepted', 'Platba prijatá', 'Platba přijata'), 'payment', { send_email: '1', paid: '1', invoice: '1', logable: '1', pdf_invoice: '1' }],
	['3', ml('Processing in progress', 'Spracováva sa', 'Zpracovává se'), 'preparation', { send_email: '1', paid: '1', invoice: '1', logable: '1', delivery: '1' }],
	['4', ml('Shipped', 'Odoslaná', 'Odeslána'), 'shipped', { send_email: '1', paid: '1', invoice: '1', logable: '1', delivery: '1', shipped: '1' }],
	['5', ml('Delivered', 'Doručená', 'Doručena'), '', { paid: '1', invoice: '1', logable: '1', delivery: '1', shipped: '1' }],
	['6', ml('Canceled', 'Zrušená', 'Zrušena'), 'order_canceled', { send_email: '1' }],
	['7', ml('Refunded', 'Refundovaná', 'Refundována'), 'refund', { send_email: '1', paid: '1', invoice: '1' }],
	['8', ml('Payment error', 'Chyba platby', 'Chyba platby'), 'payment_error', { send_email: '1' }],
	['9', ml('On backorder (paid)', 'Na objednávku (zaplatené)', 'Na objednávku (zaplaceno)'), 'outofstock', { send_email: '1', paid: '1', invoice: '1', logable: '1' }],
	['10', ml('Awaiting bank wire payment', 'Čaká sa na platbu prevodom', 'Čeká se na platbu převodem'), 'bankwire', { send_email: '1' }],
	['11', ml('Remote payment accepted', 'Platba na diaľku prijatá', 'Platba na dálku přijata'), 'payment', { send_email: '1', paid: '1', invoice: '1', logable: '1' }],
	['12', ml('On backorder (not paid)', 'Na objednávku (nezaplatené)', 'Na objednávku (nezaplaceno)'), 'outofstock', { send_email: '1' }],
	['13', ml('Awaiting Cash On Delivery validation', 'Čaká sa na overenie dobierky', 'Čeká se na ověření dobírky'), 'cashondelivery', { send_email: '1' }],
];

const WARNINGS = [1333, 1334, 1335, 1336].map((line) => ({
	code: '3',
	message: `[PHP Warning #2] Trying to access array offset on value of type bool (/var/www/classes/webservice/WebserviceRequest.php, line ${line})`,
}));

const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The order PrestaShop lists records in without `sort`: not by id (MySQL's, from the table's history). */
const unsortedKey = (id: string) => (Number(id) * 2654435761) % 4294967296;

class WsError extends Error {
	constructor(
		readonly status: number,
		readonly errors: Array<{ code: string; message: string }>,
		readonly headers: Record<string, string> = {},
	) {
		super(errors[0]?.message ?? `HTTP ${status}`);
	}
}

/** An answer that is not the webservice's XML: an empty body, or text. */
class RawAnswer extends Error {
	constructor(
		readonly status: number,
		readonly body: string,
		readonly contentType = 'text/html; charset=utf-8',
	) {
		super(body || `HTTP ${status}`);
	}
}

const xmlReader = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, processEntities: true });

export async function startPrestaShopSimulator(options: PrestaShopSimulatorOptions = {}) {
	const key = options.key ?? 'SIMKEY0123456789ABCDEFGHIJKLMNOP';
	const timeZone = options.timeZone ?? 'Europe/Bratislava';
	const now = options.now ?? Date.now;
	const friendly = options.friendlyUrls ?? true;
	const version = options.version ?? '8.1.2';
	const legacy = version.startsWith('1.');
	const unknownState = options.unknownState ?? (legacy ? 'text200' : 'empty500');
	const rightsOf = (resource: string) => options.rights?.[resource] ?? (resource === 'configurations' && !options.configurations ? [] : RESOURCES[resource]?.methods ?? []);
	const db: Record<string, Map<string, Rec>> = Object.fromEntries(Object.keys(RESOURCES).map((name) => [name, new Map<string, Rec>()]));
	const rows = new Map<string, Rec[]>();
	const nextId: Record<string, number> = {};
	const mails: SimMail[] = [];
	const requests: SimRequest[] = [];
	let invoiceNumber = 0;

	const localNow = () => DateTime.fromMillis(now(), { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm:ss');

	function insert(resource: string, record: Rec): Rec {
		const spec = RESOURCES[resource];
		const id = record.id ? String(record.id) : String((nextId[resource] = (nextId[resource] ?? db[resource].size) + 1));
		nextId[resource] = Math.max(nextId[resource] ?? 0, Number(id));
		const full: Rec = {};
		for (const field of spec.fields) full[field] = spec.multilang?.includes(field) ? ((record[field] as Record<string, string>) ?? ml('')) : String(record[field] ?? '');
		full.id = id;
		if (spec.fields.includes('date_add') && !record.date_add) full.date_add = localNow();
		if (spec.fields.includes('date_upd') && !record.date_upd) full.date_upd = full.date_add;
		db[resource].set(id, full);
		return full;
	}

	// ---- seed: languages en/sk/cs, EUR, four countries, two carriers, the default states, customers and orders
	insert('languages', { id: '1', name: 'English (English)', iso_code: 'en', locale: 'en-US', language_code: 'en-us', active: '1' });
	insert('languages', { id: '2', name: 'Slovenčina (Slovak)', iso_code: 'sk', locale: 'sk-SK', language_code: 'sk', active: '1' });
	insert('languages', { id: '3', name: 'Čeština (Czech)', iso_code: 'cs', locale: 'cs-CZ', language_code: 'cs-CZ', active: '1' });
	insert('currencies', { id: '1', name: 'Euro', iso_code: 'EUR', conversion_rate: '1.000000', active: '1' });
	for (const [id, iso, name] of [['37', 'SK', 'Slovakia'], ['16', 'CZ', 'Czechia'], ['14', 'PL', 'Poland'], ['18', 'SE', 'Sweden']]) insert('countries', { id, iso_code: iso, active: '1', name: ml(name) });
	insert('carriers', { id: '1', deleted: '0', name: 'Click and collect', active: '1', url: '', delay: ml('Pick up in-store') });
	insert('carriers', { id: '2', deleted: '0', name: 'Kuriér SK/CZ', active: '1', url: 'https://tracking.example.com/?parcel=@', delay: ml('Delivery in 1–2 working days') });
	for (const [id, name, template, flags] of STATES) {
		insert('order_states', {
			id, unremovable: '1', delivery: '0', hidden: '0', send_email: '0', module_name: '', invoice: '0', color: '#34209E', logable: '0', shipped: '0', paid: '0',
			pdf_delivery: '0', pdf_invoice: '0', deleted: '0', ...flags, name, template: ml(template),
		} as Rec);
	}
	insert('configurations', { id: '1', name: 'PS_TIMEZONE', value: timeZone });
	const people: Array<[string, string, string, string, string, string]> = [
		['2', 'Ľubomír', 'Šťastný', 'lubomir.stastny@example.sk', '2', '37'],
		['3', 'Jiří', 'Dvořák', 'jiri.dvorak@example.cz', '3', '16'],
		['4', 'Grzegorz', 'Brzęczyszczykiewicz', 'grzegorz.b@example.pl', '1', '14'],
		['5', 'Åsa', 'Öberg', 'asa.oberg@example.se', '1', '18'],
	];
	for (const [id, firstname, lastname, email, idLang, country] of people) {
		insert('customers', { id, id_default_group: '3', id_lang: idLang, secure_key: `sk${id}`.padEnd(32, '0'), deleted: '0', passwd: '$2y$10$simulatedhashsimulatedhashsimulat', lastname, firstname, email, company: '', active: '1', is_guest: '0', id_shop: '1' });
		insert('addresses', { id, id_customer: id, id_country: country, id_state: '0', alias: 'Home', company: '', lastname, firstname, vat_number: '', address1: 'Hlavná 1', address2: '', postcode: '811 01', city: 'Bratislava', phone: '+421 900 000 000', phone_mobile: '', deleted: '0' });
	}

	const PRODUCTS: Record<string, string> = { 'RW-TSHIRT': '1', 'RW-MUG': '2', 'RW-BOOK': '3' };
	for (const [id, quantity] of [['1', '50'], ['2', '100'], ['3', '20']]) {
		insert('stock_availables', { id, id_product: id, id_product_attribute: '0', id_shop: '1', id_shop_group: '0', quantity, depends_on_stock: '0', out_of_stock: '2', location: '' });
	}

	/** Places an order as the checkout does: its first state in the history (no mail logged: the tests start after). */
	function addOrder(input: { customer: string; state: string; lines: Array<{ sku: string; name: string; quantity: number; price: number; taxRate?: number }>; carrier?: string; at?: string }): Rec {
		const customer = db.customers.get(input.customer);
		if (!customer) throw new Error(`no customer ${input.customer}`);
		const net = input.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
		const gross = input.lines.reduce((sum, line) => sum + line.price * (1 + (line.taxRate ?? 20) / 100) * line.quantity, 0);
		const stamp = input.at ?? localNow();
		const order = insert('orders', {
			id_address_delivery: input.customer, id_address_invoice: input.customer, id_cart: '1', id_currency: '1', id_lang: customer.id_lang, id_customer: input.customer,
			id_carrier: input.carrier ?? '2', current_state: input.state, module: 'ps_wirepayment', invoice_number: '0', invoice_date: '0000-00-00 00:00:00',
			delivery_number: '0', delivery_date: '0000-00-00 00:00:00', valid: '0', date_add: stamp, date_upd: stamp, shipping_number: '', note: '', id_shop_group: '1',
			id_shop: '1', secure_key: customer.secure_key, payment: 'Wire payment', recyclable: '0', gift: '0', gift_message: '', mobile_theme: '0',
			total_discounts: '0.000000', total_discounts_tax_incl: '0.000000', total_discounts_tax_excl: '0.000000', total_paid: (gross + 4.2).toFixed(6),
			total_paid_tax_incl: (gross + 4.2).toFixed(6), total_paid_tax_excl: (net + 3.5).toFixed(6), total_paid_real: '0.000000', total_products: net.toFixed(6),
			total_products_wt: gross.toFixed(6), total_shipping: '4.200000', total_shipping_tax_incl: '4.200000', total_shipping_tax_excl: '3.500000', carrier_tax_rate: '20.000',
			total_wrapping: '0.000000', total_wrapping_tax_incl: '0.000000', total_wrapping_tax_excl: '0.000000', round_mode: '2', round_type: '2', conversion_rate: '1.000000',
			reference: Math.random().toString(36).slice(2, 11).toUpperCase().padEnd(9, 'X'),
		});
		rows.set(
			String(order.id),
			input.lines.map((line, i) => ({
				id: String(Number(order.id) * 10 + i), product_id: PRODUCTS[line.sku] ?? String(10 + i), product_attribute_id: '0', product_quantity: String(line.quantity), product_name: line.name,
				product_reference: line.sku, product_ean13: '', product_isbn: '', product_upc: '', product_price: line.price.toFixed(6), id_customization: '0',
				unit_price_tax_incl: (line.price * (1 + (line.taxRate ?? 20) / 100)).toFixed(6), unit_price_tax_excl: line.price.toFixed(6),
			})),
		);
		// validateOrder takes the units off the available quantity at once, which may go below zero.
		for (const line of input.lines) {
			const stock = db.stock_availables.get(PRODUCTS[line.sku] ?? '');
			if (stock) stock.quantity = String(Number(stock.quantity) - line.quantity);
		}
		insert('order_histories', { id_employee: '0', id_order_state: input.state, id_order: String(order.id), date_add: stamp });
		insert('order_carriers', { id_order: String(order.id), id_carrier: String(order.id_carrier), id_order_invoice: '0', weight: '0.500000', shipping_cost_tax_excl: '3.500000', shipping_cost_tax_incl: '4.200000', tracking_number: '', date_add: stamp });
		return order;
	}

	if (!options.empty) {
		addOrder({ customer: '2', state: '2', lines: [{ sku: 'RW-TSHIRT', name: 'Tričko Real', quantity: 2, price: 15 }] });
		addOrder({ customer: '3', state: '10', lines: [{ sku: 'RW-BOOK', name: 'Kniha Real – Žluťoučký kůň', quantity: 1, price: 20, taxRate: 10 }] });
		addOrder({ customer: '4', state: '13', lines: [{ sku: 'RW-MUG', name: 'Real Mug', quantity: 3, price: 8.25 }] });
		addOrder({ customer: '5', state: '4', lines: [{ sku: 'RW-MUG', name: 'Real Mug', quantity: 1, price: 8.25 }] });
	}

	function mail(order: Rec, template: string, subject: string, uri: string) {
		const customer = db.customers.get(String(order.id_customer));
		mails.push({ template, subject, to: String(customer?.email ?? ''), idLang: String(order.id_lang), orderId: String(order.id), uri });
	}

	/** OrderHistory::changeIdOrderState, as far as the webservice shows it: the state, invoice, validity, date_upd. */
	function changeState(order: Rec, stateId: string, uri: string, sendMail: boolean): Rec {
		const state = db.order_states.get(stateId) as Rec;
		order.current_state = stateId;
		if (state.invoice === '1' && order.invoice_number === '0') {
			order.invoice_number = String(++invoiceNumber);
			order.invoice_date = localNow();
		}
		if (state.logable === '1') order.valid = '1';
		if (state.paid === '1') order.total_paid_real = order.total_paid;
		order.date_upd = localNow();
		const history = insert('order_histories', { id_employee: '', id_order_state: stateId, id_order: String(order.id), date_add: localNow() });
		const template = (state.template as Record<string, string>)[String(order.id_lang)];
		if (sendMail && state.send_email === '1' && template) mail(order, template, (state.name as Record<string, string>)[String(order.id_lang)], uri);
		return history;
	}

	// ---- rendering
	const base = () => sim.url;
	function renderField(resource: string, field: string, value: Value): string {
		const spec = RESOURCES[resource];
		if (typeof value === 'object') {
			const langs = LANGS.map((id) => `<language id="${id}" xlink:href="${base()}/api/languages/${id}">${cdata(value[id] ?? '')}</language>`).join('');
			return `\t<${field}>${langs}</${field}>`;
		}
		const link = spec.links?.[field];
		const attrs = link && value !== '' && value !== '0' ? ` xlink:href="${escapeAttr(`${base()}/api/${link}/${value}`)}"` : field === 'shipping_number' ? ' notFilterable="true"' : '';
		return `\t<${field}${attrs}>${cdata(value)}</${field}>`;
	}

	function renderRecord(resource: string, record: Rec, display: 'full' | string[]): string {
		const spec = RESOURCES[resource];
		const fields = display === 'full' ? spec.fields : spec.fields.filter((field) => display.includes(field));
		const inner = fields.map((field) => renderField(resource, field, resource === 'orders' && field === 'shipping_number' ? trackingOf(record) : record[field]));
		if (resource === 'orders' && display === 'full') {
			const orderRows = (rows.get(String(record.id)) ?? [])
				.map((row) => `\t<order_row>\n${Object.entries(row).map(([field, value]) => `\t<${field}>${cdata(String(value))}</${field}>`).join('\n')}\n\t</order_row>`)
				.join('\n');
			inner.push(`<associations>\n<order_rows nodeType="order_row" virtualEntity="true">\n${orderRows}\n</order_rows>\n</associations>`);
		}
		if (resource === 'customer_threads' && display === 'full') {
			const messages = [...db.customer_messages.values()].filter((message) => message.id_customer_thread === record.id);
			const links = messages.map((message) => `\t<customer_message xlink:href="${base()}/api/customer_messages/${message.id}">\n\t<id>${cdata(String(message.id))}</id>\n\t</customer_message>`).join('\n');
			inner.push(`<associations>\n<customer_messages nodeType="customer_message" api="customer_messages">${links ? `\n${links}\n` : ''}</customer_messages>\n</associations>`);
		}
		return `<${spec.singular}>\n${inner.join('\n')}\n</${spec.singular}>`;
	}

	/** `orders.shipping_number` reads the tracking number of the order's carrier. */
	function trackingOf(order: Rec): string {
		const carrier = [...db.order_carriers.values()].find((entry) => entry.id_order === order.id && entry.id_carrier === order.id_carrier);
		return String(carrier?.tracking_number ?? order.shipping_number ?? '');
	}

	const envelope = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="${XLINK}">\n${inner}\n</prestashop>\n`;
	const errorXml = (errors: Array<{ code: string; message: string }>) =>
		envelope(`<errors>\n${errors.map((e) => `<error>\n<code>${cdata(e.code)}</code>\n<message>${cdata(e.message)}</message>\n</error>`).join('\n')}\n</errors>`);
	const listError = (code: string, message: string) => new WsError(500, [{ code, message }, ...WARNINGS]);

	// ---- list queries
	const bracketed = (value: string) => /^\[(.*)\]$/.exec(value)?.[1];

	function compare(a: string, b: string): number {
		const x = Number(a);
		const y = Number(b);
		if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
		return a < b ? -1 : a > b ? 1 : 0;
	}

	/** SQLUtils::getSQLRetrieveFilter */
	function matches(value: string, filter: string): boolean {
		const m = /^(.*)\[(.*)\](.*)$/.exec(filter);
		if (!m) return value === filter;
		const [, before, inner, after] = m;
		if (before === '%' || after === '%') {
			const pattern = new RegExp(`^${(before + inner + after).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i');
			return pattern.test(value);
		}
		if (before === '' && after === '') {
			if (inner.indexOf('|') > 0) return inner.split('|').includes(value);
			const range = /^([\d.:\-\s]+),([\d.:\-\s]+)$/.exec(inner);
			if (range) {
				const [low, high] = [range[1], range[2]].sort();
				return compare(value, low) >= 0 && compare(value, high) <= 0;
			}
			return value === inner;
		}
		if (before === '>') return compare(value, inner) > 0;
		if (before === '<') return compare(value, inner) < 0;
		if (before === '!') return !inner.split('|').includes(value);
		return true;
	}

	function listRecords(resource: string, query: URLSearchParams): string {
		const spec = RESOURCES[resource];
		const dates = query.get('date') === '1';
		const filterable = spec.fields.filter((field) => !spec.multilang?.includes(field) && (dates || (field !== 'date_add' && field !== 'date_upd')));
		let records = [...db[resource].values()].sort((a, b) => unsortedKey(String(a.id)) - unsortedKey(String(b.id)));
		for (const [name, value] of query) {
			const field = /^filter\[(\w+)\]$/.exec(name)?.[1];
			if (!field) continue;
			if (!filterable.includes(field)) {
				throw listError('32', `This filter does not exist. The full list is: ${filterable.map((f) => `"${f}"`).join(', ')}`);
			}
			if (value === '') throw listError('33', `The filter "${field}" is malformed.`);
			records = records.filter((record) => matches(String(record[field] ?? ''), value));
		}
		const display = query.get('display');
		let shown: 'full' | string[] | undefined;
		if (display === 'full') shown = 'full';
		else if (display !== null && display !== 'minimum') {
			const inner = bracketed(display);
			if (inner === undefined) throw listError('36', `The 'display' syntax is wrong. You can set 'full' or '[field_1,field_2,field_3,...]'.`);
			const wanted = inner.split(',').map((f) => f.trim());
			const unknown = wanted.find((f) => !spec.fields.includes(f));
			if (unknown) throw listError('35', `Unable to display this field "${unknown}". However, these are available: ${spec.fields.join(', ')}`);
			shown = wanted;
		}
		const sort = query.get('sort');
		if (sort !== null) {
			const parts = (bracketed(sort) ?? sort).split(',');
			const keys = parts.map((part) => {
				const at = part.lastIndexOf('_');
				const field = part.slice(0, at);
				const direction = part.slice(at + 1).toUpperCase();
				if (at < 0 || !['ASC', 'DESC'].includes(direction)) {
					throw listError('37', `The "sort" value has to be formed as this example: "field_ASC" or '[field_1_DESC,field_2_ASC,field_3_ASC,...]' ("field" has to be an available field)`);
				}
				if (!filterable.includes(field)) throw listError('38', `Unable to filter by this field. However, these are available: ${filterable.join(', ')}`);
				return { field, sign: direction === 'ASC' ? 1 : -1 };
			});
			records.sort((a, b) => {
				for (const { field, sign } of keys) {
					const order = compare(String(a[field]), String(b[field]));
					if (order) return order * sign;
				}
				return 0;
			});
		}
		const limit = query.get('limit');
		if (limit !== null) {
			const parts = limit.split(',');
			if (parts.length > 2) throw listError('39', 'The "limit" value has to be formed as this example: "5,25" or "10"');
			const [offset, count] = parts.length === 2 ? [Number.parseInt(parts[0], 10) || 0, Number.parseInt(parts[1], 10) || 0] : [0, Number.parseInt(parts[0], 10) || 0];
			records = records.slice(offset, offset + count);
		}
		const items = shown
			? records.map((record) => renderRecord(resource, record, shown))
			: records.map((record) => `<${spec.singular} id="${record.id}" xlink:href="${base()}/api/${resource}/${record.id}"/>`);
		return envelope(`<${resource}>\n${items.join('\n')}\n</${resource}>`);
	}

	// ---- writes
	function readInput(resource: string, body: string): Array<Record<string, string>> {
		const spec = RESOURCES[resource];
		let parsed: Record<string, unknown>;
		try {
			if (!body.trimStart().startsWith('<')) throw new Error("Start tag expected, '<' not found");
			parsed = xmlReader.parse(body) as Record<string, unknown>;
		} catch (error) {
			throw new WsError(500, [
				{ code: '3', message: `[PHP Warning #2] SimpleXMLElement::__construct(): Entity: line 1: parser error : ${(error as Error).message}` },
				{ code: '127', message: `XML error : String could not be parsed as XML\nXML length : ${body.length}\nOriginal XML : ${body}` },
			]);
		}
		const root = parsed.prestashop as Record<string, unknown> | undefined;
		const entities = root?.[spec.singular];
		return (Array.isArray(entities) ? entities : entities === undefined ? [] : [entities]).map((entity) => {
			const fields: Record<string, string> = {};
			for (const [name, value] of Object.entries((entity ?? {}) as Record<string, unknown>)) {
				if (name.startsWith('@')) continue;
				fields[name] = typeof value === 'object' && value !== null ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value ?? '');
			}
			return fields;
		});
	}

	/** WebserviceRequest::saveEntityFromXml for PUT and PATCH: the body's id picks the record. */
	function update(resource: string, method: string, input: Record<string, string>, uri: string, sendEmail: boolean): Rec {
		const spec = RESOURCES[resource];
		if (!input.id) throw new WsError(400, [{ code: '90', message: 'id is required when modifying a resource' }]);
		const record = db[resource].get(input.id);
		if (!record) throw new WsError(404, [{ code: '92', message: 'Invalid ID' }]);
		const next: Rec = { ...record };
		for (const field of spec.fields) {
			if (field === 'id' || spec.multilang?.includes(field)) continue;
			if (method === 'PATCH' && !(field in input)) continue;
			if (field in input) next[field] = input[field];
			else if (spec.required?.includes(field)) throw new WsError(400, [{ code: '41', message: `parameter "${field}" required` }]);
			else next[field] = field === 'current_state' ? '0' : '';
		}
		if (resource === 'order_carriers' && !/^[~:#,%&_=()[\].? +\-@/a-zA-Z0-9]*$/.test(String(next.tracking_number))) {
			throw new WsError(400, [{ code: '85', message: 'Validation error: "Property OrderCarrier->tracking_number is not valid"' }]);
		}
		if (resource === 'orders') {
			// Order::update through the webservice: a new current_state is applied with its mail, whatever sendemail says.
			const stateChanged = next.current_state !== record.current_state;
			db.orders.set(input.id, { ...next, date_upd: localNow() });
			if (stateChanged && db.order_states.has(String(next.current_state))) changeState(db.orders.get(input.id) as Rec, String(next.current_state), uri, true);
			return db.orders.get(input.id) as Rec;
		}
		if ('date_upd' in next) next.date_upd = localNow();
		db[resource].set(input.id, next);
		if (resource === 'order_carriers' && sendEmail) {
			const order = db.orders.get(String(next.id_order));
			const carrier = db.carriers.get(String(next.id_carrier));
			if (order && carrier?.url) mail(order, 'in_transit', 'Package in transit', uri);
		}
		return next;
	}

	function create(resource: string, input: Record<string, string>, uri: string, sendEmail: boolean): Rec {
		const spec = RESOURCES[resource];
		if (input.id) throw new WsError(400, [{ code: '91', message: 'id is forbidden when adding a new resource' }]);
		for (const field of spec.required ?? []) if (!(field in input)) throw new WsError(400, [{ code: '41', message: `parameter "${field}" required` }]);
		if (resource === 'order_histories') {
			const order = db.orders.get(input.id_order);
			if (!db.order_states.has(input.id_order_state) || !order) {
				// An uncaught PrestaShopException("Invalid new order status"): nothing but a 500 (8.1) or the text (older).
				if (unknownState === 'text200') throw new RawAnswer(200, 'Invalid new order status', 'text/html; charset=utf-8');
				throw new RawAnswer(500, '');
			}
			// The state the order has already is accepted again: a second history row, a second mail.
			return changeState(order, input.id_order_state, uri, sendEmail);
		}
		if (resource === 'orders') throw new WsError(400, [{ code: '41', message: 'parameter "id_cart" required' }]);
		return insert(resource, input as Rec);
	}

	// ---- HTTP
	function authenticate(req: http.IncomingMessage, query: URLSearchParams): void {
		const header = req.headers.authorization;
		const basic = header?.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] : undefined;
		const given = query.get('ws_key') ?? basic;
		const challenge = { 'www-authenticate': 'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."' };
		if (!given) throw new WsError(401, [{ code: '17', message: 'Authentication key is empty' }], challenge);
		if (!/^[A-Za-z0-9]{32}$/.test(given)) throw new WsError(401, [{ code: '18', message: 'Invalid authentication key format' }], challenge);
		if (given !== key) throw new WsError(401, [{ code: '21', message: 'No permission for this authentication key' }], challenge);
	}

	function handle(req: http.IncomingMessage, url: URL, body: string): { status: number; xml: string } {
		const query = url.searchParams;
		const method = req.method ?? 'GET';
		let path: string;
		if (url.pathname.startsWith('/webservice/dispatcher.php') || (url.pathname === '/api/' && query.has('url'))) path = query.get('url') ?? '';
		else if (url.pathname.startsWith('/api/') && friendly) path = url.pathname.slice(5);
		else throw new RawAnswer(404, '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>');
		requests.push({ method, path, query: Object.fromEntries(query) });
		authenticate(req, query);
		const [resource, id] = path.replace(/\/+$/, '').split('/');
		if (!resource) {
			// WebserviceOutputBuilder::getResourcesList: the resources the key may use, each with its rights.
			const methods = legacy ? ['get', 'put', 'post', 'delete', 'head'] : ['get', 'put', 'post', 'patch', 'delete', 'head'];
			const list = Object.entries(RESOURCES)
				.filter(([name]) => rightsOf(name).length)
				.map(([name]) => {
					const rights = methods.map((m) => `${m}="${rightsOf(name).includes(m.toUpperCase())}"`).join(' ');
					const schemas = ['blank', 'synopsis'].map((type) => `<schema xlink:href="${base()}/api/${name}?schema=${type}" type="${type}"/>`).join('');
					return `<${name} xlink:href="${base()}/api/${name}" ${rights}><description xlink:href="${base()}/api/${name}" ${rights}>The ${name.replace(/_/g, ' ')}</description>${schemas}</${name}>`;
				});
			return { status: 200, xml: envelope(`<api shopName="${escapeAttr(options.shopName ?? 'Real Presta')}">\n${list.join('\n')}\n</api>`) };
		}
		const spec = RESOURCES[resource];
		if (!spec || !rightsOf(resource).length) {
			throw new WsError(401, [{ code: '26', message: `Resource of type "${resource}" is not allowed with this authentication key` }]);
		}
		if (!(legacy ? ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'] : ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD']).includes(method)) {
			throw new WsError(405, [{ code: '23', message: `Method ${method} is not valid` }]);
		}
		if (!rightsOf(resource).includes(method)) throw new WsError(405, [{ code: '25', message: `Method ${method} is not allowed for the resource ${resource} with this authentication key` }]);
		const uri = `${url.pathname}${url.search}`;
		const sendEmail = query.get('sendemail') === '1';
		if (method === 'GET') {
			if (!id) return { status: 200, xml: listRecords(resource, query) };
			const record = db[resource].get(id);
			if (!record) throw new RawAnswer(404, '', 'text/html; charset=utf-8');
			const display = query.get('display');
			const inner = display && display !== 'full' ? bracketed(display)?.split(',') : undefined;
			return { status: 200, xml: envelope(renderRecord(resource, record, inner ?? 'full')) };
		}
		const inputs = readInput(resource, body);
		if (method === 'POST') {
			const created = inputs.map((input) => create(resource, input, uri, sendEmail));
			return { status: 201, xml: envelope(created.map((record) => renderRecord(resource, record, 'full')).join('\n')) };
		}
		const updated = inputs.map((input) => update(resource, method, input, uri, sendEmail));
		return { status: 200, xml: envelope(updated.map((record) => renderRecord(resource, record, 'full')).join('\n')) };
	}

	const notice = options.phpNotice ? '<br />\n<b>Notice</b>:  Undefined index: id_lang in <b>/var/www/modules/somemodule/somemodule.php</b> on line <b>42</b><br />\n' : '';
	const common = { 'x-powered-by': 'PrestaShop Webservice', 'set-cookie': 'PrestaShop-simulated=1; path=/; HttpOnly; SameSite=Lax' };
	// Written only once the key is accepted.
	const versionHeader = (status: number) => (status === 401 ? {} : { 'psws-version': version });

	const running = await listen(async (req, res) => {
		const body = (await readBody(req)).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://localhost');
		try {
			const { status, xml } = handle(req, url, body);
			res.writeHead(status, { ...common, ...versionHeader(status), 'content-type': 'text/xml;charset=utf-8' });
			res.end(notice + xml);
		} catch (error) {
			if (error instanceof RawAnswer) {
				res.writeHead(error.status, { 'content-type': error.contentType });
				res.end(error.body);
			} else if (error instanceof WsError) {
				res.writeHead(error.status, { ...common, ...versionHeader(error.status), ...error.headers, 'content-type': 'text/xml;charset=utf-8' });
				res.end(errorXml(error.errors));
			} else {
				res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
				res.end('');
			}
		}
	}, options.port);

	const sim = {
		url: running.url,
		key,
		version,
		timeZone,
		mails,
		requests,
		/** The records by resource, as PrestaShop keeps them (dates shop-local) */
		db,
		addOrder,
		/** The state history of an order, oldest first */
		history: (orderId: string) => [...db.order_histories.values()].filter((row) => row.id_order === orderId).map((row) => String(row.id_order_state)),
		/** Changes an order's state as the Back office does (its mail only with `mail`) */
		setState: (orderId: string, stateId: string, mail = false) => changeState(db.orders.get(orderId) as Rec, stateId, '/admin-dev/sell/orders', mail),
		/** Sets the tracking number of an order's carrier as the Back office does (date_upd of the order stays) */
		setTracking: (orderId: string, number: string) => {
			const carrier = [...db.order_carriers.values()].find((entry) => entry.id_order === orderId);
			if (carrier) carrier.tracking_number = number;
		},
		/** Mails to an address, by template */
		mailsTo: (to: string) => mails.filter((m) => m.to === to).map((m) => m.template),
		/** Adds a state as Back office → Orders → Statuses would */
		addState: (name: Record<string, string>, flags: Partial<Record<string, string>> = {}) =>
			String(
				insert('order_states', {
					unremovable: '0', delivery: '0', hidden: '0', send_email: '0', module_name: '', invoice: '0', color: '#000000', logable: '0', shipped: '0', paid: '0',
					pdf_delivery: '0', pdf_invoice: '0', deleted: '0', ...flags, name, template: ml(flags.template ?? ''),
				} as Rec).id,
			),
		close: () => running.close(),
	};
	return sim;
}

export type PrestaShopSimulator = Awaited<ReturnType<typeof startPrestaShopSimulator>>;
