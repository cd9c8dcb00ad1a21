'use strict';
// Sample data for `npm run demo` and the e2e scenarios: one shop (WooCommerce), its accounting (POHODA) and an Ozon
// seller account, with customers from Slovakia, Czechia, Poland, Sweden and Russia.

const PRODUCTS = [
	{ id: 11, name: 'Espresso beans 1 kg', sku: 'BEANS-1KG', price: '18.90', stock_quantity: 40 },
	{ id: 12, name: 'Hand grinder', sku: 'GRINDER', price: '79.00', stock_quantity: 0, stock_status: 'onbackorder', backorders: 'yes' },
	{ id: 13, name: 'Pour-over kettle', sku: 'KETTLE', price: '45.50', stock_quantity: 12 },
	{ id: 14, name: 'Paper filters (100)', sku: 'FILTERS', price: '4.90', stock_quantity: 300 },
	{ id: 15, name: 'Porcelain cup', sku: 'CUP', price: '9.90', stock_quantity: 3 },
];

/** Customers with the language their mails must be in. */
const CUSTOMERS = {
	sk: { first_name: 'Zuzana', last_name: 'Kováčová', email: 'zuzana.kovacova@example.sk', country: 'SK', city: 'Bratislava', address_1: 'Obchodná 12', postcode: '811 06', phone: '+421 902 123 456' },
	cs: { first_name: 'Jiří', last_name: 'Dvořák', email: 'jiri.dvorak@example.cz', country: 'CZ', city: 'Brno', address_1: 'Masarykova 31', postcode: '602 00', phone: '+420 603 111 222' },
	pl: { first_name: 'Małgorzata', last_name: 'Wiśniewska', email: 'm.wisniewska@example.pl', country: 'PL', city: 'Kraków', address_1: 'ul. Floriańska 7', postcode: '31-019', phone: '+48 601 234 567' },
	sv: { first_name: 'Åsa', last_name: 'Lindström', email: 'asa.lindstrom@example.se', country: 'SE', city: 'Göteborg', address_1: 'Kungsgatan 44', postcode: '411 19', phone: '+46 70 123 45 67' },
	ru: { first_name: 'Ольга', last_name: 'Иванова', email: 'olga.ivanova@example.ru', country: 'RU', city: 'Санкт-Петербург', address_1: 'Невский проспект 28', postcode: '191186', phone: '+7 911 123-45-67' },
};

const LANGUAGE_META = (lang) => [{ key: 'wpml_language', value: lang }];
const line = (productId, quantity) => ({ product_id: productId, quantity });
const daysAgo = (days) => new Date(Date.now() - days * 86400000).toISOString().replace(/\.\d+Z$/, '');

/** A parcel number staff entered on a packed order, in the custom fields the order desk template reads. */
const PARCEL = { number: 'CZ4006021750', carrier: 'PPL', url: 'https://www.ppl.cz/vyhledat-zasilku?shipmentId=CZ4006021750' };
const TRACKING_META = (parcel) => [
	{ key: 'tracking_number', value: parcel.number },
	{ key: 'tracking_carrier', value: parcel.carrier },
	{ key: 'tracking_url', value: parcel.url },
];

/** Shop orders already imported into POHODA (status processing in the shop); 1006 is packed, with a parcel number. */
const SHOP_ORDERS = [
	{ id: 1001, lang: 'sk', lines: [line(11, 2), line(14, 1)] },
	{ id: 1002, lang: 'cs', lines: [line(13, 1)] },
	{ id: 1003, lang: 'pl', lines: [line(11, 1), line(15, 2)] },
	{ id: 1004, lang: 'sv', lines: [line(12, 1), line(14, 2)] },
	{ id: 1005, lang: 'ru', lines: [line(11, 3)] },
	{ id: 1006, lang: 'cs', lines: [line(14, 3)], parcel: PARCEL },
];

function wooSeed() {
	return {
		products: PRODUCTS,
		orders: SHOP_ORDERS.map((o, i) => ({
			id: o.id,
			status: 'processing',
			currency: 'EUR',
			billing: { ...CUSTOMERS[o.lang] },
			shipping: { ...CUSTOMERS[o.lang] },
			meta_data: [...LANGUAGE_META(o.lang), ...(o.parcel ? TRACKING_META(o.parcel) : [])],
			line_items: o.lines,
			date_created_gmt: daysAgo(2 - i * 0.1),
		})),
	};
}

/** The same orders as POHODA received orders (extId = the shop's order id). */
function pohodaSeed() {
	return SHOP_ORDERS.map((o) => {
		const c = CUSTOMERS[o.lang];
		return {
			partner: { name: `${c.first_name} ${c.last_name}`, email: c.email, city: c.city, street: c.address_1, zip: c.postcode, country: c.country, phone: c.phone },
			extId: { ids: String(o.id), exSystemName: 'woocommerce' },
			numberOrder: String(o.id),
			text: `E-shop order ${o.id}`,
			lines: o.lines.map((l) => {
				const p = PRODUCTS.find((x) => x.id === l.product_id);
				return { text: p.name, code: p.sku, quantity: l.quantity, unitPrice: Number(p.price), rateVAT: 'high' };
			}),
		};
	});
}

const minutesAgo = (minutes) => new Date(Date.now() - minutes * 60000).toISOString();
/** A product line of an Ozon posting, priced in roubles. */
const ozonProduct = (sku, offerId, name, quantity, price) => ({ sku, offer_id: offerId, name, quantity, price, currency_code: 'RUB' });

/** Ozon FBS postings from Russian buyers (partial postings the simulator completes); offer ids are the shop's SKUs. */
function ozonSeed() {
	return [
		// Enough stock for both lines: accepted automatically.
		{
			posting_number: '87654321-0001-1',
			order_number: '87654321-0001',
			in_process_at: minutesAgo(20),
			products: [ozonProduct(2001, 'BEANS-1KG', 'Кофе в зёрнах 1 кг', 2, '1890.000000'), ozonProduct(2004, 'FILTERS', 'Бумажные фильтры (100 шт.)', 1, '490.000000')],
			customer: {
				customer_id: 88001,
				name: 'Алексей Смирнов',
				phone: '',
				address: { address_tail: 'ул. Тверская, д. 7, кв. 3', city: 'Москва', country: 'Россия', region: 'Москва', zip_code: '125009', comment: '' },
			},
			addressee: { name: 'Алексей Смирнов', phone: '' },
		},
		// The grinder is out of stock: rejected automatically.
		{
			posting_number: '87654321-0002-1',
			order_number: '87654321-0002',
			in_process_at: minutesAgo(10),
			products: [ozonProduct(2002, 'GRINDER', 'Ручная кофемолка', 1, '7900.000000')],
		},
	];
}

/** Rows of an ERP without an API (Enova365 states), linked to the shop orders by shopOrderId. */
function genericErpSeed() {
	const at = new Date(Date.now() - 3600000).toISOString();
	const createdAt = new Date(Date.now() - 3 * 86400000).toISOString();
	return [
		{ id: 'ZO/2026/0103', shopOrderId: '1003', status: 'Potwierdzony', updatedAt: at, createdAt, email: CUSTOMERS.pl.email },
		{ id: 'ZO/2026/0104', shopOrderId: '1004', status: 'Zaakceptowany', updatedAt: at, createdAt, email: CUSTOMERS.sv.email },
	];
}

/** IdoSell orders (serial numbers 5001–5002), placed and last changed three days ago (shop-local Warsaw time). */
function idosellSeed() {
	const at = new Date(Date.now() - 3 * 86400000).toLocaleString('sv-SE', { timeZone: 'Europe/Warsaw' });
	const client = (c) => ({ email: c.email, firstName: c.first_name, lastName: c.last_name, phone: c.phone, countryId: c.country, city: c.city, street: c.address_1, zipCode: c.postcode });
	return [
		{ orderSerialNumber: 5001, orderStatus: 'new', orderAddDate: at, orderChangeDate: at, client: client(CUSTOMERS.pl) },
		{ orderSerialNumber: 5002, orderStatus: 'on_order', orderAddDate: at, orderChangeDate: at, client: client(CUSTOMERS.cs) },
	];
}

/** enova365 order documents (ZO) for the IdoSell orders, with the "Potwierdzenie" field the template syncs. */
function enova365Seed() {
	const at = new Date(Date.now() - 3600000).toLocaleString('sv-SE', { timeZone: 'Europe/Warsaw' });
	const createdAt = new Date(Date.now() - 3 * 86400000).toLocaleString('sv-SE', { timeZone: 'Europe/Warsaw' });
	const row = (id, shopOrderId, status, lang) => ({ id, shopOrderId, Potwierdzenie: status, DokumentHandlowy: '', updatedAt: at, createdAt, email: CUSTOMERS[lang].email, language: lang });
	return [row('ZO/2026/5001', '5001', 'Niepotwierdzony', 'pl'), row('ZO/2026/5002', '5002', 'Potwierdzony', 'cs')];
}

/** ZZAP external orders (positions; the two of one buyer at one moment are one order), in Moscow time. */
function zzapSeed() {
	const moscow = (minutes) => new Date(Date.now() + 3 * 3600000 - minutes * 60000).toISOString().slice(0, 19);
	const buyer = { client_name: 'Ольга Иванова', client_email: 'olga.ivanova@example.ru', client_phone: '+7 911 123-45-67', client_region: 'Санкт-Петербург', create_date: moscow(40) };
	return [
		{ ...buyer, partnumber: 'W712/95', class_man: 'MANN-FILTER', class_cat: 'Фильтр масляный', qty_order: 2, price: 690 },
		{ ...buyer, partnumber: 'OC90', class_man: 'KNECHT', class_cat: 'Фильтр масляный', qty_order: 1, price: 540 },
		{ client_name: 'Пётр Петров', client_phone: '+7 903 111-22-33', create_date: moscow(25), partnumber: 'UNKNOWN-77', class_man: 'NoName', class_cat: 'Датчик', qty_order: 1, price: 999 },
	];
}

module.exports = { PRODUCTS, CUSTOMERS, SHOP_ORDERS, PARCEL, wooSeed, pohodaSeed, ozonSeed, ozonProduct, minutesAgo, genericErpSeed, idosellSeed, enova365Seed, zzapSeed };
