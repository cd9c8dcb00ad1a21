import { randomBytes } from 'node:crypto';
import type { Order, Tracking } from '../../model';
import {
	HttpError,
	HttpTransport,
	rateLimiterFor,
	VendorError,
	type BudgetFactory,
	type HttpMethod,
	type HttpRequest,
	type HttpResponse,
	type HttpSend,
} from '../../transport';
import type { ConnectionCheck, Fulfilment, FulfilmentLine, OrderQuery, OrderResult, ShopOwnMail, ShopStatus, StatusUpdate } from '../shop';
import {
	canonicalOfState,
	englishLanguageId,
	fieldsOf,
	readAddress,
	readCarrier,
	readCustomer,
	readLanguage,
	readOrder,
	readOrderCarrier,
	readOrderState,
	stateName,
	SYSTEM,
	toOrder,
	type OrderContext,
} from './mapping';
import { isTimeZone, shiftShopTime, shopTimeFilterAfter, shopTimeToIso } from './time';
import type { PsAddress, PsCarrier, PsCustomer, PsLanguage, PsOrder, PsOrderCarrier, PsOrderState } from './wire';
import { listOf, parsePs, psDocument, psErrorsOf, VENDOR, type XmlNode } from './xml';

/** PrestaShop has no rate limit of its own; shops mostly run on shared hosting, so requests are paced politely. */
export const PRESTASHOP_RATE_LIMIT = { perSecond: 10, burst: 10 };
const PAGE_SIZE = 50;
/** Ids per `filter[id]=[1|2|…]` request, to keep URLs short. */
const IDS_PER_REQUEST = 50;
/** `Validate::isTrackingNumber` */
const TRACKING_NUMBER = /^[~:#,%&_=()[\].? +\-@/a-zA-Z0-9]+$/;

export interface PrestaShopSettings {
	/**
	 * The shop's time zone (Localization → Configuration), in which PrestaShop keeps every date without an offset.
	 * When absent it is read from `configurations` (PS_TIMEZONE), which the key must then be allowed to read.
	 */
	timeZone?: string;
	/** `friendly`: /api/orders (URL rewriting on, the default); `query`: /api/?url=orders */
	urlForm?: 'friendly' | 'query';
	/** The employee customer-visible messages are written as (0 would show them as the customer's own); default 1 */
	employeeId?: number;
}

export interface PrestaShopOptions {
	url: string;
	send: HttpSend;
	budget?: BudgetFactory;
	/** Who shares the pace: the shop URL unless told */
	accountKey?: string;
	settings?: PrestaShopSettings & Record<string, unknown>;
	timeoutMs?: number;
	transport?: Partial<Pick<ConstructorParameters<typeof HttpTransport>[0], 'retry' | 'rateLimiter' | 'sleep'>>;
}

type Root = Record<string, XmlNode | XmlNode[] | undefined>;

/** A failure after which the request may have run: no answer at all, or a gateway that gave up waiting. */
const mayHaveRun = (error: unknown) =>
	error instanceof HttpError && ([500, 502, 504].includes(error.status) || (error.status === 0 && !['ECONNREFUSED', 'EAI_AGAIN'].includes(error.code ?? '')));

const isStatus = (error: unknown, status: number) => error instanceof HttpError && error.status === status;

/** The webservice's error list as one sentence; what an empty or text body means. */
export function describePsError(response: HttpResponse): string | undefined {
	const body = response.body.toString('utf8');
	const errors = psErrorsOf(body);
	if (errors.length) return errors.map((e) => `${e.message} (code ${e.code})`).join('; ');
	if (body.trim()) return `"${body.trim().slice(0, 200)}"`;
	if (response.status === 500) return 'an empty body: PrestaShop failed without saying why (the shop’s PHP error log has it)';
	return undefined;
}

function assertOrderId(orderId: string): string {
	const id = String(orderId ?? '').trim();
	if (!id) throw new VendorError(VENDOR, `No PrestaShop order id: the incoming order has none for this shop (order.externalIds.prestashop); fill in "Order ID"`);
	if (!/^\d+$/.test(id)) {
		throw new VendorError(VENDOR, `"${id}" is not a PrestaShop order id: give the numeric id (e.g. 42), not the order reference`);
	}
	return id;
}

/** Rights every order read needs: the order, what it refers to, and its state history (the trigger). */
const READ_RIGHTS = ['orders', 'order_states', 'order_histories', 'order_carriers', 'customers', 'addresses', 'countries', 'currencies', 'languages', 'carriers'];
/** Rights of single operations, with the operation that needs them. */
const OPERATION_RIGHTS: Array<[resource: string, method: string, operation: string]> = [
	['order_histories', 'POST', 'Update Status'],
	['order_carriers', 'PUT', 'Set Tracking'],
	['customer_threads', 'GET', 'Add Note'],
	['customer_threads', 'POST', 'Add Note'],
	['customer_messages', 'POST', 'Add Note'],
	['stock_availables', 'GET', 'Derive Fulfilment'],
];
/** Where a merchant stops a state's customer mail. */
const stateMailSetting = (label: string) => `PrestaShop → Orders → Statuses → ${label} → "Send email to customer"`;
const MAILS_SWITCH = `Shop Order's "${VENDOR} Mails the Customer"`;

/** The key's rights by resource, from the webservice root (`GET /api/`). */
function rightsOf(api: XmlNode | XmlNode[] | undefined): Map<string, Set<string>> {
	const rights = new Map<string, Set<string>>();
	if (!api || typeof api !== 'object' || Array.isArray(api)) return rights;
	for (const [resource, node] of Object.entries(api)) {
		if (resource.startsWith('@') || !node || typeof node !== 'object' || Array.isArray(node)) continue;
		const methods = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'].filter((method) => (node as Root)[`@${method.toLowerCase()}`] === 'true');
		rights.set(resource, new Set(methods));
	}
	return rights;
}

const idFilter = (ids: Iterable<string>) => `[${[...ids].join('|')}]`;

function chunks<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
	return out;
}

/** PrestaShop over its Webservice (1.7.8, 8.x, 9.x): XML in and out, the key as the HTTP Basic user name. */
export class PrestaShopShop {
	readonly system = SYSTEM;
	readonly displayName = VENDOR;
	private readonly transport: HttpTransport;
	private readonly base: string;
	private readonly queryForm: boolean;
	private readonly settings: PrestaShopSettings;
	private stateCache?: Promise<Map<string, PsOrderState>>;
	private languageCache?: Promise<Map<string, PsLanguage>>;
	private zoneCache?: Promise<string>;
	private readonly countries = new Map<string, string>();
	private readonly currencies = new Map<string, string>();
	private readonly carriers = new Map<string, PsCarrier>();
	/** Labels of the states last read, for `statusLabel` */
	private labels = new Map<string, string>();

	constructor(options: PrestaShopOptions) {
		this.settings = options.settings ?? {};
		const url = options.url.trim().replace(/\/+$/, '');
		const dispatcher = /\/webservice\/dispatcher\.php$/.test(url);
		this.base = dispatcher ? url : url.replace(/\/api$/, '');
		this.queryForm = dispatcher || this.settings.urlForm === 'query';
		this.transport = new HttpTransport({
			vendor: VENDOR,
			send: options.send,
			describeError: describePsError,
			timeoutMs: options.timeoutMs ?? 30_000,
			rateLimiter: (options.budget ?? rateLimiterFor)(`prestashop:${options.accountKey ?? this.base}`, PRESTASHOP_RATE_LIMIT),
			...options.transport,
		});
	}

	/** One webservice call; `path` is e.g. "orders/3". Answers are read as XML, PHP notices before it cut off. */
	async call(
		method: HttpMethod,
		path: string,
		options: { qs?: HttpRequest['qs']; body?: string; idempotent?: boolean } = {},
	): Promise<{ root: Root; response: HttpResponse }> {
		const url = this.queryForm ? (this.base.endsWith('.php') ? this.base : `${this.base}/api/`) : `${this.base}/api/${path}`;
		const response = await this.transport.request({
			method,
			url,
			qs: { ...(this.queryForm ? { url: path } : {}), ...options.qs },
			headers: { accept: 'text/xml', ...(options.body !== undefined ? { 'content-type': 'text/xml; charset=utf-8' } : {}) },
			body: options.body,
			idempotent: options.idempotent,
		}).catch((error: unknown) => {
			// The webservice's 404 is empty; a page means the address is not the webservice's.
			if (isStatus(error, 404) && (error as HttpError).vendorBody?.trim()) {
				throw new VendorError(
					VENDOR,
					`${method} ${path}: the shop answered with a "not found" page, so the webservice is not at ${this.queryForm ? `${this.base}/api/?url=…` : `${this.base}/api/…`}. Check the credential URL; without friendly URLs (URL rewriting) choose the "/api/?url=" form`,
				);
			}
			throw error;
		});
		return { root: parsePs(response.body.toString('utf8'), `${method} ${path}`), response };
	}

	/** A list resource's records (`display` given, so full records rather than links). */
	private async list(plural: string, singular: string, qs: HttpRequest['qs']): Promise<XmlNode[]> {
		const { root } = await this.call('GET', plural, { qs });
		const container = root[plural];
		return container && typeof container === 'object' && !Array.isArray(container) ? listOf(container[singular]) : [];
	}

	/** Records by id, a few dozen ids per request. */
	private async byIds(plural: string, singular: string, ids: Iterable<string>, display: string): Promise<XmlNode[]> {
		const wanted = [...new Set(ids)].filter((id) => id && id !== '0');
		const out: XmlNode[] = [];
		for (const part of chunks(wanted, IDS_PER_REQUEST)) out.push(...(await this.list(plural, singular, { display, 'filter[id]': idFilter(part) })));
		return out;
	}

	/** The shop's time zone: the credential's, else PS_TIMEZONE from `configurations`. */
	timeZone(): Promise<string> {
		if (this.settings.timeZone) {
			const zone = this.settings.timeZone.trim();
			if (!isTimeZone(zone)) return Promise.reject(new VendorError(VENDOR, `"${zone}" is not a time zone: use an IANA name as PrestaShop does (e.g. Europe/Prague)`));
			return Promise.resolve(zone);
		}
		this.zoneCache ??= this.list('configurations', 'configuration', { display: '[name,value]', 'filter[name]': '[PS_TIMEZONE]' }).then(
			(records) => {
				const value = records.map((record) => (typeof record === 'object' && !Array.isArray(record) ? String((record as Root).value ?? '') : ''))[0]?.trim();
				if (!value || !isTimeZone(value)) throw new VendorError(VENDOR, `The shop's configuration has no usable PS_TIMEZONE ("${value ?? ''}"): set "Time Zone" in the credential`);
				return value;
			},
			(error: unknown) => {
				this.zoneCache = undefined;
				if (isStatus(error, 401) || isStatus(error, 405)) {
					throw new VendorError(
						VENDOR,
						`PrestaShop keeps order dates in the shop's time zone without saying which, and this key may not read "configurations" to find out: set "Time Zone" in the credential (Localization → Configuration → Time zone), or allow GET on configurations for the key`,
					);
				}
				throw error;
			},
		);
		return this.zoneCache;
	}

	private states(): Promise<Map<string, PsOrderState>> {
		this.stateCache ??= this.list('order_states', 'order_state', { display: 'full', sort: '[id_ASC]' }).then(
			async (records) => {
				const states = new Map(records.map(readOrderState).map((state) => [state.id, state]));
				const english = englishLanguageId(await this.languages());
				this.labels = new Map([...states.values()].map((state) => [state.id, stateName(state, undefined, english) ?? state.id]));
				return states;
			},
			(error: unknown) => {
				this.stateCache = undefined;
				throw error;
			},
		);
		return this.stateCache;
	}

	private languages(): Promise<Map<string, PsLanguage>> {
		this.languageCache ??= this.list('languages', 'language', { display: '[id,iso_code,locale,name,active]', sort: '[id_ASC]' }).then(
			(records) => new Map(records.map(readLanguage).map((language) => [language.id, language])),
			(error: unknown) => {
				this.languageCache = undefined;
				throw error;
			},
		);
		return this.languageCache;
	}

	/** Ids → iso codes or carriers, remembered for the connector's life. */
	private async remember<T>(cache: Map<string, T>, plural: string, singular: string, ids: string[], display: string, read: (node: XmlNode) => [string, T]) {
		const missing = ids.filter((id) => id && id !== '0' && !cache.has(id));
		for (const record of await this.byIds(plural, singular, missing, display)) cache.set(...read(record));
	}

	/** Everything the orders refer to, fetched in a few list requests. */
	private async contextFor(orders: PsOrder[]): Promise<OrderContext> {
		const [timeZone, states, languages] = await Promise.all([this.timeZone(), this.states(), this.languages()]);
		const ids = (key: keyof PsOrder) => orders.map((order) => String(order[key]));
		const customers = new Map<string, PsCustomer>();
		// Only what the order needs: customers also carry password hashes and secure keys.
		for (const record of await this.byIds('customers', 'customer', ids('id_customer'), '[id,email,firstname,lastname,company,id_lang]')) {
			const customer = readCustomer(record);
			customers.set(customer.id, customer);
		}
		const addresses = new Map<string, PsAddress>();
		const addressIds = [...ids('id_address_invoice'), ...ids('id_address_delivery')];
		for (const record of await this.byIds('addresses', 'address', addressIds, '[id,id_country,company,firstname,lastname,address1,address2,postcode,city,phone,phone_mobile]')) {
			const found = readAddress(record);
			addresses.set(found.id, found);
		}
		const isoOf = (node: XmlNode): [string, string] => {
			const fields = node as Root;
			return [String((fields.id as string) ?? ''), String((fields.iso_code as string) ?? '')];
		};
		await this.remember(this.countries, 'countries', 'country', [...addresses.values()].map((a) => a.id_country), '[id,iso_code]', isoOf);
		await this.remember(this.currencies, 'currencies', 'currency', ids('id_currency'), '[id,iso_code]', isoOf);
		const orderCarriers = new Map<string, PsOrderCarrier[]>();
		for (const part of chunks([...new Set(ids('id'))], IDS_PER_REQUEST)) {
			for (const record of await this.list('order_carriers', 'order_carrier', { display: 'full', 'filter[id_order]': idFilter(part), sort: '[id_ASC]' })) {
				const entry = readOrderCarrier(record);
				orderCarriers.set(entry.id_order, [...(orderCarriers.get(entry.id_order) ?? []), entry]);
			}
		}
		const carrierIds = [...orderCarriers.values()].flat().map((entry) => entry.id_carrier);
		await this.remember(this.carriers, 'carriers', 'carrier', carrierIds, '[id,name,url]', (node) => {
			const carrier = readCarrier(node);
			return [carrier.id, carrier];
		});
		return { timeZone, states, languages, customers, addresses, countries: this.countries, currencies: this.currencies, carriers: this.carriers, orderCarriers };
	}

	private async toOrders(wire: PsOrder[]): Promise<Order[]> {
		if (!wire.length) return [];
		const context = await this.contextFor(wire);
		return wire.map((order) => toOrder(order, context));
	}

	private async getWire(orderId: string, display = 'full'): Promise<PsOrder> {
		const id = assertOrderId(orderId);
		const { root } = await this.call('GET', `orders/${id}`, display === 'full' ? {} : { qs: { display } }).catch((error: unknown) => {
			throw isStatus(error, 404) ? new VendorError(VENDOR, `PrestaShop has no order ${id}: check "Order ID" (the numeric id, not the reference)`) : error;
		});
		return readOrder(root.order);
	}

	async getOrder(orderId: string): Promise<Order> {
		const [order] = await this.toOrders([await this.getWire(orderId)]);
		return order;
	}

	async listOrders(query: OrderQuery): Promise<Order[]> {
		const zone = await this.timeZone();
		const filters: Record<string, string> = {};
		if (query.statuses?.length) {
			const states = await this.states();
			for (const code of query.statuses) this.assertState(String(code), states, 'filter on');
			filters['filter[current_state]'] = idFilter(query.statuses.map(String));
		}
		if (query.createdAfter) filters['filter[date_add]'] = `>[${shopTimeFilterAfter(query.createdAfter, zone)}]`;
		const sort =
			query.order === 'oldestModifiedFirst' ? '[date_upd_ASC,id_ASC]' : query.order === 'newestModifiedFirst' ? '[date_upd_DESC,id_DESC]' : '[date_add_DESC,id_DESC]';
		// date=1 lets date_add/date_upd be filtered and sorted on; without it PrestaShop refuses both.
		const page = (extra: Record<string, string>, offset: number, count: number) =>
			this.list('orders', 'order', { display: 'full', date: 1, sort, ...filters, ...extra, limit: `${offset},${count}` }).then((records) => records.map(readOrder));
		const limit = query.limit && query.limit > 0 ? query.limit : Infinity;
		const size = Math.min(PAGE_SIZE, limit);
		const byId = new Map<string, PsOrder>();
		let after = query.modifiedAfter ? shopTimeFilterAfter(query.modifiedAfter, zone) : undefined;
		const updatedFilter = (): Record<string, string> => (after ? { 'filter[date_upd]': `>[${after}]` } : {});
		for (let offset = 0; byId.size < limit; ) {
			const rows = await page(updatedFilter(), offset, size);
			for (const row of rows) {
				byId.delete(row.id);
				byId.set(row.id, row);
			}
			if (rows.length < size) break;
			const first = rows[0].date_upd;
			const last = rows[rows.length - 1].date_upd;
			if (query.order === 'oldestModifiedFirst' && last !== first) {
				// Offsets drift when an order read already changes meanwhile (it moves to the end): each page starts again
				// from the last second read; orders read twice keep their newest version.
				after = shiftShopTime(last, -1);
				offset = 0;
			} else {
				offset += rows.length;
			}
		}
		if (query.order === 'oldestModifiedFirst') {
			const sorted = [...byId.values()].sort((a, b) => (a.date_upd === b.date_upd ? Number(a.id) - Number(b.id) : a.date_upd < b.date_upd ? -1 : 1));
			return this.toOrders(sorted.slice(0, limit));
		}
		return this.toOrders([...byId.values()].slice(0, limit));
	}

	/**
	 * What the credential reaches: the webservice root (shop name, the key's rights; the version from `PSWS-Version`),
	 * one order and the order states. Fails naming the rights reading orders lacks; names the customer mails PrestaShop
	 * sends itself. The rights of single operations are only reported.
	 */
	async checkConnection(): Promise<ConnectionCheck> {
		const { root, response } = await this.call('GET', '').catch((error: unknown) => {
			throw this.accessError(error);
		});
		const api = root.api;
		const rights = rightsOf(api);
		const unreadable = READ_RIGHTS.filter((resource) => !rights.get(resource)?.has('GET'));
		if (unreadable.length) {
			throw new VendorError(
				VENDOR,
				`The webservice key may not read ${unreadable.join(', ')}, which reading orders needs: allow GET on them for the key (Advanced Parameters → Webservice → the key → Permissions)`,
			);
		}
		const missing = OPERATION_RIGHTS.filter(([resource, method]) => !rights.get(resource)?.has(method));
		const [order] = await this.list('orders', 'order', { display: '[id,current_state]', limit: 1 });
		const states = [...(await this.states()).values()].filter((state) => state.deleted !== '1');
		const shopName = api && typeof api === 'object' && !Array.isArray(api) ? String(api['@shopName'] ?? '').trim() : '';
		const version = String(response.headers['psws-version'] ?? '').trim();
		const mailing = states.filter((state) => state.send_email === '1' && Object.values(state.template).some(Boolean));
		const reached = [
			`Connected to ${shopName || 'the shop'} (${VENDOR}${version ? ` ${version}` : ''}); the key reads orders (${order ? 'one read' : 'the shop has none yet'}) and ${states.length} order states`,
			...(missing.length ? [`it may not ${missing.map(([resource, method, operation]) => `${method} ${resource} (${operation})`).join(', ')}`] : []),
		].join('; ');
		return {
			reached,
			ownMails: [
				...mailing.map((state) => {
					const label = this.labels.get(state.id) ?? state.id;
					return `${label} (template "${Object.values(state.template).find(Boolean)}", sent only when ${MAILS_SWITCH} is on, turn off: ${stateMailSetting(label)})`;
				}),
				`In transit (template "in_transit", for a carrier with a tracking URL, sent only when Set Tracking's "Tell the Customer" is on)`,
				`Order confirmation and the first state's mail at checkout (always, sent by ${VENDOR} itself, not through the webservice)`,
			],
		};
	}

	/** What a refused root request means for the key. */
	private accessError(error: unknown): unknown {
		if (isStatus(error, 401)) {
			return new VendorError(VENDOR, `${VENDOR} refused the webservice key (${(error as Error).message}): check the key and that it is enabled (Advanced Parameters → Webservice)`);
		}
		if (isStatus(error, 503)) {
			return new VendorError(VENDOR, `The ${VENDOR} webservice is off: enable it in Advanced Parameters → Webservice`);
		}
		return error;
	}

	/**
	 * The customer mail PrestaShop sends when an order enters `toStatus` through the webservice with `sendemail=1`:
	 * the state's mail template, sent when the state has "Send email to customer" on. Undefined for a state without
	 * a template (Delivered); the states are read once per connector.
	 */
	async ownMail(toStatus: string): Promise<ShopOwnMail | undefined> {
		const state = (await this.states()).get(String(toStatus ?? '').trim());
		const template = state ? Object.values(state.template).find(Boolean) : undefined;
		if (!state || !template) return undefined;
		const label = this.labels.get(state.id) ?? state.id;
		return { mail: `${label} (template "${template}")`, enabled: state.send_email === '1', setting: stateMailSetting(label) };
	}

	/**
	 * The order's move into its current state, from `order_histories`: the state before the last run of the current one
	 * (PrestaShop may have added it twice) and when that run began. For an order the trigger has not seen.
	 */
	async lastStatusChange(order: Order): Promise<{ from?: string; at?: string }> {
		const id = assertOrderId(order.id);
		const [zone, rows] = await Promise.all([
			this.timeZone(),
			this.list('order_histories', 'order_history', { display: '[id,id_order_state,date_add]', 'filter[id_order]': `[${id}]`, sort: '[id_ASC]' }),
		]);
		const history = rows.map(fieldsOf);
		let index = history.map((row) => row.id_order_state).lastIndexOf(order.status.code);
		if (index < 0) return {};
		while (index > 0 && history[index - 1].id_order_state === order.status.code) index--;
		return { ...(index > 0 ? { from: history[index - 1].id_order_state } : {}), at: shopTimeToIso(history[index].date_add, zone) };
	}

	async listStatuses(): Promise<ShopStatus[]> {
		const states = await this.states();
		return [...states.values()].map((state) => ({
			code: state.id,
			label: this.labels.get(state.id) ?? state.id,
			...(canonicalOfState(state) ? { canonical: canonicalOfState(state) } : {}),
			...(state.deleted === '1' ? { assignable: false as const } : {}),
		}));
	}

	/** The state's name in English (or the first language), once the states were read. */
	statusLabel(code: string): string | undefined {
		return this.labels.get(String(code));
	}

	private assertState(code: string, states: Map<string, PsOrderState>, verb: string): PsOrderState {
		const state = states.get(code.trim());
		if (!state || state.deleted === '1') {
			const known = [...states.values()].filter((s) => s.deleted !== '1').map((s) => `${s.id} (${this.labels.get(s.id)})`);
			throw new VendorError(VENDOR, `PrestaShop has no order state "${code}" to ${verb}: give a state id. It has: ${known.join(', ')}`);
		}
		return state;
	}

	/**
	 * New states as `POST order_histories`, never a PUT of the order (that wipes what it leaves out and mails always).
	 * An order already in the state is left alone: PrestaShop would add a second history row and a second mail.
	 * `shopMails`: PrestaShop mails the customer (`sendemail=1`, for states with a mail template); default it does not,
	 * Notify Customer does.
	 */
	async updateStatuses(updates: StatusUpdate[], options: { shopMails?: boolean } = {}): Promise<OrderResult[]> {
		const outcomes: Array<Error | string> = new Array(updates.length);
		const states = await this.states();
		const wanted: Array<{ index: number; id: string; code: string }> = [];
		for (const [index, update] of updates.entries()) {
			try {
				const id = assertOrderId(update.orderId);
				const code = String(update.status ?? '').trim();
				this.assertState(code, states, `move order ${id} into`);
				wanted.push({ index, id, code });
			} catch (error) {
				outcomes[index] = error as Error;
			}
		}
		// Where each order is now, read for all at once; an order asked twice is moved once.
		const current = new Map((await this.ordersByIds(wanted.map((w) => w.id), '[id,current_state]')).map((order) => [order.id, order.current_state]));
		for (const { index, id, code } of wanted) {
			if (!current.has(id)) outcomes[index] = new VendorError(VENDOR, `PrestaShop has no order ${id}: check "Order ID" (the numeric id, not the reference)`);
			else if (current.get(id) === code) outcomes[index] = id;
			else {
				const moved = await this.postState(id, code, options.shopMails === true).then(
					() => undefined,
					(error: Error) => error,
				);
				outcomes[index] = moved ?? id;
				if (!moved) current.set(id, code);
			}
		}
		const done = [...new Set(outcomes.filter((outcome): outcome is string => typeof outcome === 'string'))];
		const orders = new Map((await this.toOrders(await this.ordersByIds(done, 'full'))).map((order) => [order.id, order]));
		return updates.map((update, index) => {
			const outcome = outcomes[index];
			if (typeof outcome !== 'string') return { orderId: update.orderId, ok: false, error: outcome };
			const order = orders.get(outcome);
			return order
				? { orderId: update.orderId, ok: true, order }
				: { orderId: update.orderId, ok: false, error: new VendorError(VENDOR, `Order ${outcome} could not be read back after its state change`) };
		});
	}

	/** Orders by id (a few dozen per request); ids PrestaShop does not have are left out. */
	private async ordersByIds(ids: string[], display: string): Promise<PsOrder[]> {
		const records = await this.byIds('orders', 'order', ids, display);
		return records.map(readOrder);
	}

	/** One `POST order_histories`; a write that may have run is read back, never repeated (a repeat mails again). */
	private async postState(id: string, code: string, shopMails: boolean): Promise<void> {
		const body = psDocument('order_history', { id_order: id, id_order_state: code });
		try {
			const { root } = await this.call('POST', 'order_histories', { qs: shopMails ? { sendemail: 1 } : {}, body, idempotent: false });
			if (!root.order_history) throw new VendorError(VENDOR, `Order ${id}: PrestaShop did not confirm the new state ${code} (no order_history in its answer)`);
		} catch (error) {
			if (!mayHaveRun(error) || (await this.getWire(id, '[id,current_state]')).current_state !== code) throw this.stateError(error, id, code);
		}
	}

	private stateError(error: unknown, id: string, code: string): Error {
		if (error instanceof HttpError && error.status === 500 && !error.vendorBody?.trim()) {
			return new VendorError(VENDOR, `Order ${id} was not moved into state ${code}: PrestaShop failed with an empty answer (HTTP 500); its PHP error log says why (e.g. "Invalid new order status")`);
		}
		return error as Error;
	}

	/**
	 * A message on the order's customer thread (created when the order has none): private for the shop's staff, or
	 * shown to the customer in their account. PrestaShop mails nobody about it.
	 */
	async addNote(orderId: string, note: string, forCustomer: boolean): Promise<{ noteId: string }> {
		const text = String(note ?? '').trim();
		const order = await this.getWire(orderId, '[id,id_customer,id_lang,id_shop]');
		if (!text) throw new VendorError(VENDOR, `Order ${order.id}: the note is empty; fill in "Note"`);
		const [thread] = await this.list('customer_threads', 'customer_thread', { display: '[id]', 'filter[id_order]': `[${order.id}]`, sort: '[id_ASC]', limit: 1 });
		let threadId = thread ? String((thread as Root).id ?? '') : '';
		if (!threadId) {
			const [customer] = (await this.byIds('customers', 'customer', [order.id_customer], '[id,email]')).map(readCustomer);
			const { root } = await this.call('POST', 'customer_threads', {
				body: psDocument('customer_thread', {
					id_lang: order.id_lang,
					id_shop: order.id_shop,
					id_customer: order.id_customer,
					id_order: order.id,
					id_contact: 0,
					email: customer?.email,
					token: randomBytes(6).toString('hex'),
					status: 'open',
				}),
				idempotent: false,
			});
			threadId = String((root.customer_thread as Root | undefined)?.id ?? '');
		}
		const { root } = await this.call('POST', 'customer_messages', {
			body: psDocument('customer_message', {
				id_employee: this.settings.employeeId ?? 1,
				id_customer_thread: threadId,
				message: text,
				private: forCustomer ? 0 : 1,
			}),
			idempotent: false,
		});
		return { noteId: String((root.customer_message as Root | undefined)?.id ?? '') };
	}

	/**
	 * The tracking number on the order's carrier (`order_carriers`), the whole record sent back as PUT requires.
	 * `notifyCustomer`: PrestaShop sends its "in transit" mail (`sendemail=1`), which it does only when the carrier
	 * has a tracking URL. The carrier's URL makes the tracking link; `tracking.url` and `carrier` are not stored.
	 * Tracking does not move the order's `date_upd`.
	 */
	async setTracking(orderId: string, tracking: Tracking, notifyCustomer: boolean): Promise<{ method: string; order: Order }> {
		const order = await this.getWire(orderId, '[id,id_carrier]');
		const number = String(tracking?.number ?? '').trim();
		if (!TRACKING_NUMBER.test(number)) {
			throw new VendorError(
				VENDOR,
				`Order ${order.id}: tracking number "${number}" is not one PrestaShop accepts (letters A–Z without accents, digits, spaces and ~:#,%&_=()[].?+-@/ only); fix "Tracking Number"`,
			);
		}
		const carriers = (await this.list('order_carriers', 'order_carrier', { display: 'full', 'filter[id_order]': `[${order.id}]`, sort: '[id_ASC]' })).map(readOrderCarrier);
		const target = carriers.find((entry) => entry.id_carrier === order.id_carrier) ?? carriers[carriers.length - 1];
		if (!target) throw new VendorError(VENDOR, `Order ${order.id} has no carrier (a virtual order?): PrestaShop keeps tracking numbers on the order's carrier`);
		if (target.tracking_number === number) return { method: 'order_carrier (unchanged)', order: await this.getOrder(order.id) };
		if (notifyCustomer) {
			await this.remember(this.carriers, 'carriers', 'carrier', [target.id_carrier], '[id,name,url]', (node) => {
				const carrier = readCarrier(node);
				return [carrier.id, carrier];
			});
			if (!this.carriers.get(target.id_carrier)?.url) {
				throw new VendorError(
					VENDOR,
					`Order ${order.id}: carrier ${target.id_carrier} has no tracking URL, so PrestaShop would send no "in transit" mail; set its tracking URL (Shipping → Carriers) or let Notify Customer mail the customer`,
				);
			}
		}
		await this.call('PUT', `order_carriers/${target.id}`, {
			qs: notifyCustomer ? { sendemail: 1 } : {},
			body: psDocument('order_carrier', { ...target.fields, tracking_number: number }),
			idempotent: !notifyCustomer,
		});
		return { method: notifyCustomer ? 'order_carrier + PrestaShop in_transit mail' : 'order_carrier', order: await this.getOrder(order.id) };
	}

	/**
	 * Whether the order's lines are covered by stock. PrestaShop takes an order's units off the available quantity
	 * (`stock_availables.quantity`) when the order is placed, so a quantity of zero or more covers every order holding
	 * the product; below zero some are short, and the webservice does not say which: each of them is backordered.
	 */
	async deriveFulfilment(orderId: string): Promise<Fulfilment> {
		const order = await this.getOrder(orderId);
		const wire = order.raw as { order_rows: PsOrder['rows'] };
		const products = [...new Set(wire.order_rows.map((row) => row.product_id))];
		const stock = new Map<string, { quantity: number; outOfStock: string }>();
		for (const part of chunks(products, IDS_PER_REQUEST)) {
			for (const record of await this.list('stock_availables', 'stock_available', { display: '[id_product,id_product_attribute,quantity,out_of_stock]', 'filter[id_product]': idFilter(part) })) {
				const fields = fieldsOf(record);
				stock.set(`${fields.id_product}:${fields.id_product_attribute}`, { quantity: Number(fields.quantity), outOfStock: fields.out_of_stock });
			}
		}
		const lines: FulfilmentLine[] = wire.order_rows.map((row) => {
			const line = order.lines.find((candidate) => candidate.id === row.id);
			const found = stock.get(`${row.product_id}:${row.product_attribute_id || '0'}`);
			return {
				sku: line?.sku,
				productId: line?.productId,
				name: row.product_name,
				quantity: Number(row.product_quantity),
				inStock: found !== undefined && found.quantity >= 0,
				stockQuantity: found?.quantity,
				stockStatus: found === undefined ? 'unknown' : found.quantity >= 0 ? 'instock' : 'outofstock',
			};
		});
		return { status: lines.every((line) => line.inStock) ? 'ready' : 'backordered', lines };
	}

	/** The states an order went through, oldest first, from `order_histories`. */
	async history(orderId: string): Promise<Array<{ state: string; at?: string }>> {
		const id = assertOrderId(orderId);
		const zone = await this.timeZone();
		const rows = await this.list('order_histories', 'order_history', { display: 'full', 'filter[id_order]': `[${id}]`, sort: '[id_ASC]' });
		return rows.map((row) => {
			const fields = fieldsOf(row);
			return { state: fields.id_order_state, at: shopTimeToIso(fields.date_add, zone) };
		});
	}
}
