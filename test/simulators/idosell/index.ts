/**
 * A local stand-in for the orders part of the IdoSell Admin API (https://{shop}/api/admin/v{N}/…), written from the
 * public docs (the v6 OpenAPI description) and SDKs, strict where they allow two readings:
 * - the key in X-API-KEY; POST/PUT bodies are `{"params":{…}}` and anything beside `params` is ignored silently (a
 *   search filter put there returns every order); a key without the right to the orders gets 403;
 * - dates are shop-local `YYYY-MM-DD HH:MM:SS` without a zone, ranges inclusive at both ends; `/system/serverTime`
 *   is a UNIX timestamp (seconds), so it shows the shop's clock but not its zone;
 * - `resultsPage` from 0, `resultsLimit` 1…100, answers carry `Results` (capital R), `resultsNumberAll`, `resultsNumberPage`;
 *   a search that finds nothing is a 207 with `errors` fault 2 (empty result) and no `Results`;
 * - `/orders/statuses` lists `{id, parentId, panelName}`: the built-in statuses (numeric ids, no parent) and the shop's
 *   own ones, each under a built-in; an order in an own status carries the parent's `orderStatus` and the own
 *   `orderStatusId`, and is moved there only by `orderStatusId`;
 * - PUT /orders/orders answers `results.ordersResults[]`, each order with `faultCode`/`faultString`: 0 = done,
 *   3 = status changed but the customer was not informed, 5 = no such status, 6 = merging is the panel's tool, others
 *   = not changed; POST /orders/packages answers `results[].packagesResults[].errors`, POST /orders/documents
 *   `documentsResults[].errors`; 207 when any part failed;
 * - 4xx/429 answers carry their text only in the `X-Error` header (no body, no Retry-After);
 * - IdoSell mails and texts the customer on every status change unless the order's `settings.dontSendMail` /
 *   `dontSendSMS` is exactly "y" (`mails` logs what it sent);
 * - every write that changes an order moves its `orderChangeDate`.
 * Run it alone with `npx tsx test/simulators/idosell/index.ts` (PORT, IDOSELL_API_KEY, IDOSELL_TIME_ZONE from the env).
 */
import * as http from 'node:http';
import { DateTime } from 'luxon';
import { listen, readBody } from '../../helpers/http-server';

/** The 17 built-in order statuses and their panel names (English panel). */
export const BUILT_IN_STATUSES: ReadonlyArray<{ id: string; name: string }> = [
	{ id: 'new', name: 'Not handled' },
	{ id: 'payment_waiting', name: 'Awaiting payment' },
	{ id: 'delivery_waiting', name: 'Awaiting delivery' },
	{ id: 'on_order', name: 'In progress' },
	{ id: 'packed', name: 'Being picked' },
	{ id: 'packed_fulfillment', name: 'Being picked - fulfilment' },
	{ id: 'packed_ready', name: 'Packed' },
	{ id: 'ready', name: 'Dispatched' },
	{ id: 'wait_for_dispatch', name: 'Awaiting dispatch date' },
	{ id: 'suspended', name: 'On hold' },
	{ id: 'joined', name: 'Merged' },
	{ id: 'finished', name: 'Completed' },
	{ id: 'finished_ext', name: 'Completed in FA application' },
	{ id: 'missing', name: 'Missing' },
	{ id: 'lost', name: 'Lost' },
	{ id: 'false', name: 'False' },
	{ id: 'canceled', name: 'Canceled by customer' },
];

/** The numeric `orderStatusId` of each built-in status (the docs give none: these are the simulator's own). */
const BUILT_IN_IDS = new Map(BUILT_IN_STATUSES.map((s, i) => [s.id, i + 1]));

/** A status of the shop's own, listed under the built-in status it belongs to. */
export interface SimOwnStatus {
	id: number;
	panelName: string;
	/** The built-in status code it sits under, e.g. "packed" */
	parent: string;
}

export interface SimProduct {
	productId: number;
	productName: string;
	productCode: string;
	sizeId: string;
	productQuantity: number;
	/** Gross unit price in the order's currency */
	productOrderPrice: number;
	productVat: number;
	basketPosition: number;
}

export interface SimPackage {
	deliveryPackageId: number;
	courierId: number;
	deliveryPackageNumber: string;
	deliveryShippingNumber: string;
}

export interface SimDocument {
	orderSerialNumber: number;
	name: string;
	type: string;
	size: number;
}

export interface SimOrder {
	orderSerialNumber: number;
	orderId: string;
	/** The built-in status code (for an own status: its parent's) */
	orderStatus: string;
	/** Set only while the order is in one of the shop's own statuses */
	orderStatusId?: number;
	/** Shop-local `YYYY-MM-DD HH:MM:SS` */
	orderAddDate: string;
	orderChangeDate: string;
	orderNote: string;
	currencyId: string;
	deliveryCost: number;
	client: { email: string; firstName: string; lastName: string; phone: string; countryId: string; city: string; street: string; zipCode: string };
	products: SimProduct[];
	packages: SimPackage[];
}

export interface SimMail {
	orderSerialNumber: number;
	channel: 'mail' | 'sms';
	status: string;
	to: string;
}

export interface SimRequest {
	method: string;
	path: string;
	body: unknown;
	status: number;
	at: number;
}

export interface IdoSellSimulatorOptions {
	port?: number;
	apiKey?: string;
	/** The shop's time zone; its dates are local to it (default Europe/Warsaw) */
	timeZone?: string;
	/** Requests per second per key before HTTP 429 */
	rateLimitPerSecond?: number;
	/** Milliseconds before each API answer */
	latencyMs?: number;
	/** The shop's own statuses beside the 17 built-ins */
	customStatuses?: SimOwnStatus[];
	/** Extra API keys and their right to the orders (the main key reads and writes) */
	keys?: Record<string, 'none' | 'r' | 'rw'>;
	/** How far the shop's clock is ahead of the real time (negative: behind), in seconds */
	clockSkewSeconds?: number;
	/** The shop is blocked for unpaid IdoSell invoices: `/system/serverTime` answers 207 with fault 2 */
	blocked?: boolean;
	seed?: Array<Partial<SimOrder>>;
}

const LOCAL = 'yyyy-MM-dd HH:mm:ss';
const LOCAL_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const MAX_LIMIT = 100;
/** Date types `ordersDateRange.ordersDateType` takes, and the order field each one reads. */
const DATE_TYPES: Record<string, keyof SimOrder> = { add: 'orderAddDate', modified: 'orderChangeDate' };
const DOCUMENT_TYPES = new Set(['vat_invoice', 'corrective_vat_invoice', 'other']);
/** Routes that only read the orders; every other orders route writes. */
const ORDER_READS = new Set(['GET /orders/statuses', 'POST /orders/orders/search']);

class HttpFault extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

let serial = 1000;

/** A complete order with believable defaults; override any field. */
export function makeOrder(partial: Partial<SimOrder> = {}, timeZone = 'Europe/Warsaw'): SimOrder {
	serial++;
	const now = DateTime.now().setZone(timeZone).toFormat(LOCAL);
	const number = partial.orderSerialNumber ?? serial;
	return {
		orderSerialNumber: number,
		orderId: `sklep-${number}`,
		orderStatus: 'new',
		orderAddDate: now,
		orderChangeDate: partial.orderAddDate ?? now,
		orderNote: '',
		currencyId: 'PLN',
		deliveryCost: 14.99,
		client: {
			email: `klient${number}@example.pl`,
			firstName: 'Anna',
			lastName: 'Kowalska',
			phone: '+48600100200',
			countryId: 'PL',
			city: 'Kraków',
			street: 'ul. Długa 5',
			zipCode: '31-147',
		},
		products: [
			{ productId: 501, productName: 'Kubek ceramiczny', productCode: 'KUB-01', sizeId: 'uniw', productQuantity: 2, productOrderPrice: 39.9, productVat: 23, basketPosition: 0 },
		],
		packages: [],
		...partial,
	};
}

export async function startIdoSellSimulator(options: IdoSellSimulatorOptions = {}) {
	const apiKey = options.apiKey ?? 'sim-idosell-key';
	const timeZone = options.timeZone ?? 'Europe/Warsaw';
	let rateLimit = options.rateLimitPerSecond ?? 10;
	const customStatuses = [...(options.customStatuses ?? [])];
	const keys: Record<string, 'none' | 'r' | 'rw'> = { ...options.keys, [apiKey]: 'rw' };
	let clockSkewMs = (options.clockSkewSeconds ?? 0) * 1000;
	const orders = new Map<number, SimOrder>();
	const mails: SimMail[] = [];
	const documents: SimDocument[] = [];
	/** Documents IdoSell issued itself through /orders/documents/create */
	const issuedDocuments: number[] = [];
	const requests: SimRequest[] = [];
	const hits: number[] = [];
	/** Orders whose next status change fails to mail (fault 3) */
	const mailFailures = new Set<number>();
	let packageId = 9000;

	const shopNow = () => Date.now() + clockSkewMs;
	const localNow = () => DateTime.fromMillis(shopNow()).setZone(timeZone).toFormat(LOCAL);
	const addOrder = (partial: Partial<SimOrder>) => {
		const order = makeOrder(partial, timeZone);
		orders.set(order.orderSerialNumber, order);
		return order;
	};
	for (const partial of options.seed ?? []) addOrder(partial);

	const ownStatus = (id: unknown) => customStatuses.find((s) => s.id === Number(id));
	/** A status as staff pick it: a built-in code or an own status id → the order's two fields. */
	const statusFields = (status: unknown): Pick<SimOrder, 'orderStatus' | 'orderStatusId'> | undefined => {
		if (BUILT_IN_IDS.has(String(status))) return { orderStatus: String(status), orderStatusId: undefined };
		const own = /^\d+$/.test(String(status)) ? ownStatus(status) : undefined;
		return own ? { orderStatus: own.parent, orderStatusId: own.id } : undefined;
	};
	const statusById = (id: number) => {
		const builtIn = BUILT_IN_STATUSES.find((s) => BUILT_IN_IDS.get(s.id) === id);
		return builtIn ? statusFields(builtIn.id) : statusFields(id);
	};
	/** The status code our mails log: the built-in code, or the own status id. */
	const statusCode = (order: SimOrder) => (order.orderStatusId === undefined ? order.orderStatus : String(order.orderStatusId));

	const wire = (order: SimOrder) => ({
		orderId: order.orderId,
		orderSerialNumber: order.orderSerialNumber,
		orderType: 'n',
		clientResult: {
			clientAccount: { clientId: 70000 + order.orderSerialNumber, clientLogin: order.client.email, clientEmail: order.client.email, clientPhone1: order.client.phone },
			clientBillingAddress: {
				clientFirstName: order.client.firstName,
				clientLastName: order.client.lastName,
				clientStreet: order.client.street,
				clientZipCode: order.client.zipCode,
				clientCity: order.client.city,
				clientCountryId: order.client.countryId,
				clientPhone1: order.client.phone,
			},
		},
		orderDetails: {
			orderStatus: order.orderStatus,
			orderStatusId: order.orderStatusId ?? BUILT_IN_IDS.get(order.orderStatus),
			orderAddDate: order.orderAddDate,
			orderChangeDate: order.orderChangeDate,
			orderNote: order.orderNote,
			payments: {
				orderCurrency: {
					currencyId: order.currencyId,
					orderProductsCost: Math.round(order.products.reduce((sum, p) => sum + p.productOrderPrice * p.productQuantity, 0) * 100) / 100,
					orderDeliveryCost: order.deliveryCost,
				},
			},
			dispatch: order.packages.length ? { courierId: order.packages[0].courierId, deliveryPackageId: String(order.packages[0].deliveryPackageId) } : undefined,
			productsResults: order.products.map((p) => ({ ...p, productVatFree: 'n' })),
		},
	});

	const dateRange = (params: Record<string, unknown>) => {
		const range = ((params.ordersRange as Record<string, unknown> | undefined)?.ordersDateRange ?? undefined) as Record<string, unknown> | undefined;
		if (!range) return undefined;
		const field = DATE_TYPES[String(range.ordersDateType ?? '')];
		if (!field) throw new HttpFault(422, `ordersDateType "${String(range.ordersDateType)}" is not allowed`);
		for (const key of ['ordersDateBegin', 'ordersDateEnd']) {
			const value = range[key];
			if (value !== undefined && !(typeof value === 'string' && LOCAL_PATTERN.test(value))) {
				throw new HttpFault(422, `${key} must be in YYYY-MM-DD HH:MM:SS format`);
			}
		}
		return { field, begin: range.ordersDateBegin as string | undefined, end: range.ordersDateEnd as string | undefined };
	};

	const search = (params: Record<string, unknown>) => {
		const page = params.resultsPage === undefined ? 0 : Number(params.resultsPage);
		const limit = params.resultsLimit === undefined ? MAX_LIMIT : Number(params.resultsLimit);
		if (!Number.isInteger(page) || page < 0) throw new HttpFault(422, 'resultsPage must be an integer from 0');
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpFault(422, `resultsLimit must be between 1 and ${MAX_LIMIT}`);
		const range = dateRange(params);
		const serials = Array.isArray(params.ordersSerialNumbers) ? (params.ordersSerialNumbers as unknown[]).map(Number) : undefined;
		const statuses = Array.isArray(params.ordersStatuses) ? (params.ordersStatuses as unknown[]).map(String) : undefined;
		const statusIds = Array.isArray(params.ordersStatusesIds) ? (params.ordersStatusesIds as unknown[]).map(Number) : undefined;
		const matching = [...orders.values()]
			.filter((o) => !serials || serials.includes(o.orderSerialNumber))
			.filter((o) => (!statuses && !statusIds) || statuses?.includes(o.orderStatus) || statusIds?.includes(o.orderStatusId ?? BUILT_IN_IDS.get(o.orderStatus) ?? 0))
			.filter((o) => {
				if (!range) return true;
				const at = o[range.field] as string;
				return (!range.begin || at >= range.begin) && (!range.end || at <= range.end);
			})
			.sort((a, b) => a.orderSerialNumber - b.orderSerialNumber);
		const slice = matching.slice(page * limit, page * limit + limit);
		if (slice.length === 0) return { status: 207, body: { errors: { faultCode: 2, faultString: 'Empty result' }, resultsNumberAll: matching.length, resultsNumberPage: Math.ceil(matching.length / limit), resultsPage: page, resultsLimit: limit } };
		return {
			status: 200,
			body: { Results: slice.map(wire), resultsNumberAll: matching.length, resultsNumberPage: Math.ceil(matching.length / limit), resultsPage: page, resultsLimit: limit },
		};
	};

	const fault = (code: number, text: string) => ({ faultCode: code, faultString: text });

	const updateOrders = (params: Record<string, unknown>) => {
		const list = params.orders;
		if (!Array.isArray(list) || list.length === 0) throw new HttpFault(422, 'params.orders is required');
		if (list.length > MAX_LIMIT) throw new HttpFault(422, `params.orders takes at most ${MAX_LIMIT} orders`);
		const results = (list as Array<Record<string, unknown>>).map((entry) => {
			const number = Number(entry.orderSerialNumber);
			const order = orders.get(number);
			const id = { orderId: order?.orderId ?? '', orderSerialNumber: entry.orderSerialNumber };
			// The docs list no fault for an unknown order; 1 (no order id or serial number) is the nearest.
			if (!order) return { ...id, ...fault(1, `Order ${String(entry.orderSerialNumber)} was not found`) };
			let target: Pick<SimOrder, 'orderStatus' | 'orderStatusId'> | undefined;
			if (entry.orderStatusId !== undefined) {
				target = Number.isInteger(entry.orderStatusId) ? statusById(Number(entry.orderStatusId)) : undefined;
				if (!target) return { ...id, ...fault(5, `No such status: ${String(entry.orderStatusId)}`) };
			} else if (entry.orderStatus !== undefined) {
				// Own statuses have no code: only orderStatusId reaches them.
				if (!BUILT_IN_IDS.has(String(entry.orderStatus))) return { ...id, ...fault(5, `No such status: ${String(entry.orderStatus)}`) };
				target = { orderStatus: String(entry.orderStatus), orderStatusId: undefined };
			}
			if (target?.orderStatus === 'joined') return { ...id, ...fault(6, 'If you want to merge orders, use the tool in the panel') };
			let changed = false;
			let mailFailed = false;
			if (entry.orderNote !== undefined && String(entry.orderNote) !== order.orderNote) {
				order.orderNote = String(entry.orderNote);
				changed = true;
			}
			if (target && (target.orderStatus !== order.orderStatus || target.orderStatusId !== order.orderStatusId)) {
				Object.assign(order, target);
				changed = true;
				const status = statusCode(order);
				const settings = (entry.settings ?? {}) as Record<string, unknown>;
				if (settings.dontSendMail !== 'y') {
					if (mailFailures.delete(number)) mailFailed = true;
					else mails.push({ orderSerialNumber: number, channel: 'mail', status, to: order.client.email });
				}
				if (settings.dontSendSMS !== 'y') mails.push({ orderSerialNumber: number, channel: 'sms', status, to: order.client.phone });
			}
			if (changed) order.orderChangeDate = localNow();
			const now = { orderStatus: order.orderStatus, orderStatusId: order.orderStatusId ?? BUILT_IN_IDS.get(order.orderStatus) };
			return mailFailed ? { ...id, ...now, ...fault(3, 'Customer has not been informed about order status change') } : { ...id, ...now, ...fault(0, '') };
		});
		const anyFault = results.some((r) => r.faultCode !== 0);
		return { status: anyFault ? 207 : 200, body: { results: { ordersResults: results } } };
	};

	const addPackages = (params: Record<string, unknown>) => {
		const list = params.orderPackages;
		if (!Array.isArray(list) || list.length === 0) throw new HttpFault(422, 'params.orderPackages is required');
		const results = (list as Array<Record<string, unknown>>).map((entry) => {
			const packages = (Array.isArray(entry.packages) ? entry.packages : []) as Array<Record<string, unknown>>;
			const failed = (code: number, text: string) => ({ eventId: entry.eventId, packagesResults: (packages.length ? packages : [{}]).map(() => ({ errors: fault(code, text) })) });
			if (entry.eventType !== 'order') return failed(6, `eventType "${String(entry.eventType)}" is not supported here`);
			const order = orders.get(Number(entry.eventId));
			if (!order) return failed(1, `Order ${String(entry.eventId)} was not found`);
			if (packages.length === 0) return failed(6, 'packages is required');
			const packagesResults = packages.map((p) => {
				const courierId = Number(p.courierId);
				if (!/^\d+$/.test(String(p.courierId ?? '')) || courierId <= 0) return { errors: fault(6, `courierId "${String(p.courierId)}" is not a courier id`) };
				const added = { deliveryPackageId: ++packageId, courierId, deliveryPackageNumber: String(p.deliveryPackageNumber ?? ''), deliveryShippingNumber: String(p.deliveryShippingNumber ?? '') };
				order.packages.push(added);
				order.orderChangeDate = localNow();
				return { deliveryPackageId: added.deliveryPackageId, errors: fault(0, '') };
			});
			return { eventId: entry.eventId, packagesResults };
		});
		const anyFault = results.some((r) => r.packagesResults.some((p) => p.errors.faultCode !== 0));
		return { status: anyFault ? 207 : 200, body: { results } };
	};

	const addDocuments = (params: Record<string, unknown>) => {
		const list = params.documents;
		if (!Array.isArray(list) || list.length === 0) throw new HttpFault(422, 'params.documents is required');
		const documentsResults = (list as Array<Record<string, unknown>>).map((entry) => {
			const id = { orderSerialNumber: entry.orderSerialNumber, name: entry.name };
			if (!orders.has(Number(entry.orderSerialNumber))) return { ...id, errors: fault(1, `Order ${String(entry.orderSerialNumber)} was not found`) };
			if (!DOCUMENT_TYPES.has(String(entry.type))) return { ...id, errors: fault(6, `type "${String(entry.type)}" is not a document type`) };
			const pdf = Buffer.from(String(entry.pdfBase64 ?? ''), 'base64');
			if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return { ...id, errors: fault(6, 'pdfBase64 is not a PDF file in base64') };
			if (!String(entry.name ?? '').trim()) return { ...id, errors: fault(6, 'name is required') };
			documents.push({ orderSerialNumber: Number(entry.orderSerialNumber), name: String(entry.name), type: String(entry.type), size: pdf.length });
			return { ...id, id: documents.length, errors: fault(0, '') };
		});
		return { status: documentsResults.some((r) => r.errors.faultCode !== 0) ? 207 : 200, body: { documentsResults } };
	};

	const overRate = () => {
		const now = Date.now();
		while (hits.length && now - hits[0] >= 1000) hits.shift();
		hits.push(now);
		return hits.length > rateLimit;
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://sim');
		const raw = (await readBody(req)).toString('utf8');
		if (url.pathname.startsWith('/_sim/')) return control(req, res, url.pathname, raw);
		let body: unknown;
		const record = (status: number) => requests.push({ method: req.method ?? '', path: url.pathname, body, status, at: Date.now() });
		const fail = (status: number, text: string) => {
			record(status);
			res.writeHead(status, { 'x-error': text, 'content-length': '0' });
			res.end();
		};
		const reply = (status: number, payload: unknown) => {
			record(status);
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(payload));
		};
		const match = /^\/api\/admin\/v\d+(\/.*)$/.exec(url.pathname);
		if (!match) {
			record(404);
			res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
			return res.end('<html><body><h1>404 Not Found</h1></body></html>');
		}
		const path = match[1];
		if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
		const right = keys[String(req.headers['x-api-key'] ?? '')];
		if (!right) return fail(401, 'Authorization failed: incorrect API key');
		if (overRate()) return fail(429, 'Too many requests: the API call limit for this key was exceeded');
		let params: Record<string, unknown> = {};
		if (req.method === 'POST' || req.method === 'PUT') {
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				return fail(422, 'Request body is not valid JSON');
			}
			if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(422, 'Request body must be a JSON object');
			// Only `params` is read; anything beside it is ignored without a word.
			const inner = (body as Record<string, unknown>).params;
			params = inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
		}
		const route = `${req.method} ${path}`;
		if (path.startsWith('/orders/')) {
			const needs = ORDER_READS.has(route) ? 'r' : 'rw';
			if (right === 'none' || (needs === 'rw' && right === 'r')) return fail(403, `Access denied for this API key. Scope: orders, level: ${needs}`);
		}
		try {
			switch (route) {
				case 'GET /system/serverTime':
					if (options.blocked) return reply(207, { time: Math.floor(shopNow() / 1000), errors: fault(2, 'The shop is blocked: IdoSell invoices are overdue') });
					return reply(200, { time: Math.floor(shopNow() / 1000) });
				case 'GET /orders/statuses':
					return reply(200, {
						statuses: [
							...BUILT_IN_STATUSES.map((s) => ({ id: BUILT_IN_IDS.get(s.id), parentId: null, panelName: s.name })),
							...customStatuses.map((s) => ({ id: s.id, parentId: BUILT_IN_IDS.get(s.parent) ?? null, panelName: s.panelName })),
						],
					});
				case 'POST /orders/orders/search': {
					const { status, body: answer } = search(params);
					return reply(status, answer);
				}
				case 'PUT /orders/orders': {
					const { status, body: answer } = updateOrders(params);
					return reply(status, answer);
				}
				case 'POST /orders/packages': {
					const { status, body: answer } = addPackages(params);
					return reply(status, answer);
				}
				case 'POST /orders/documents': {
					const { status, body: answer } = addDocuments(params);
					return reply(status, answer);
				}
				case 'POST /orders/documents/create':
					for (const n of (params.orderSerialNumbers ?? []) as number[]) issuedDocuments.push(Number(n));
					return reply(200, { results: { ordersResults: [] } });
				default:
					return fail(404, `Method ${route} does not exist`);
			}
		} catch (error) {
			if (error instanceof HttpFault) return fail(error.status, error.message);
			return fail(500, (error as Error).message);
		}
	};

	/** Demo controls: read the orders and the shop's own mails, change a status as staff would in the panel. */
	const control = (req: http.IncomingMessage, res: http.ServerResponse, path: string, raw: string) => {
		const send = (status: number, payload: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(payload));
		};
		if (req.method === 'GET' && path === '/_sim/orders') return send(200, { orders: [...orders.values()], mails, documents, issuedDocuments });
		if (req.method === 'POST' && path === '/_sim/status') {
			let input: { orderSerialNumber?: unknown; orderStatus?: unknown };
			try {
				input = JSON.parse(raw || '{}') as typeof input;
			} catch {
				return send(400, { error: 'body must be JSON: {"orderSerialNumber": 5001, "orderStatus": "packed_ready"}' });
			}
			const order = orders.get(Number(input.orderSerialNumber));
			if (!order) return send(404, { error: `no order ${String(input.orderSerialNumber)}` });
			const fields = statusFields(input.orderStatus);
			if (!fields) return send(400, { error: `unknown status ${String(input.orderStatus)}` });
			Object.assign(order, fields);
			order.orderChangeDate = localNow();
			return send(200, order);
		}
		return send(404, { error: 'unknown control path' });
	};

	const running = await listen((req, res) => {
		handle(req, res).catch((e: Error) => {
			res.writeHead(500, { 'x-error': e.message });
			res.end();
		});
	}, options.port);

	return {
		url: running.url,
		/** The panel address plus the API path, as the connector builds it */
		apiUrl: `${running.url}/api/admin/v6`,
		apiKey,
		timeZone,
		orders,
		mails,
		documents,
		issuedDocuments,
		requests,
		customStatuses,
		addOrder,
		localNow,
		/** Shop staff change a status in the panel (a built-in code or an own status id): no mail logged here, the date moves. */
		setStatusByStaff(orderSerialNumber: number, status: string | number) {
			const order = orders.get(orderSerialNumber);
			const fields = statusFields(status);
			if (!order || !fields) throw new Error(`no order ${orderSerialNumber} or no status ${status}`);
			Object.assign(order, fields);
			order.orderChangeDate = localNow();
		},
		/** The shop's clock runs this many seconds ahead of the real time (negative: behind). */
		setClockSkew(seconds: number) {
			clockSkewMs = seconds * 1000;
		},
		/** The next status change of this order that should mail fails to mail (fault 3). */
		failMailFor(orderSerialNumber: number) {
			mailFailures.add(orderSerialNumber);
		},
		setRateLimit(perSecond: number) {
			rateLimit = perSecond;
		},
		close: running.close,
	};
}

export type IdoSellSimulator = Awaited<ReturnType<typeof startIdoSellSimulator>>;

if (require.main === module) {
	startIdoSellSimulator({
		port: Number(process.env.PORT ?? 0) || undefined,
		apiKey: process.env.IDOSELL_API_KEY,
		timeZone: process.env.IDOSELL_TIME_ZONE,
	})
		.then((sim) => console.log(`IdoSell simulator on ${sim.url} (API key ${sim.apiKey.slice(0, 3)}…, zone ${sim.timeZone})`))
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}
