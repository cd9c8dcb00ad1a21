/**
 * A local stand-in for BaseLinker's connector.php API, written from the public method docs: one POST endpoint,
 * form fields `method` and `parameters` (JSON), the token in X-BLToken, every answer HTTP 200 with
 * `status: SUCCESS | ERROR`. Strict where the docs leave room:
 * - 100 requests a minute per token (sliding window); past it the token is blocked and every call answers
 *   ERROR_BLOCKED_TOKEN with the "until" time in the account's local time (Europe/Warsaw, no zone written);
 * - the journal (getJournalList) keeps 3 days, answers 100 events a call, and sends an empty body when it is not
 *   enabled for the account;
 * - getOrders answers 100 orders a call sorted by date_confirmed, confirmed ones only unless asked for;
 * - a form body decoded as a form: a `+` not URL-encoded becomes a space and breaks a base64 file;
 * - loose types as BaseLinker sends them ("0"/"1" strings) and no order total.
 * Run it alone with `npx tsx test/simulators/baselinker/index.ts` (PORT, BASELINKER_TOKEN from the env).
 */
import * as http from 'node:http';
import { listen, readBody } from '../../helpers/http-server';

export interface SimProduct {
	order_product_id: number;
	storage: string;
	storage_id: string;
	product_id: string;
	variant_id: string;
	name: string;
	sku: string;
	ean: string;
	attributes: string;
	price_brutto: number;
	tax_rate: number;
	quantity: number;
	weight: number;
}

export interface SimOrder {
	order_id: number;
	shop_order_id: number;
	external_order_id: string;
	order_source: string;
	order_source_id: number;
	order_status_id: number;
	confirmed: boolean;
	/** unix seconds; 0 while unconfirmed */
	date_confirmed: number;
	date_add: number;
	date_in_status: number;
	user_login: string;
	phone: string;
	email: string;
	user_comments: string;
	admin_comments: string;
	currency: string;
	payment_method: string;
	/** "0" or "1", as BaseLinker sends it */
	payment_method_cod: string;
	payment_done: number;
	delivery_method: string;
	delivery_price: number;
	delivery_package_module: string;
	delivery_package_nr: string;
	delivery_fullname: string;
	delivery_company: string;
	delivery_address: string;
	delivery_city: string;
	delivery_postcode: string;
	delivery_country_code: string;
	invoice_fullname: string;
	invoice_company: string;
	invoice_nip: string;
	invoice_address: string;
	invoice_city: string;
	invoice_postcode: string;
	invoice_country_code: string;
	/** "0" or "1" */
	want_invoice: string;
	extra_field_1: string;
	products: SimProduct[];
}

export interface SimStatus {
	id: number;
	name: string;
	name_for_customer: string;
	color: string;
}

export interface SimJournalEntry {
	log_id: number;
	log_type: number;
	order_id: number;
	object_id: number;
	date: number;
}

export interface SimPackage {
	package_id: number;
	order_id: number;
	courier_code: string;
	courier_package_nr: string;
	pickup_date: number;
	return_shipment: boolean;
}

export interface SimInvoice {
	invoice_id: number;
	order_id: number;
	series_id: number;
	number: string;
	external_invoice_number: string;
	/** The uploaded PDF, decoded */
	file?: Buffer;
}

export interface SimRequest {
	method: string;
	parameters: Record<string, unknown>;
	status: 'SUCCESS' | 'ERROR' | 'EMPTY';
	errorCode?: string;
	at: number;
}

/** A mail BaseLinker sent itself: the panel's automatic action on entering a status. */
export interface SimMail {
	orderId: number;
	to: string;
	statusId: number;
	at: number;
}

export interface BaseLinkerSimulatorOptions {
	port?: number;
	token?: string;
	/** Requests per window per token before the block (100 a minute at BaseLinker) */
	ratePerMinute?: number;
	/** The window of that limit; a minute unless a test shortens it */
	windowMs?: number;
	/** How long a block lasts */
	blockSeconds?: number;
	journalEnabled?: boolean;
	/** The account's status ids start here (ids differ per account) */
	statusIdBase?: number;
	/** Status ids whose automatic action mails the customer on entering them */
	mailingStatuses?: number[];
	latencyMs?: number;
}

export const JOURNAL_RETENTION_SECONDS = 3 * 86_400;
const PAGE = 100;
/** Journal event types (getJournalList log_type). */
export const LOG = {
	created: 1,
	confirmed: 2,
	paid: 3,
	invoiceIssued: 7,
	packageCreated: 9,
	productAdded: 12,
	productEdited: 13,
	productRemoved: 14,
	orderEdited: 16,
	statusChanged: 18,
} as const;

class ApiError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** "2026-12-07 12:03:04" in Europe/Warsaw, as BaseLinker's panel writes times. */
export function warsawTime(ms: number): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Warsaw',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(new Date(ms));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

const int = (value: unknown, name: string): number => {
	const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n)) throw new ApiError('ERROR_BAD_PARAMETER', `Parameter "${name}" must be an integer`);
	return n;
};

const optionalInt = (value: unknown, name: string) => (value === undefined ? undefined : int(value, name));

const text = (value: unknown, name: string, max: number): string => {
	if (typeof value !== 'string') throw new ApiError('ERROR_BAD_PARAMETER', `Parameter "${name}" must be a string`);
	if (value.length > max) throw new ApiError('ERROR_BAD_PARAMETER', `Parameter "${name}" is longer than ${max} characters`);
	return value;
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export async function startBaseLinkerSimulator(options: BaseLinkerSimulatorOptions = {}) {
	const token = options.token ?? 'bl-token-ok';
	let ratePerMinute = options.ratePerMinute ?? 100;
	const windowMs = options.windowMs ?? 60_000;
	const blockSeconds = options.blockSeconds ?? 60;
	let journalEnabled = options.journalEnabled ?? true;
	let latencyMs = options.latencyMs ?? 0;
	const base = options.statusIdBase ?? 40_000 + Math.floor(Math.random() * 9000);
	const statuses: SimStatus[] = [
		{ id: base + 1, name: 'Nowe zamówienia', name_for_customer: 'Nowe', color: '#2196f3' },
		{ id: base + 7, name: 'Do wysłania', name_for_customer: 'W realizacji', color: '#ff9800' },
		{ id: base + 12, name: 'Wysłane', name_for_customer: 'Wysłane', color: '#4caf50' },
		{ id: base + 15, name: 'Anulowane', name_for_customer: 'Anulowane', color: '#9e9e9e' },
		{ id: base + 21, name: 'Zaimportowane do ERP', name_for_customer: 'Przyjęte', color: '#673ab7' },
	];
	const mailingStatuses = new Set(options.mailingStatuses ?? []);
	const series = [
		{ id: base + 300, type: 'INVOICE', name: 'FV', format: '%N/%M/%Y' },
		{ id: base + 301, type: 'RECEIPT', name: 'PAR', format: '%N/%Y' },
	];
	const orders = new Map<number, SimOrder>();
	const journal: SimJournalEntry[] = [];
	const packages: SimPackage[] = [];
	const invoices: SimInvoice[] = [];
	const mails: SimMail[] = [];
	const requests: SimRequest[] = [];
	const accepted: number[] = [];
	let blockedUntil = 0;
	let clockOffsetMs = 0;
	let nextOrderId = 7_100_000 + Math.floor(Math.random() * 1000);
	let nextProductId = 90_000_000;
	let nextLogId = 5_000_000;
	let nextPackageId = 30_000;
	let nextInvoiceId = 800_000;

	const now = () => Date.now() + clockOffsetMs;
	const seconds = () => Math.floor(now() / 1000);

	function log(logType: number, orderId: number, objectId = 0, at = seconds()) {
		// Log ids are global at BaseLinker: other accounts' events leave gaps.
		nextLogId += 1 + Math.floor(Math.random() * 3);
		journal.push({ log_id: nextLogId, log_type: logType, order_id: orderId, object_id: objectId, date: at });
	}

	function makeOrder(partial: Partial<SimOrder> = {}): SimOrder {
		const at = partial.date_add ?? seconds();
		const confirmed = partial.confirmed ?? true;
		const id = partial.order_id ?? nextOrderId++;
		return {
			order_id: id,
			shop_order_id: 0,
			external_order_id: '',
			order_source: 'personal',
			order_source_id: 0,
			order_status_id: statuses[0].id,
			confirmed,
			date_confirmed: confirmed ? at : 0,
			date_add: at,
			date_in_status: at,
			user_login: '',
			phone: '+48 600 100 200',
			email: `buyer${id}@example.pl`,
			user_comments: '',
			admin_comments: '',
			currency: 'PLN',
			payment_method: 'Przelew',
			payment_method_cod: '0',
			payment_done: 0,
			delivery_method: 'InPost Paczkomaty',
			delivery_price: 12.99,
			delivery_package_module: '',
			delivery_package_nr: '',
			delivery_fullname: 'Jan Kowalski',
			delivery_company: '',
			delivery_address: 'ul. Długa 5',
			delivery_city: 'Kraków',
			delivery_postcode: '30-001',
			delivery_country_code: 'PL',
			invoice_fullname: 'Jan Kowalski',
			invoice_company: '',
			invoice_nip: '',
			invoice_address: 'ul. Długa 5',
			invoice_city: 'Kraków',
			invoice_postcode: '30-001',
			invoice_country_code: 'PL',
			want_invoice: '0',
			extra_field_1: '',
			...partial,
			products: (partial.products ?? [{ name: 'Klocki hamulcowe', sku: 'BRK-01', price_brutto: 149.99, quantity: 2 } as SimProduct]).map((p) => ({
				order_product_id: p.order_product_id ?? nextProductId++,
				storage: p.storage ?? 'db',
				storage_id: p.storage_id ?? '0',
				product_id: p.product_id ?? '',
				variant_id: p.variant_id ?? '0',
				name: p.name,
				sku: p.sku ?? '',
				ean: p.ean ?? '',
				attributes: p.attributes ?? '',
				price_brutto: p.price_brutto ?? 0,
				tax_rate: p.tax_rate ?? 23,
				quantity: p.quantity ?? 1,
				weight: p.weight ?? 0,
			})),
		};
	}

	/** An order arriving in the panel: journal "created" (and "confirmed" when it is). */
	function addOrder(partial: Partial<SimOrder> = {}): SimOrder {
		const order = makeOrder(partial);
		orders.set(order.order_id, order);
		log(LOG.created, order.order_id, 0, order.date_add);
		if (order.confirmed) log(LOG.confirmed, order.order_id, 0, order.date_confirmed);
		return order;
	}

	function orderOf(value: unknown): SimOrder {
		const id = int(value, 'order_id');
		const order = orders.get(id);
		if (!order) throw new ApiError('ERROR_ORDER_NOT_FOUND', `Order ${id} not found`);
		return order;
	}

	function moveStatus(order: SimOrder, statusId: number) {
		if (!statuses.some((s) => s.id === statusId)) throw new ApiError('ERROR_STATUS_NOT_FOUND', `Status ${statusId} not found`);
		if (order.order_status_id === statusId) return;
		order.order_status_id = statusId;
		order.date_in_status = seconds();
		log(LOG.statusChanged, order.order_id, statusId);
		// BaseLinker's API sends no mail itself; an automatic action set up in the panel for the status does.
		if (mailingStatuses.has(statusId)) mails.push({ orderId: order.order_id, to: order.email, statusId, at: now() });
	}

	function confirm(order: SimOrder) {
		if (order.confirmed) return;
		order.confirmed = true;
		order.date_confirmed = seconds();
		log(LOG.confirmed, order.order_id);
	}

	const productFields = (p: Record<string, unknown>, product: Partial<SimProduct>) => {
		if (p.name !== undefined) product.name = text(p.name, 'name', 200);
		if (p.sku !== undefined) product.sku = text(p.sku, 'sku', 50);
		if (p.ean !== undefined) product.ean = text(p.ean, 'ean', 32);
		if (p.product_id !== undefined) product.product_id = String(p.product_id);
		if (p.variant_id !== undefined) product.variant_id = String(p.variant_id);
		if (p.attributes !== undefined) product.attributes = text(p.attributes, 'attributes', 350);
		for (const key of ['price_brutto', 'tax_rate', 'quantity', 'weight'] as const) {
			if (p[key] === undefined) continue;
			const n = Number(p[key]);
			if (!Number.isFinite(n) || n < 0) throw new ApiError('ERROR_BAD_PARAMETER', `Parameter "${key}" must be a non-negative number`);
			product[key] = n;
		}
	};

	const methods: Record<string, (p: Record<string, unknown>) => Record<string, unknown> | undefined> = {
		getOrderStatusList: () => ({ statuses }),
		getOrders: (p) => {
			const includeUnconfirmed = p.get_unconfirmed_orders === true;
			const orderId = optionalInt(p.order_id, 'order_id');
			const confirmedFrom = optionalInt(p.date_confirmed_from, 'date_confirmed_from');
			const addedFrom = optionalInt(p.date_from, 'date_from');
			const idFrom = optionalInt(p.id_from, 'id_from');
			const statusId = optionalInt(p.status_id, 'status_id');
			const found = [...orders.values()]
				.filter((o) => includeUnconfirmed || o.confirmed)
				.filter((o) => orderId === undefined || o.order_id === orderId)
				.filter((o) => confirmedFrom === undefined || (o.confirmed && o.date_confirmed >= confirmedFrom))
				.filter((o) => addedFrom === undefined || o.date_add >= addedFrom)
				.filter((o) => idFrom === undefined || o.order_id >= idFrom)
				.filter((o) => statusId === undefined || o.order_status_id === statusId)
				.sort((a, b) =>
					confirmedFrom !== undefined ? a.date_confirmed - b.date_confirmed || a.order_id - b.order_id : a.order_id - b.order_id,
				)
				.slice(0, PAGE);
			return { orders: structuredClone(found) };
		},
		getJournalList: (p) => {
			if (!journalEnabled) return undefined;
			const lastLogId = int(p.last_log_id, 'last_log_id');
			const types = p.logs_types === undefined ? undefined : (p.logs_types as unknown[]).map((t) => int(t, 'logs_types'));
			const orderId = optionalInt(p.order_id, 'order_id');
			const oldest = seconds() - JOURNAL_RETENTION_SECONDS;
			const logs = journal
				.filter((e) => e.date >= oldest && e.log_id > lastLogId)
				.filter((e) => !types || types.includes(e.log_type))
				.filter((e) => orderId === undefined || e.order_id === orderId)
				.slice(0, PAGE);
			return { logs };
		},
		setOrderStatus: (p) => {
			moveStatus(orderOf(p.order_id), int(p.status_id, 'status_id'));
			return {};
		},
		setOrderStatuses: (p) => {
			if (!Array.isArray(p.order_ids)) throw new ApiError('ERROR_BAD_PARAMETER', 'Parameter "order_ids" must be an array');
			const list = p.order_ids.map(orderOf);
			const statusId = int(p.status_id, 'status_id');
			for (const order of list) moveStatus(order, statusId);
			return {};
		},
		setOrderFields: (p) => {
			const order = orderOf(p.order_id);
			// Over-long text is cut, silently, as BaseLinker does.
			if (p.admin_comments !== undefined) order.admin_comments = String(p.admin_comments).slice(0, 200);
			if (p.user_comments !== undefined) order.user_comments = String(p.user_comments).slice(0, 510);
			if (p.extra_field_1 !== undefined) order.extra_field_1 = String(p.extra_field_1);
			log(LOG.orderEdited, order.order_id);
			return {};
		},
		createPackageManual: (p) => {
			const order = orderOf(p.order_id);
			const pkg: SimPackage = {
				package_id: nextPackageId++,
				order_id: order.order_id,
				courier_code: text(p.courier_code, 'courier_code', 20),
				courier_package_nr: text(p.package_number, 'package_number', 40),
				pickup_date: optionalInt(p.pickup_date, 'pickup_date') ?? 0,
				return_shipment: p.return_shipment === true,
			};
			if (!pkg.courier_code || !pkg.courier_package_nr) throw new ApiError('ERROR_BAD_PARAMETER', 'courier_code and package_number are required');
			packages.push(pkg);
			log(LOG.packageCreated, order.order_id, pkg.package_id);
			return { package_id: pkg.package_id, package_number: pkg.courier_package_nr };
		},
		getOrderPackages: (p) => {
			const order = orderOf(p.order_id);
			return {
				packages: packages
					.filter((pkg) => pkg.order_id === order.order_id)
					.map((pkg) => ({
						package_id: pkg.package_id,
						courier_package_nr: pkg.courier_package_nr,
						courier_code: pkg.courier_code,
						courier_other_name: '',
						tracking_status_date: 0,
						tracking_delivery_days: 0,
						tracking_status: 0,
						// "0"/"1", as sent
						package_type: 'package',
						is_return: pkg.return_shipment ? '1' : '0',
					})),
			};
		},
		getSeries: () => ({ series }),
		getInvoices: (p) => {
			const orderId = optionalInt(p.order_id, 'order_id');
			return {
				invoices: invoices
					.filter((i) => orderId === undefined || i.order_id === orderId)
					.map((i) => ({ invoice_id: i.invoice_id, order_id: i.order_id, series_id: i.series_id, number: i.number, external_invoice_number: i.external_invoice_number })),
			};
		},
		addInvoice: (p) => {
			const order = orderOf(p.order_id);
			const seriesId = int(p.series_id, 'series_id');
			if (!series.some((s) => s.id === seriesId && s.type === 'INVOICE')) throw new ApiError('ERROR_SERIES_NOT_FOUND', `Invoice series ${seriesId} not found`);
			const invoice: SimInvoice = {
				invoice_id: nextInvoiceId++,
				order_id: order.order_id,
				series_id: seriesId,
				number: `FV/${invoices.length + 1}/12/2026`,
				external_invoice_number: '',
			};
			invoices.push(invoice);
			log(LOG.invoiceIssued, order.order_id, invoice.invoice_id);
			return { invoice_id: invoice.invoice_id };
		},
		addOrderInvoiceFile: (p) => {
			const id = int(p.invoice_id, 'invoice_id');
			const invoice = invoices.find((i) => i.invoice_id === id);
			if (!invoice) throw new ApiError('ERROR_INVOICE_NOT_FOUND', `Invoice ${id} not found`);
			const file = text(p.file, 'file', Number.MAX_SAFE_INTEGER);
			if (!file.startsWith('data:')) throw new ApiError('ERROR_BAD_FILE', 'The file must start with the "data:" prefix');
			const encoded = file.slice('data:'.length);
			if (!BASE64.test(encoded)) throw new ApiError('ERROR_BAD_FILE', 'The file is not valid base64');
			const pdf = Buffer.from(encoded, 'base64');
			if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('ERROR_BAD_FILE', 'The file is not a PDF');
			invoice.file = pdf;
			invoice.external_invoice_number = text(p.external_invoice_number, 'external_invoice_number', 30);
			return {};
		},
		addOrderProduct: (p) => {
			const order = orderOf(p.order_id);
			const product = { order_product_id: nextProductId++, storage: String(p.storage ?? 'db'), storage_id: String(p.storage_id ?? '0') } as SimProduct;
			Object.assign(product, { product_id: '', variant_id: '0', sku: '', ean: '', attributes: '', price_brutto: 0, tax_rate: 23, quantity: 1, weight: 0 });
			productFields(p, product);
			if (!product.name) throw new ApiError('ERROR_BAD_PARAMETER', 'Parameter "name" is required');
			order.products.push(product);
			log(LOG.productAdded, order.order_id, product.order_product_id);
			return { order_product_id: product.order_product_id };
		},
		setOrderProductFields: (p) => {
			const order = orderOf(p.order_id);
			const id = int(p.order_product_id, 'order_product_id');
			const product = order.products.find((x) => x.order_product_id === id);
			if (!product) throw new ApiError('ERROR_PRODUCT_NOT_FOUND', `Product ${id} not found in order ${order.order_id}`);
			productFields(p, product);
			log(LOG.productEdited, order.order_id, id);
			return {};
		},
		deleteOrderProduct: (p) => {
			const order = orderOf(p.order_id);
			const id = int(p.order_product_id, 'order_product_id');
			const index = order.products.findIndex((x) => x.order_product_id === id);
			if (index < 0) throw new ApiError('ERROR_PRODUCT_NOT_FOUND', `Product ${id} not found in order ${order.order_id}`);
			order.products.splice(index, 1);
			log(LOG.productRemoved, order.order_id, id);
			return {};
		},
	};

	const sendJson = (res: http.ServerResponse, payload: unknown, status = 200) => {
		const body = Buffer.from(JSON.stringify(payload));
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
		res.end(body);
	};

	/** Over the limit? Blocks the token for `blockSeconds` on the first request past it. */
	function overLimit(at: number): boolean {
		if (at < blockedUntil) return true;
		while (accepted.length && accepted[0] <= at - windowMs) accepted.shift();
		if (accepted.length >= ratePerMinute) {
			// Counting starts afresh once the block ends.
			blockedUntil = at + blockSeconds * 1000;
			accepted.length = 0;
			return true;
		}
		accepted.push(at);
		return false;
	}

	async function api(req: http.IncomingMessage, res: http.ServerResponse) {
		if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
		const raw = (await readBody(req)).toString('utf8');
		const record = (method: string, parameters: Record<string, unknown>, status: SimRequest['status'], errorCode?: string) =>
			requests.push({ method, parameters, status, errorCode, at: now() });
		const fail = (method: string, parameters: Record<string, unknown>, code: string, message: string) => {
			record(method, parameters, 'ERROR', code);
			sendJson(res, { status: 'ERROR', error_code: code, error_message: message });
		};
		if (req.method !== 'POST') return fail('', {}, 'ERROR_BAD_REQUEST', 'Use POST');
		if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
			return fail('', {}, 'ERROR_BAD_REQUEST', 'Send the method and parameters as form fields');
		}
		const form = new URLSearchParams(raw);
		const method = form.get('method') ?? '';
		let parameters: Record<string, unknown> = {};
		if (req.headers['x-bltoken'] !== token) return fail(method, parameters, 'ERROR_BAD_TOKEN', 'Invalid user token');
		if (overLimit(now())) {
			return fail(method, parameters, 'ERROR_BLOCKED_TOKEN', `Query limit exceeded, token blocked until ${warsawTime(blockedUntil)}`);
		}
		try {
			const parsed: unknown = JSON.parse(form.get('parameters') ?? '{}');
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
			parameters = parsed as Record<string, unknown>;
		} catch {
			return fail(method, parameters, 'ERROR_BAD_PARAMETERS', 'Parameters must be a JSON object');
		}
		const handler = methods[method];
		if (!handler) return fail(method, parameters, 'ERROR_UNKNOWN_METHOD', `Unknown method "${method}"`);
		try {
			const answer = handler(parameters);
			if (answer === undefined) {
				record(method, parameters, 'EMPTY');
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': 0 });
				return res.end();
			}
			record(method, parameters, 'SUCCESS');
			sendJson(res, { status: 'SUCCESS', ...answer });
		} catch (error) {
			if (error instanceof ApiError) return fail(method, parameters, error.code, error.message);
			throw error;
		}
	}

	/** Test controls over HTTP for the e2e runs: orders as the panel changes them. */
	async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
		const body = req.method === 'POST' ? (JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>) : {};
		if (req.method === 'GET' && path === '/_sim/orders') return sendJson(res, { orders: [...orders.values()], statuses, packages, invoices: invoices.map(({ file, ...i }) => ({ ...i, fileBytes: file?.length ?? 0 })), mails });
		if (req.method === 'POST' && path === '/_sim/orders') return sendJson(res, addOrder(body as Partial<SimOrder>), 201);
		const status = /^\/_sim\/orders\/(\d+)\/status$/.exec(path);
		if (req.method === 'POST' && status) {
			const order = orders.get(Number(status[1]));
			if (!order) return sendJson(res, { error: 'no such order' }, 404);
			moveStatus(order, int(body.status_id, 'status_id'));
			return sendJson(res, order);
		}
		if (req.method === 'GET' && path === '/_sim/requests') return sendJson(res, { requests: requests.map(({ parameters, ...r }) => r) });
		sendJson(res, { error: 'unknown control path' }, 404);
	}

	const running = await listen((req, res) => {
		const path = new URL(req.url ?? '/', 'http://sim').pathname;
		const work = path.startsWith('/_sim/') ? control(req, res, path) : path === '/connector.php' ? api(req, res) : Promise.resolve(sendJson(res, { error: 'Not found' }, 404));
		work.catch((e: Error) => {
			if (!res.headersSent) sendJson(res, { status: 'ERROR', error_code: 'ERROR_INTERNAL', error_message: e.message }, 500);
		});
	}, options.port);

	return {
		url: `${running.url}/connector.php`,
		baseUrl: running.url,
		token,
		statuses,
		series,
		orders,
		journal,
		packages,
		invoices,
		mails,
		requests,
		addOrder,
		confirm,
		/** A status change made in the panel (journal event, automatic action mails). */
		setStatus: (orderId: number, statusId: number) => moveStatus(orderOf(orderId), statusId),
		statusId: (name: string) => {
			const found = statuses.find((s) => s.name === name);
			if (!found) throw new Error(`No status "${name}"`);
			return found.id;
		},
		/** Moves the simulator's clock (journal retention, blocks). */
		advance(ms: number) {
			clockOffsetMs += ms;
		},
		now,
		setJournalEnabled(enabled: boolean) {
			journalEnabled = enabled;
		},
		setRatePerMinute(limit: number) {
			ratePerMinute = limit;
		},
		setLatency(ms: number) {
			latencyMs = ms;
		},
		blockedUntil: () => blockedUntil,
		/** Calls that ran (not refused by the token check or the block) */
		served: () => requests.filter((r) => r.errorCode !== 'ERROR_BLOCKED_TOKEN' && r.errorCode !== 'ERROR_BAD_TOKEN'),
		close: running.close,
	};
}

export type BaseLinkerSimulator = Awaited<ReturnType<typeof startBaseLinkerSimulator>>;

if (require.main === module) {
	startBaseLinkerSimulator({ port: Number(process.env.PORT ?? 0) || undefined, token: process.env.BASELINKER_TOKEN })
		.then((sim) => console.log(`BaseLinker simulator on ${sim.url}`))
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}
