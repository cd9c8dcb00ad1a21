/**
 * A local stand-in for the orders part of the IdoSell Admin API (https://{shop}/api/admin/v{N}/…), written from the
 * public docs and SDKs, strict where they allow two readings:
 * - the key in X-API-KEY; POST/PUT bodies are `{"params":{…}}` and anything beside `params` is ignored silently (a
 *   search filter put there returns every order);
 * - dates are shop-local `YYYY-MM-DD HH:MM:SS` without a zone, ranges inclusive at both ends;
 * - `resultsPage` from 0, `resultsLimit` 1…100, answers carry `Results` (capital R), `resultsNumberAll`, `resultsNumberPage`;
 * - per-order faults in 200/207 answers (`faultCode`/`faultString`): 2 = empty result, 3 = status changed but the
 *   shop's mail failed, others = not changed;
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
	orderStatus: string;
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
	/** The shop's own statuses beside the 17 built-ins, as `GET /orders/statuses` lists them */
	customStatuses?: Array<{ id: string; name: string }>;
	seed?: Array<Partial<SimOrder>>;
}

const LOCAL = 'yyyy-MM-dd HH:mm:ss';
const LOCAL_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const MAX_LIMIT = 100;
/** Date types `ordersDateRange.ordersDateType` takes, and the order field each one reads. */
const DATE_TYPES: Record<string, keyof SimOrder> = { add: 'orderAddDate', modified: 'orderChangeDate' };
const DOCUMENT_TYPES = new Set(['vat_invoice', 'corrective_vat_invoice', 'other']);

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

	const localNow = () => DateTime.now().setZone(timeZone).toFormat(LOCAL);
	const addOrder = (partial: Partial<SimOrder>) => {
		const order = makeOrder(partial, timeZone);
		orders.set(order.orderSerialNumber, order);
		return order;
	};
	for (const partial of options.seed ?? []) addOrder(partial);

	const knownStatus = (status: string) => BUILT_IN_STATUSES.some((s) => s.id === status) || customStatuses.some((s) => s.id === status);

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
		if (!field) throw new HttpFault(400, `ordersDateType "${String(range.ordersDateType)}" is not allowed`);
		for (const key of ['ordersDateBegin', 'ordersDateEnd']) {
			const value = range[key];
			if (value !== undefined && !(typeof value === 'string' && LOCAL_PATTERN.test(value))) {
				throw new HttpFault(400, `${key} must be in YYYY-MM-DD HH:MM:SS format`);
			}
		}
		return { field, begin: range.ordersDateBegin as string | undefined, end: range.ordersDateEnd as string | undefined };
	};

	const search = (params: Record<string, unknown>) => {
		const page = params.resultsPage === undefined ? 0 : Number(params.resultsPage);
		const limit = params.resultsLimit === undefined ? MAX_LIMIT : Number(params.resultsLimit);
		if (!Number.isInteger(page) || page < 0) throw new HttpFault(400, 'resultsPage must be an integer from 0');
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpFault(400, `resultsLimit must be between 1 and ${MAX_LIMIT}`);
		const range = dateRange(params);
		const serials = Array.isArray(params.ordersSerialNumbers) ? (params.ordersSerialNumbers as unknown[]).map(Number) : undefined;
		const statuses = Array.isArray(params.ordersStatuses) ? (params.ordersStatuses as unknown[]).map(String) : undefined;
		const matching = [...orders.values()]
			.filter((o) => !serials || serials.includes(o.orderSerialNumber))
			.filter((o) => !statuses || statuses.includes(o.orderStatus))
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
		if (!Array.isArray(list) || list.length === 0) throw new HttpFault(400, 'params.orders is required');
		if (list.length > MAX_LIMIT) throw new HttpFault(400, `params.orders takes at most ${MAX_LIMIT} orders`);
		const results = (list as Array<Record<string, unknown>>).map((entry) => {
			const number = Number(entry.orderSerialNumber);
			const order = orders.get(number);
			const id = { orderSerialNumber: entry.orderSerialNumber };
			if (!order) return { ...id, ...fault(5, `Order ${String(entry.orderSerialNumber)} does not exist`) };
			const status = entry.orderStatus === undefined ? undefined : String(entry.orderStatus);
			if (status !== undefined && !knownStatus(status)) return { ...id, ...fault(6, `Incorrect order status: ${status}`) };
			let changed = false;
			let mailFailed = false;
			if (entry.orderNote !== undefined && String(entry.orderNote) !== order.orderNote) {
				order.orderNote = String(entry.orderNote);
				changed = true;
			}
			if (status !== undefined && status !== order.orderStatus) {
				order.orderStatus = status;
				changed = true;
				const settings = (entry.settings ?? {}) as Record<string, unknown>;
				if (settings.dontSendMail !== 'y') {
					if (mailFailures.delete(number)) mailFailed = true;
					else mails.push({ orderSerialNumber: number, channel: 'mail', status, to: order.client.email });
				}
				if (settings.dontSendSMS !== 'y') mails.push({ orderSerialNumber: number, channel: 'sms', status, to: order.client.phone });
			}
			if (changed) order.orderChangeDate = localNow();
			return mailFailed ? { ...id, ...fault(3, 'Order status changed, but the e-mail to the customer was not sent') } : { ...id, ...fault(0, '') };
		});
		const anyFault = results.some((r) => r.faultCode !== 0);
		return { status: anyFault ? 207 : 200, body: { results: { ordersResults: results } } };
	};

	const addPackages = (params: Record<string, unknown>) => {
		const list = params.orderPackages;
		if (!Array.isArray(list) || list.length === 0) throw new HttpFault(400, 'params.orderPackages is required');
		const results = (list as Array<Record<string, unknown>>).map((entry) => {
			const id = { eventId: entry.eventId };
			if (entry.eventType !== 'order') return { ...id, ...fault(6, `eventType "${String(entry.eventType)}" is not supported here`) };
			const order = orders.get(Number(entry.eventId));
			if (!order) return { ...id, ...fault(5, `Order ${String(entry.eventId)} does not exist`) };
			const packages = (Array.isArray(entry.packages) ? entry.packages : []) as Array<Record<string, unknown>>;
			if (packages.length === 0) return { ...id, ...fault(6, 'packages is required') };
			const added: SimPackage[] = [];
			for (const p of packages) {
				const courierId = Number(p.courierId);
				if (!Number.isInteger(courierId) || courierId <= 0) return { ...id, ...fault(6, `courierId "${String(p.courierId)}" is not a courier id`) };
				added.push({ deliveryPackageId: ++packageId, courierId, deliveryPackageNumber: String(p.deliveryPackageNumber ?? ''), deliveryShippingNumber: String(p.deliveryShippingNumber ?? '') });
			}
			order.packages.push(...added);
			order.orderChangeDate = localNow();
			return { ...id, ...fault(0, ''), packages: added.map((p) => ({ deliveryPackageId: p.deliveryPackageId })) };
		});
		return { status: results.some((r) => r.faultCode !== 0) ? 207 : 200, body: { results: { ordersResults: results } } };
	};

	const addDocuments = (params: Record<string, unknown>) => {
		const list = params.documents;
		if (!Array.isArray(list) || list.length === 0) throw new HttpFault(400, 'params.documents is required');
		const results = (list as Array<Record<string, unknown>>).map((entry) => {
			const id = { orderSerialNumber: entry.orderSerialNumber };
			if (!orders.has(Number(entry.orderSerialNumber))) return { ...id, ...fault(5, `Order ${String(entry.orderSerialNumber)} does not exist`) };
			if (!DOCUMENT_TYPES.has(String(entry.type))) return { ...id, ...fault(6, `type "${String(entry.type)}" is not a document type`) };
			const pdf = Buffer.from(String(entry.pdfBase64 ?? ''), 'base64');
			if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return { ...id, ...fault(6, 'pdfBase64 is not a PDF file in base64') };
			if (!String(entry.name ?? '').trim()) return { ...id, ...fault(6, 'name is required') };
			documents.push({ orderSerialNumber: Number(entry.orderSerialNumber), name: String(entry.name), type: String(entry.type), size: pdf.length });
			return { ...id, ...fault(0, ''), documentId: documents.length };
		});
		return { status: results.some((r) => r.faultCode !== 0) ? 207 : 200, body: { results: { ordersResults: results } } };
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
		if (req.headers['x-api-key'] !== apiKey) return fail(401, 'Authorization failed: incorrect API key');
		if (overRate()) return fail(429, 'Too many requests: the API call limit for this key was exceeded');
		let params: Record<string, unknown> = {};
		if (req.method === 'POST' || req.method === 'PUT') {
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				return fail(400, 'Request body is not valid JSON');
			}
			if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'Request body must be a JSON object');
			// Only `params` is read; anything beside it is ignored without a word.
			const inner = (body as Record<string, unknown>).params;
			params = inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
		}
		const route = `${req.method} ${path}`;
		try {
			switch (route) {
				case 'GET /system/serverTime':
					return reply(200, { time: localNow() });
				case 'GET /orders/statuses':
					return reply(200, { statuses: [...BUILT_IN_STATUSES, ...customStatuses] });
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
			if (!knownStatus(String(input.orderStatus))) return send(400, { error: `unknown status ${String(input.orderStatus)}` });
			order.orderStatus = String(input.orderStatus);
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
		/** Shop staff change a status in the panel: no mail logged here, the date moves. */
		setStatusByStaff(orderSerialNumber: number, status: string) {
			const order = orders.get(orderSerialNumber);
			if (!order) throw new Error(`no order ${orderSerialNumber}`);
			order.orderStatus = status;
			order.orderChangeDate = localNow();
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
