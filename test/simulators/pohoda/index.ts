/**
 * A POHODA mServer stand-in, written from Stormware's documentation and XSDs (../shared/pohoda-xsd):
 * GET /status[?companyDetail], POST /xml with one dat:dataPack (listOrderRequest with its filters and limit, the
 * shop's order id, ord:extId, exported only for the system named in @extSystem; received order add/delete in the
 * home or a foreign currency; invoice from order; print to PDF as Base64; address book list by id, IČO or an
 * `AD.<column> = '…'` query, add and update, and an order linked to an address by partnerIdentity/typ:id). Every incoming dataPack is validated with
 * xmllint against data.xsd when the schemas are there (else it says so once, on stderr); an invalid one gets
 * `state="error"` like POHODA. Answers are Windows-1250, requests are handled one at a time, and failures can be
 * injected (HTTP errors, a login page, answers with a DOCTYPE or in the wrong encoding). A small /_sim control
 * surface serves the demo.
 *
 * Run standalone: `npx tsx test/simulators/pohoda/index.ts [port]`
 */
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import * as iconv from 'iconv-lite';
import { DateTime } from 'luxon';
import { leaf, node, optional } from '../../../lib/connectors/pohoda/xml';
import { listen, readBody } from '../../helpers/http-server';
import { pohodaSchemasMissing, validateDataPack } from '../../helpers/xsd';
import { tinyPdf } from './pdf';

export interface SimLine {
	id?: number;
	text: string;
	code?: string;
	quantity: number;
	delivered?: number;
	/** In the document's currency: the foreign one when the order has one */
	unitPrice?: number;
	rateVAT?: string;
	/** Whether unitPrice includes VAT (ord:payVAT, as imported); true when absent */
	payVAT?: boolean;
}

export interface SimPartner {
	/** The address book record the order is linked to (partnerIdentity/typ:id) */
	addressId?: number;
	company?: string;
	name?: string;
	city?: string;
	street?: string;
	zip?: string;
	country?: string;
	phone?: string;
	email?: string;
}

export interface SimOrder {
	id: number;
	number: string;
	extId?: { ids: string; exSystemName: string };
	numberOrder?: string;
	date: string;
	text?: string;
	partner: SimPartner;
	lines: SimLine[];
	/** A foreign-currency document: `rate` units of home currency for `amount` units of `code` */
	currency?: SimCurrency;
	isExecuted: boolean;
	storno: boolean;
	dateCancellation?: string;
	note?: string;
	/** Last change, epoch ms (what lastChanges filters on) */
	changedAt: number;
	invoice?: { id: number; number: string };
}

/** A record of the address book (adresář). */
export interface SimAddress {
	id: number;
	company?: string;
	name?: string;
	city?: string;
	street?: string;
	zip?: string;
	ico?: string;
	country?: string;
	region?: string;
	phone?: string;
	mobil?: string;
	email?: string;
}

/** The SQL POHODA's address book query takes here: `AD.<column> = '<text>'` joined by OR; anything else is refused. */
const ADDRESS_COLUMNS: Record<string, keyof SimAddress> = { Email: 'email', Tel: 'phone', Mobil: 'mobil', ICO: 'ico', Firma: 'company', Jmeno: 'name' };

function addressQuery(sql: string): (a: SimAddress) => boolean {
	const terms = sql.split(/\s+OR\s+/i).map((term) => {
		const match = /^\(?\s*AD\.(\w+)\s*=\s*'((?:[^']|'')*)'\s*\)?$/.exec(term.trim());
		const column = match ? ADDRESS_COLUMNS[match[1]] : undefined;
		if (!match || !column) throw new Error(`Chyba v dotazu SQL: ${term.trim()}`);
		return { column, value: match[2].replace(/''/g, "'") };
	});
	return (a) => terms.some((t) => (a[t.column] ?? '') === t.value);
}

export interface SimCurrency {
	code: string;
	rate: number;
	amount: number;
}

/** Units of CZK for one unit of each currency, the source of the simulator's default exchange rate lists. */
const CZK_PER_UNIT: Record<string, number> = { CZK: 1, EUR: 25.2, USD: 23.4, GBP: 29.6, CHF: 26.1, PLN: 5.9, SEK: 2.2, HUF: 0.064, RUB: 0.27 };

/** An exchange rate list for a home currency, as POHODA keeps it (HUF per 100 units). */
function defaultRates(home: string): Record<string, { rate: number; amount: number }> {
	const homeInCzk = CZK_PER_UNIT[home] ?? 1;
	const rates: Record<string, { rate: number; amount: number }> = {};
	for (const [code, czk] of Object.entries(CZK_PER_UNIT)) {
		if (code === home) continue;
		const amount = code === 'HUF' ? 100 : 1;
		rates[code] = { rate: Math.round((czk / homeInCzk) * amount * 1000) / 1000, amount };
	}
	return rates;
}

/** Answers a real mServer never gives, for the hostile-input tests: the request is handled, its answer spoiled. */
export type HostileAnswer = 'doctype-entity' | 'external-entity' | 'billion-laughs' | 'wrong-encoding';
const HOSTILE: readonly string[] = ['doctype-entity', 'external-entity', 'billion-laughs', 'wrong-encoding'] satisfies HostileAnswer[];

export type SimFailure = '408' | '503' | 'html' | '401' | HostileAnswer;

/** The text the hostile answers' entities stand for: a parser that expands them puts it into the data. */
export const INJECTED = 'INJECTED-BY-ENTITY';

/** An answer as the simulator would send it, spoiled the `kind` way. */
function spoiled(xml: string, kind: HostileAnswer, canaryUrl: string): Buffer {
	const declaration = /^<\?xml[^>]*\?>\n?/.exec(xml)?.[0] ?? '';
	const body = xml.slice(declaration.length);
	// The first element's content, where an entity reference is allowed and seen.
	const intoContent = (reference: string) => body.replace(/^(<[^>]*[^/]>)/, `$1${reference}`);
	switch (kind) {
		case 'wrong-encoding':
			// Declares Windows-1250, but the bytes are UTF-8 (a proxy re-encoded the answer).
			return Buffer.from(`${declaration}<!-- Žluťoučký kůň úpěl ďábelské ódy -->\n${body}`, 'utf8');
		case 'doctype-entity':
			return iconv.encode(`${declaration}<!DOCTYPE root [<!ENTITY injected "${INJECTED}">]>\n${intoContent('&injected;')}`, 'win1250');
		case 'external-entity':
			return iconv.encode(`${declaration}<!DOCTYPE root [<!ENTITY injected SYSTEM "${canaryUrl}">]>\n${intoContent('&injected;')}`, 'win1250');
		case 'billion-laughs': {
			const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
			return iconv.encode(`${declaration}<!DOCTYPE root [<!ENTITY lol0 "${INJECTED}">${levels}]>\n${intoContent('&lol9;')}`, 'win1250');
		}
	}
}

export interface PohodaSimulatorOptions {
	port?: number;
	latencyMs?: number;
	/** user name -> password */
	users?: Record<string, string>;
	ico?: string;
	company?: string;
	year?: string;
	/** Time zone of the POHODA machine (its local time is what lastChanges and dateTimeStamp use) */
	timeZone?: string;
	/** Validate incoming dataPacks with xmllint (default: when the schemas and xmllint are there) */
	validate?: boolean;
	/** The accounting unit's currency: CZK (default), EUR for POHODA SK */
	homeCurrency?: string;
	/** The foreign currencies POHODA knows, with the rate it takes when an import gives none */
	exchangeRates?: Record<string, { rate: number; amount: number }>;
}

export interface ReceivedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	/** The decoded dataPack for POST /xml */
	body?: string;
}

const NS = 'http://www.stormware.cz/schema/version_2';
const RESPONSE_NS = ['rsp:response.xsd', 'rdc:documentresponse.xsd', 'typ:type.xsd', 'lst:list.xsd', 'ord:order.xsd', 'inv:invoice.xsd', 'prn:print.xsd', 'lAdb:list_addBook.xsd', 'adb:addressbook.xsd']
	.map((entry) => {
		const [prefix, file] = entry.split(':');
		return ` xmlns:${prefix}="${NS}/${file}"`;
	})
	.join('');

const REPEATING = new Set(['dataPackItem', 'orderItem', 'number', 'link']);
const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	removeNSPrefix: true,
	parseTagValue: false,
	htmlEntities: true,
	isArray: (name) => REPEATING.has(name),
});

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value && typeof value === 'object' ? (value as Obj) : {});
const str = (value: unknown): string | undefined => {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'object') return str((value as Obj)['#text']);
	return String(value);
};

let toldNotValidating = false;

/** Whether the schemas and xmllint are there; when not, says once that requests go unvalidated. */
function schemasAvailable(): boolean {
	const missing = pohodaSchemasMissing();
	if (missing && !toldNotValidating) {
		toldNotValidating = true;
		process.stderr.write(`POHODA simulator: requests are not validated against POHODA's XML schemas: ${missing}\n`);
	}
	return !missing;
}

export async function startPohodaSimulator(options: PohodaSimulatorOptions = {}) {
	const users = options.users ?? { admin: 'heslo' };
	const ico = options.ico ?? '12345678';
	const company = options.company ?? 'Účetní jednotka Žluťoučký kůň s.r.o.';
	const year = options.year ?? String(new Date().getFullYear());
	const timeZone = options.timeZone ?? 'Europe/Prague';
	const latencyMs = options.latencyMs ?? 0;
	const validate = options.validate !== false && schemasAvailable();
	const homeCurrency = options.homeCurrency ?? 'CZK';
	const exchangeRates = options.exchangeRates ?? defaultRates(homeCurrency);

	const orders = new Map<number, SimOrder>();
	const addressBook = new Map<number, SimAddress>();
	let nextAddressId = 1;
	const invoices = new Map<number, { id: number; number: string; orderId: number }>();
	const requests: ReceivedRequest[] = [];
	const failures: SimFailure[] = [];
	const seenPacks = new Set<string>();
	let nextOrderId = 1;
	let nextInvoiceId = 1;
	let inFlight = 0;
	let maxInFlight = 0;
	let queue: Promise<void> = Promise.resolve();
	/** How the answer being written is to be spoiled */
	let hostile: HostileAnswer | undefined;
	/** Requests for the external entity of a hostile answer: a client that resolved it would fetch this */
	let canaryHits = 0;
	let baseUrl = '';
	/** An answer in Windows-1250, as mServer sends it, or spoiled when a hostile answer is due. */
	const encodeAnswer = (xml: string): Buffer => (hostile ? spoiled(xml, hostile, `${baseUrl}/_sim/canary`) : iconv.encode(xml, 'win1250'));
	/** Called between the pages of a list answer (tests use it to change data mid-poll) */
	let onList: ((request: Obj) => void) | undefined;

	const localNow = () => DateTime.now().setZone(timeZone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
	const today = () => localNow().slice(0, 10);
	const touch = (order: SimOrder) => {
		order.changedAt = Date.now();
	};

	function seed(list: Array<Partial<SimOrder> & { lines?: SimLine[] }>): SimOrder[] {
		return list.map((input) => {
			const id = input.id ?? nextOrderId;
			nextOrderId = Math.max(nextOrderId, id + 1);
			const order: SimOrder = {
				number: `OP${String(id).padStart(5, '0')}`,
				date: today(),
				partner: {},
				isExecuted: false,
				storno: false,
				changedAt: Date.now(),
				...input,
				id,
				lines: (input.lines ?? []).map((line, i) => ({ id: id * 1000 + i + 1, ...line })),
			};
			orders.set(id, order);
			return order;
		});
	}

	function mustGet(id: number): SimOrder {
		const order = orders.get(Number(id));
		if (!order) throw new Error(`simulator has no order ${id}`);
		return order;
	}

	function createInvoice(order: SimOrder) {
		const invoice = { id: nextInvoiceId++, number: `FV${year}${String(nextInvoiceId - 1).padStart(4, '0')}`, orderId: order.id };
		invoices.set(invoice.id, invoice);
		order.invoice = { id: invoice.id, number: invoice.number };
		order.isExecuted = true;
		for (const line of order.lines) line.delivered = line.quantity;
		touch(order);
		return invoice;
	}

	const controls = {
		setExecuted(id: number) {
			const order = mustGet(id);
			order.isExecuted = true;
			touch(order);
		},
		cancel(id: number) {
			const order = mustGet(id);
			order.storno = true;
			order.dateCancellation = today();
			touch(order);
		},
		/** Changes a line (by index) or adds one when `index` is past the end; `null` removes it */
		editLine(id: number, index: number, change: Partial<SimLine> | null) {
			const order = mustGet(id);
			if (change === null) order.lines.splice(index, 1);
			else if (index >= order.lines.length) order.lines.push({ id: id * 1000 + order.lines.length + 1, text: 'item', quantity: 1, ...change });
			else Object.assign(order.lines[index], change);
			touch(order);
		},
		invoice(id: number) {
			return createInvoice(mustGet(id));
		},
	};

	// ---------- XML answers ----------

	function address(name: string, p: SimPartner): string {
		return optional(name, [
			leaf('typ:company', p.company),
			leaf('typ:name', p.name),
			leaf('typ:city', p.city),
			leaf('typ:street', p.street),
			leaf('typ:zip', p.zip),
			p.country ? node('typ:country', leaf('typ:ids', p.country)) : '',
			leaf('typ:phone', p.phone),
			leaf('typ:email', p.email),
		]);
	}

	/** An order as listed; its shop id (ord:extId) only for the external system the request named in @extSystem. */
	function orderXml(order: SimOrder, extSystem: string | undefined): string {
		const foreign = order.currency;
		const money = (value: number) => Math.round(value * 100) / 100;
		/** A document-currency amount in the home currency */
		const home = (value: number) => (foreign ? money((value * foreign.rate) / foreign.amount) : value);
		const lineSum = (l: SimLine) => (l.unitPrice === undefined || !Number.isFinite(l.quantity) ? undefined : money(l.unitPrice * l.quantity));
		const sum = (rate: string) =>
			money(order.lines.filter((l) => (l.rateVAT ?? 'high') === rate).reduce((total, l) => total + home(lineSum(l) ?? 0), 0));
		const prices = (name: string, l: SimLine, convert: (value: number) => number) => {
			const total = lineSum(l);
			return optional(name, [
				leaf('typ:unitPrice', l.unitPrice === undefined ? undefined : convert(l.unitPrice)),
				leaf('typ:priceSum', total === undefined ? undefined : convert(total)),
			]);
		};
		return node(
			'lst:order',
			[
				node('ord:orderHeader', [
					leaf('ord:id', order.id),
					order.extId && order.extId.exSystemName === extSystem ? node('ord:extId', [leaf('typ:ids', order.extId.ids), leaf('typ:exSystemName', order.extId.exSystemName)]) : '',
					leaf('ord:orderType', 'receivedOrder'),
					order.storno ? leaf('ord:storno', 'cancelledDocument') : '',
					node('ord:number', leaf('typ:numberRequested', order.number)),
					leaf('ord:numberOrder', order.numberOrder),
					leaf('ord:date', order.date),
					leaf('ord:text', order.text),
					node('ord:partnerIdentity', address('typ:address', order.partner)),
					leaf('ord:isExecuted', String(order.isExecuted)),
					leaf('ord:isDelivered', String(order.lines.length > 0 && order.lines.every((l) => (l.delivered ?? 0) >= l.quantity))),
					leaf('ord:dateCancellation', order.dateCancellation),
					leaf('ord:note', order.note),
				]),
				order.lines.length
					? node(
							'ord:orderDetail',
							order.lines.map((line) =>
								node('ord:orderItem', [
									leaf('ord:id', line.id),
									leaf('ord:text', line.text),
									leaf('ord:quantity', line.quantity),
									leaf('ord:delivered', line.delivered ?? 0),
									leaf('ord:unit', 'ks'),
									leaf('ord:payVAT', String(line.payVAT ?? true)),
									leaf('ord:rateVAT', line.rateVAT ?? 'high'),
									prices('ord:homeCurrency', line, home),
									foreign ? prices('ord:foreignCurrency', line, (value) => value) : '',
									leaf('ord:code', line.code),
								]),
							),
						)
					: '',
				node('ord:orderSummary', [
					node('ord:homeCurrency', [
						leaf('typ:priceNone', sum('none')),
						leaf('typ:priceLowSum', sum('low')),
						leaf('typ:priceHighSum', sum('high')),
					]),
					foreign
						? node('ord:foreignCurrency', [
								node('typ:currency', leaf('typ:ids', foreign.code)),
								leaf('typ:rate', foreign.rate),
								leaf('typ:amount', foreign.amount),
								leaf('typ:priceSum', money(order.lines.reduce((total, l) => total + (lineSum(l) ?? 0), 0))),
							])
						: '',
				]),
				order.invoice
					? node(
							'ord:linkedDocuments',
							node('typ:link', [
								leaf('typ:sourceAgenda', 'issuedInvoice'),
								node('typ:sourceDocument', [leaf('typ:id', order.invoice.id), leaf('typ:number', order.invoice.number)]),
							]),
						)
					: '',
			],
			{ version: '2.0' },
		);
	}

	function pack(id: string, items: string[], state = 'ok', note?: string): Buffer {
		const xml =
			`<?xml version="1.0" encoding="Windows-1250"?>\n` +
			node('rsp:responsePack', items, { version: '2.0', id, state, programVersion: '13900.208 (20.10.2025)', ico, note: note ?? '' }).replace(
				'<rsp:responsePack ',
				`<rsp:responsePack${RESPONSE_NS} `,
			);
		return encodeAnswer(xml);
	}

	const packItem = (id: string, body: string, state = 'ok', note?: string) =>
		node('rsp:responsePackItem', body, { version: '2.0', id, state, note });

	function documentResponse(name: string, state: string, details: Array<{ state: string; note: string; errno?: number; xpath?: string }>, produced?: string) {
		return node(
			name,
			[
				details.length
					? node(
							'rdc:importDetails',
							details.map((d) =>
								node('rdc:detail', [leaf('rdc:state', d.state), leaf('rdc:errno', d.errno), leaf('rdc:note', d.note), leaf('rdc:XPath', d.xpath)]),
							),
						)
					: '',
				produced ?? '',
			],
			{ version: '2.0', state },
		);
	}

	// ---------- agenda handlers ----------

	async function listOrders(itemId: string, request: Obj): Promise<string> {
		const filter = obj(obj(request.requestOrder).filter);
		const limit = obj(request.limit);
		const lastChanges = str(filter.lastChanges);
		const since = lastChanges ? DateTime.fromISO(lastChanges, { zone: timeZone }).toMillis() : undefined;
		const ext = filter.extId ? obj(filter.extId) : undefined;
		const numbers = filter.selectedNumbers ? ((obj(filter.selectedNumbers).number as Obj[]) ?? []).map((n) => str(n.numberRequested)) : undefined;
		const idFrom = Number(str(limit.idFrom) ?? 0);
		const count = Number(str(limit.count) ?? Number.MAX_SAFE_INTEGER);
		const stamp = localNow();
		const selected = [...orders.values()]
			.filter((o) => (filter.id === undefined ? true : o.id === Number(str(filter.id))))
			.filter((o) => (ext ? o.extId?.ids === str(ext.ids) && o.extId?.exSystemName === str(ext.exSystemName) : true))
			.filter((o) => (numbers ? numbers.includes(o.number) : true))
			.filter((o) => (filter.dateFrom ? o.date >= String(str(filter.dateFrom)) : true))
			.filter((o) => (filter.dateTill ? o.date <= String(str(filter.dateTill)) : true))
			.filter((o) => (since === undefined ? true : o.changedAt >= since))
			.filter((o) => o.id >= idFrom)
			.sort((a, b) => a.id - b.id)
			.slice(0, count);
		const extSystem = str(request['@extSystem']);
		const body = selected.map((order) => orderXml(order, extSystem));
		onList?.(request);
		return packItem(itemId, node('lst:listOrder', body, { version: '2.0', dateTimeStamp: stamp, dateValidFrom: stamp.slice(0, 10), state: 'ok' }));
	}

	function addOrder(itemId: string, order: Obj): string {
		const header = obj(order.orderHeader);
		const action = obj(order.actionType);
		if ('delete' in action) {
			const id = Number(str(obj(obj(action.delete).filter).id));
			if (!orders.delete(id)) return packItem(itemId, documentResponse('ord:orderResponse', 'error', [{ state: 'error', errno: 102, note: `Záznam ${id} nebyl nalezen.` }]), 'error');
			return packItem(itemId, documentResponse('ord:orderResponse', 'ok', [], node('rdc:producedDetails', [leaf('rdc:id', id), leaf('rdc:actionType', 'delete')])));
		}
		if (str(header.orderType) !== 'receivedOrder') {
			return packItem(itemId, documentResponse('ord:orderResponse', 'error', [{ state: 'error', errno: 101, note: 'Simulátor podporuje jen přijaté objednávky.', xpath: '/dat:dataPack/dat:dataPackItem/ord:order/ord:orderHeader/ord:orderType' }]), 'error');
		}
		const partner = obj(obj(header.partnerIdentity).address);
		const partnerId = str(obj(header.partnerIdentity).id);
		const linked = partnerId === undefined ? undefined : addressBook.get(Number(partnerId));
		if (partnerId !== undefined && !linked) {
			return packItem(itemId, documentResponse('ord:orderResponse', 'error', [{ state: 'error', errno: 102, note: `Adresa ${partnerId} nebyla v adresáři nalezena.`, xpath: '/dat:dataPack/dat:dataPackItem/ord:order/ord:orderHeader/ord:partnerIdentity/typ:id' }]), 'error');
		}
		const details: Array<{ state: string; note: string; xpath?: string }> = [];
		if (!header.date) details.push({ state: 'warning', note: 'Datum dokladu nebylo zadáno, použito dnešní datum.', xpath: '/dat:dataPack/dat:dataPackItem/ord:order/ord:orderHeader/ord:date' });
		const ext = header.extId ? obj(header.extId) : undefined;
		const foreignSummary = obj(order.orderSummary).foreignCurrency;
		let currency: SimCurrency | undefined;
		if (foreignSummary) {
			const foreign = obj(foreignSummary);
			const code = str(obj(foreign.currency).ids) ?? '';
			const known = Object.hasOwn(exchangeRates, code) ? exchangeRates[code] : undefined;
			if (!known) {
				return packItem(itemId, documentResponse('ord:orderResponse', 'error', [{ state: 'error', errno: 102, note: `Cizí měna ${code} nebyla nalezena v seznamu cizích měn.`, xpath: '/dat:dataPack/dat:dataPackItem/ord:order/ord:orderSummary/ord:foreignCurrency/typ:currency' }]), 'error');
			}
			// Without a rate POHODA takes its exchange rate list's.
			const rate = str(foreign.rate);
			currency = rate === undefined ? { code, ...known } : { code, rate: Number(rate), amount: Number(str(foreign.amount) ?? 1) };
		}
		// POHODA reads a foreign-currency document's prices from foreignCurrency and ignores the home ones, and the reverse.
		const priceOf = (item: Obj) => {
			const price = str(obj(currency ? item.foreignCurrency : item.homeCurrency).unitPrice);
			return price === undefined ? undefined : Number(price);
		};
		const [created] = seed([
			{
				extId: ext ? { ids: String(str(ext.ids)), exSystemName: String(str(ext.exSystemName)) } : undefined,
				numberOrder: str(header.numberOrder),
				date: str(header.date) ?? today(),
				text: str(header.text),
				note: str(header.note),
				partner: {
					addressId: linked?.id,
					company: str(partner.company),
					name: str(partner.name),
					city: str(partner.city),
					street: str(partner.street),
					zip: str(partner.zip),
					country: str(obj(partner.country).ids),
					phone: str(partner.phone),
					email: str(partner.email),
				},
				lines: ((obj(order.orderDetail).orderItem as Obj[] | undefined) ?? []).map((item) => ({
					text: str(item.text) ?? '',
					code: str(item.code),
					quantity: Number(str(item.quantity) ?? 1),
					unitPrice: priceOf(item),
					rateVAT: str(item.rateVAT),
					payVAT: str(item.payVAT) === 'true',
				})),
				currency,
			},
		]);
		return packItem(
			itemId,
			documentResponse('ord:orderResponse', 'ok', details, node('rdc:producedDetails', [leaf('rdc:id', created.id), leaf('rdc:number', created.number), leaf('rdc:actionType', 'add')])),
		);
	}

	function addressXml(a: SimAddress): string {
		return node('adb:addressbook', [
			node('adb:addressbookHeader', [
				leaf('adb:id', a.id),
				node('adb:identity', optional('typ:address', [
					leaf('typ:company', a.company),
					leaf('typ:name', a.name),
					leaf('typ:city', a.city),
					leaf('typ:street', a.street),
					leaf('typ:zip', a.zip),
					leaf('typ:ico', a.ico),
					a.country ? node('typ:country', leaf('typ:ids', a.country)) : '',
				])),
				leaf('adb:region', a.region),
				leaf('adb:phone', a.phone),
				leaf('adb:mobil', a.mobil),
				leaf('adb:email', a.email),
			]),
		], { version: '2.0' });
	}

	function listAddresses(itemId: string, request: Obj): string {
		const requestAdb = obj(request.requestAddressBook);
		const filter = obj(requestAdb.filter);
		const sql = str(obj(requestAdb.queryFilter).filter);
		let query: (a: SimAddress) => boolean = () => true;
		if (sql) {
			try {
				query = addressQuery(sql);
			} catch (error) {
				return packItem(itemId, documentResponse('lAdb:listAddressBook', 'error', [{ state: 'error', errno: 110, note: (error as Error).message }]), 'error');
			}
		}
		const selected = [...addressBook.values()]
			.filter((a) => (filter.id === undefined ? true : a.id === Number(str(filter.id))))
			.filter((a) => (filter.ico === undefined ? true : a.ico === str(filter.ico)))
			.filter((a) => (filter.name === undefined ? true : a.name === str(filter.name)))
			.filter(query)
			.sort((a, b) => a.id - b.id);
		const stamp = localNow();
		return packItem(itemId, node('lAdb:listAddressBook', selected.map(addressXml), { version: '2.0', dateTimeStamp: stamp, dateValidFrom: stamp.slice(0, 10), state: 'ok' }));
	}

	function saveAddress(itemId: string, record: Obj): string {
		const action = obj(record.actionType);
		const header = obj(record.addressbookHeader);
		const identity = obj(obj(header.identity).address);
		const fields: Partial<SimAddress> = {
			company: str(identity.company),
			name: str(identity.name),
			city: str(identity.city),
			street: str(identity.street),
			zip: str(identity.zip),
			ico: str(identity.ico),
			country: str(obj(identity.country).ids),
			region: str(header.region),
			phone: str(header.phone),
			mobil: str(header.mobil),
			email: str(header.email),
		};
		const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
		if ('update' in action) {
			const id = Number(str(obj(obj(action.update).filter).id));
			const existing = addressBook.get(id);
			if (!existing) return packItem(itemId, documentResponse('adb:addressbookResponse', 'error', [{ state: 'error', errno: 102, note: `Záznam ${id} nebyl nalezen.` }]), 'error');
			Object.assign(existing, given);
			return packItem(itemId, documentResponse('adb:addressbookResponse', 'ok', [], node('rdc:producedDetails', [leaf('rdc:id', id), leaf('rdc:actionType', 'update')])));
		}
		if (!given.name && !given.company) {
			return packItem(itemId, documentResponse('adb:addressbookResponse', 'error', [{ state: 'error', errno: 101, note: 'Adresa musí mít vyplněnou firmu nebo jméno.' }]), 'error');
		}
		const created: SimAddress = { id: nextAddressId++, ...given };
		addressBook.set(created.id, created);
		return packItem(itemId, documentResponse('adb:addressbookResponse', 'ok', [], node('rdc:producedDetails', [leaf('rdc:id', created.id), leaf('rdc:actionType', 'add')])));
	}

	function addInvoice(itemId: string, invoice: Obj): string {
		const link = ((obj(invoice.links).link as Obj[] | undefined) ?? [])[0];
		const orderId = Number(str(obj(obj(link).sourceDocument).id));
		const order = orders.get(orderId);
		if (!link || str(obj(link).sourceAgenda) !== 'receivedOrder' || !order) {
			return packItem(itemId, documentResponse('inv:invoiceResponse', 'error', [{ state: 'error', errno: 102, note: `Zdrojový doklad (přijatá objednávka ${orderId}) nebyl nalezen.`, xpath: '/dat:dataPack/dat:dataPackItem/inv:invoice/inv:links' }]), 'error');
		}
		if (order.storno) {
			return packItem(itemId, documentResponse('inv:invoiceResponse', 'error', [{ state: 'error', errno: 103, note: `Objednávka ${order.number} je stornována.` }]), 'error');
		}
		const created = createInvoice(order);
		return packItem(itemId, documentResponse('inv:invoiceResponse', 'ok', [], node('rdc:producedDetails', [leaf('rdc:id', created.id), leaf('rdc:number', created.number), leaf('rdc:actionType', 'add')])));
	}

	function print(itemId: string, request: Obj): string {
		const record = obj(request.record);
		const agenda = str(record['@agenda']);
		const id = Number(str(obj(record.filter).id));
		const settings = obj(request.printerSettings);
		const reportId = str(obj(settings.report).id);
		const pdf = obj(settings.pdf);
		const invoice = invoices.get(id);
		if (agenda !== 'vydane_faktury' || !invoice) {
			return packItem(itemId, documentResponse('prn:printResponse', 'error', [{ state: 'error', errno: 102, note: `Záznam ${id} v agendě ${agenda} nebyl nalezen.` }]), 'error');
		}
		const data = tinyPdf(`Faktura ${invoice.number}`).toString('base64');
		const attachment = node('rdc:attachment', [leaf('rdc:idReport', reportId), node('rdc:data', data, { fileName: str(pdf.fileName), code: 'base64' })]);
		return packItem(itemId, documentResponse('prn:printResponse', 'ok', [], node('rdc:printDetails', node('rdc:attachments', attachment))));
	}

	// ---------- HTTP ----------

	function authorized(req: http.IncomingMessage): boolean {
		const header = req.headers['stw-authorization'];
		const match = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
		if (!match) return false;
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		return colon > 0 && users[decoded.slice(0, colon)] === decoded.slice(colon + 1);
	}

	function send(res: http.ServerResponse, status: number, body: Buffer | string, type = 'text/xml') {
		// mServer compresses answers when the client accepts it.
		const accepts = String(res.req.headers['accept-encoding'] ?? '');
		const headers: http.OutgoingHttpHeaders = { 'Content-Type': type };
		let payload = typeof body === 'string' ? Buffer.from(body) : body;
		if (payload.length > 1024 && /\bgzip\b/.test(accepts)) {
			payload = zlib.gzipSync(payload);
			headers['Content-Encoding'] = 'gzip';
		}
		headers['Content-Length'] = payload.length;
		res.writeHead(status, headers);
		res.end(payload);
	}

	async function handleXml(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
		const encoding = req.headers['content-encoding'];
		const bytes = encoding === 'gzip' ? zlib.gunzipSync(raw) : encoding === 'deflate' ? zlib.inflateSync(raw) : raw;
		const declared = /encoding\s*=\s*["']([^"']+)/i.exec(bytes.subarray(0, 120).toString('latin1'))?.[1]?.toLowerCase() ?? 'utf-8';
		const xml = declared.includes('1250') ? iconv.decode(bytes, 'win1250') : bytes.toString('utf8');
		requests[requests.length - 1].body = xml;
		const doc = obj(parser.parse(xml));
		const dataPack = obj(doc.dataPack);
		const packId = str(dataPack['@id']) ?? '';
		if (validate) {
			const errors = await validateDataPack(bytes);
			if (errors.length) return send(res, 200, pack(packId, [], 'error', `Chyba XML: ${errors[0].replace(/^-:/, 'řádek ')}`));
		}
		if (str(dataPack['@ico']) !== ico) {
			return send(res, 200, pack(packId, [], 'error', `IČO ${str(dataPack['@ico']) ?? ''} v XML neodpovídá účetní jednotce (IČO ${ico}).`));
		}
		const checkDuplicity = String(req.headers['stw-check-duplicity'] ?? '').toLowerCase() === 'true';
		const answers: string[] = [];
		for (const item of (dataPack.dataPackItem as Obj[] | undefined) ?? []) {
			const itemId = str(item['@id']) ?? '';
			const key = `${packId}\u0000${itemId}`;
			if (checkDuplicity && seenPacks.has(key) && !item.listOrderRequest && !item.listAddressBookRequest && !item.print) {
				answers.push(packItem(itemId, node('rsp:errorDetail', ''), 'error', `Duplicitní dávka: položka ${itemId} dávky ${packId} již byla zpracována.`));
				continue;
			}
			seenPacks.add(key);
			try {
				if (item.listOrderRequest) answers.push(await listOrders(itemId, obj(item.listOrderRequest)));
				else if (item.order) answers.push(addOrder(itemId, obj(item.order)));
				else if (item.invoice) answers.push(addInvoice(itemId, obj(item.invoice)));
				else if (item.print) answers.push(print(itemId, obj(item.print)));
				else if (item.listAddressBookRequest) answers.push(listAddresses(itemId, obj(item.listAddressBookRequest)));
				else if (item.addressbook) answers.push(saveAddress(itemId, obj(item.addressbook)));
				else answers.push(packItem(itemId, '', 'error', 'Simulátor tuto agendu nepodporuje.'));
			} catch (error) {
				answers.push(packItem(itemId, '', 'error', (error as Error).message));
			}
		}
		send(res, 200, pack(packId, answers));
	}

	async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer) {
		const json = (status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json');
		const match = /^\/_sim\/orders\/(\d+)\/(execute|cancel|invoice|lines)$/.exec(url.pathname);
		try {
			if (req.method === 'GET' && url.pathname === '/_sim/orders') return json(200, [...orders.values()]);
			if (req.method === 'POST' && url.pathname === '/_sim/orders') {
				const input = JSON.parse(raw.toString('utf8') || '[]');
				return json(201, seed(Array.isArray(input) ? input : [input]));
			}
			if (req.method === 'POST' && match) {
				const id = Number(match[1]);
				if (match[2] === 'execute') controls.setExecuted(id);
				else if (match[2] === 'cancel') controls.cancel(id);
				else if (match[2] === 'invoice') controls.invoice(id);
				else {
					const { index, change } = JSON.parse(raw.toString('utf8') || '{}');
					controls.editLine(id, Number(index), change ?? null);
				}
				return json(200, orders.get(id));
			}
			return json(404, { error: 'unknown simulator control' });
		} catch (error) {
			return json(400, { error: (error as Error).message });
		}
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://sim');
		const raw = await readBody(req);
		if (url.pathname === '/_sim/canary') {
			canaryHits++;
			return send(res, 200, 'fetched', 'text/plain');
		}
		if (url.pathname.startsWith('/_sim/')) return handleControl(req, res, url, raw);
		requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers });
		if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
		const failure = failures.shift();
		hostile = failure && HOSTILE.includes(failure) ? (failure as HostileAnswer) : undefined;
		if (failure === '408') return send(res, 408, 'Request Timeout', 'text/plain');
		if (failure === '503') return send(res, 503, 'Service Unavailable', 'text/plain');
		if (failure === '401') return send(res, 401, 'Unauthorized', 'text/plain');
		if (failure === 'html') {
			return send(res, 200, '<!DOCTYPE html><html><head><title>Přihlášení</title></head><body><form>Login</form></body></html>', 'text/html; charset=utf-8');
		}
		if (url.pathname === '/status' && req.method === 'GET') {
			const detail = url.searchParams.has('companyDetail');
			if (detail && !authorized(req)) return send(res, 401, 'Unauthorized', 'text/plain');
			const xml =
				`<?xml version="1.0" encoding="Windows-1250"?>\n` +
				node('mServer', [
					leaf('name', 'simulátor'),
					leaf('server', `http://${req.headers.host}`),
					leaf('status', 'idle'),
					leaf('processing', 0),
					detail
						? node('companyDetail', [leaf('company', company), leaf('ico', ico), leaf('databaseName', `StwPh_${ico}_${year}`), leaf('year', year)])
						: '',
				]);
			return send(res, 200, encodeAnswer(xml));
		}
		if (url.pathname !== '/xml') return send(res, 404, 'Not Found', 'text/plain');
		if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', 'text/plain');
		if (!authorized(req)) return send(res, 401, 'Unauthorized', 'text/plain');
		await handleXml(req, res, raw);
	}

	const running = await listen((req, res) => {
		if (!req.url?.startsWith('/_sim/')) {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			res.on('close', () => inFlight--);
		}
		// mServer works through requests one at a time, in arrival order.
		queue = queue.then(() =>
			handle(req, res).catch((error) => {
				if (!res.headersSent) send(res, 500, `simulator error: ${(error as Error).message}`, 'text/plain');
			}),
		);
	}, options.port);
	baseUrl = running.url;

	return {
		url: running.url,
		ico,
		homeCurrency,
		company,
		year,
		orders,
		invoices,
		requests,
		addressBook,
		/** Puts records into the address book; returns them with their ids. */
		seedAddresses(records: Array<Omit<SimAddress, 'id'>>): SimAddress[] {
			return records.map((record) => {
				const created = { id: nextAddressId++, ...record };
				addressBook.set(created.id, created);
				return created;
			});
		},
		...controls,
		seed,
		failNext(kind: SimFailure, times = 1) {
			for (let i = 0; i < times; i++) failures.push(kind);
		},
		/** How often the external entity of a hostile answer was fetched (0 unless a client resolved it) */
		get canaryHits() {
			return canaryHits;
		},
		/** The most requests ever waiting at once (1 when clients never fan out against mServer) */
		get maxInFlight() {
			return maxInFlight;
		},
		onList(hook: ((request: Obj) => void) | undefined) {
			onList = hook;
		},
		close: running.close,
	};
}

export type PohodaSimulator = Awaited<ReturnType<typeof startPohodaSimulator>>;

if (require.main === module) {
	const port = Number(process.argv[2] ?? process.env.POHODA_SIM_PORT ?? 0);
	void startPohodaSimulator({ port }).then((sim) => {
		sim.seed([
			{
				partner: { name: 'Jan Novák', email: 'jan.novak@example.cz', city: 'Brno', country: 'CZ' },
				extId: { ids: '1001', exSystemName: 'eshop' },
				lines: [{ text: 'Čaj zelený', code: 'CAJ-01', quantity: 2, unitPrice: 89 }],
			},
		]);
		process.stdout.write(`POHODA mServer simulator on ${sim.url} (user admin / heslo, IČO ${sim.ico})\n`);
	});
}
