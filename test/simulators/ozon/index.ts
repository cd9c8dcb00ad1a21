/**
 * A local stand-in for the FBS part of Ozon's Seller API, written from the public docs and SDKs:
 * JSON POST endpoints, Client-Id/Api-Key headers, `{ code, message, details }` errors, 50 requests per second
 * per Client-Id (HTTP 429 code 8 above it), cursor paging on /v4/posting/fbs/list and offset paging on the v3 lists.
 * Run it alone with `npx tsx test/simulators/ozon/index.ts` (PORT, OZON_CLIENT_ID, OZON_API_KEY from the env).
 */
import * as http from 'node:http';
import { listen } from '../../helpers/http-server';

export interface SimProduct {
	/** Ozon SKU */
	sku: number;
	/** The seller's article */
	offer_id: string;
	name: string;
	quantity: number;
	/** Unit price as Ozon writes it, a decimal string */
	price: string;
	currency_code: string;
}

export interface SimPosting {
	posting_number: string;
	order_id: number;
	order_number: string;
	status: string;
	substatus: string;
	in_process_at: string;
	shipment_date: string;
	tracking_number: string;
	products: SimProduct[];
	customer: {
		customer_id: number;
		name: string;
		phone: string;
		address: { address_tail: string; city: string; country: string; region: string; zip_code: string; comment: string };
	} | null;
	addressee: { name: string; phone: string } | null;
	analytics_data: { region: string; city: string; delivery_type: string; warehouse: string; warehouse_id: number };
	delivery_method: { id: number; name: string; warehouse_id: number; warehouse: string; tpl_provider_id: number; tpl_provider: string };
	cancellation: {
		cancel_reason_id: number;
		cancel_reason: string;
		cancellation_type: string;
		cancellation_initiator: string;
		cancelled_after_ship: boolean;
		affect_cancellation_rating: boolean;
	};
}

export interface SimCancelledProduct {
	posting_number: string;
	sku: number;
	quantity: number;
	reason_id: number;
}

export interface SimRequest {
	method: string;
	path: string;
	clientId?: string;
	body: unknown;
	status: number;
	at: number;
}

interface FailRule {
	path: string;
	status: number;
	body: unknown;
	times: number;
	when?: (body: Record<string, unknown>) => boolean;
}

export interface OzonSimulatorOptions {
	port?: number;
	latencyMs?: number;
	clientId?: string;
	apiKey?: string;
	/** Requests per second per Client-Id before HTTP 429 */
	rateLimitPerSecond?: number;
	/** Seconds sent as Retry-After with a 429; Ozon itself sends none, so the default is none */
	retryAfterSeconds?: number;
	/** Initial postings; sample postings in several statuses when not given */
	seed?: Array<Partial<SimPosting>>;
}

/** The cancellation reasons the docs list for FBS sellers. */
export const CANCEL_REASONS = [
	{ id: 352, title: 'Товар закончился на складе продавца', type_id: 'seller', is_available_for_cancellation: true },
	{ id: 400, title: 'Остался только бракованный товар', type_id: 'seller', is_available_for_cancellation: true },
	{ id: 401, title: 'Отмена из арбитража', type_id: 'seller', is_available_for_cancellation: false },
	{ id: 402, title: 'Другое (вина продавца)', type_id: 'seller', is_available_for_cancellation: true },
	{ id: 665, title: 'Покупатель не забрал заказ', type_id: 'seller', is_available_for_cancellation: true },
	{ id: 666, title: 'Доставка в регион недоступна', type_id: 'seller', is_available_for_cancellation: true },
	{ id: 667, title: 'Заказ утерян службой доставки', type_id: 'seller', is_available_for_cancellation: true },
];

/** Statuses an rFBS seller may set itself, by endpoint. */
const SELLER_STATUS_PATHS: Record<string, string> = {
	'/v2/fbs/posting/delivering': 'delivering',
	'/v2/fbs/posting/last-mile': 'last_mile',
	'/v2/fbs/posting/delivered': 'delivered',
	'/v2/fbs/posting/sent-by-seller': 'sent_by_seller',
};

let postingCounter = 0;

/** A complete posting with believable defaults; override any field. */
export function makePosting(partial: Partial<SimPosting> = {}): SimPosting {
	postingCounter++;
	const orderNumber = partial.order_number ?? `${70000000 + postingCounter}-0001`;
	return {
		posting_number: `${orderNumber}-1`,
		order_id: 500000000 + postingCounter,
		order_number: orderNumber,
		status: 'awaiting_packaging',
		substatus: 'posting_created',
		in_process_at: new Date().toISOString(),
		shipment_date: new Date(Date.now() + 2 * 86_400_000).toISOString(),
		tracking_number: '',
		products: [
			{ sku: 1001, offer_id: 'BRK-PAD-01', name: 'Brake pads, front', quantity: 1, price: '2490.000000', currency_code: 'RUB' },
		],
		customer: null,
		addressee: null,
		analytics_data: { region: 'Москва', city: 'Москва', delivery_type: 'PVZ', warehouse: 'Main FBS', warehouse_id: 22001 },
		delivery_method: { id: 1, name: 'Ozon Логистика', warehouse_id: 22001, warehouse: 'Main FBS', tpl_provider_id: 24, tpl_provider: 'Ozon Логистика' },
		cancellation: {
			cancel_reason_id: 0,
			cancel_reason: '',
			cancellation_type: '',
			cancellation_initiator: '',
			cancelled_after_ship: false,
			affect_cancellation_rating: false,
		},
		...partial,
	};
}

/** Postings in several statuses, one of them delivered by the seller (rFBS) and so carrying a customer. */
export function samplePostings(now = Date.now()): SimPosting[] {
	const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
	return [
		makePosting({
			posting_number: '10000001-0001-1',
			order_number: '10000001-0001',
			in_process_at: at(90),
			products: [
				{ sku: 1001, offer_id: 'BRK-PAD-01', name: 'Brake pads, front', quantity: 2, price: '2490.000000', currency_code: 'RUB' },
				{ sku: 1002, offer_id: 'OIL-FLT-07', name: 'Oil filter', quantity: 1, price: '690.000000', currency_code: 'RUB' },
			],
		}),
		makePosting({
			posting_number: '10000002-0001-1',
			order_number: '10000002-0001',
			in_process_at: at(60),
			products: [{ sku: 1003, offer_id: 'SPARK-4', name: 'Spark plug set', quantity: 4, price: '450.500000', currency_code: 'RUB' }],
			customer: {
				customer_id: 77001,
				name: 'Иван Петров',
				phone: '',
				address: { address_tail: 'ул. Ленина, д. 5, кв. 12', city: 'Казань', country: 'Россия', region: 'Республика Татарстан', zip_code: '420111', comment: '' },
			},
			addressee: { name: 'Иван Петров', phone: '' },
			analytics_data: { region: 'Республика Татарстан', city: 'Казань', delivery_type: 'Courier', warehouse: 'Main FBS', warehouse_id: 22001 },
		}),
		makePosting({ posting_number: '10000003-0001-1', order_number: '10000003-0001', in_process_at: at(300), status: 'awaiting_deliver', substatus: 'posting_awaiting_passport_data' }),
		makePosting({ posting_number: '10000004-0001-1', order_number: '10000004-0001', in_process_at: at(2000), status: 'delivered', substatus: 'posting_received' }),
		makePosting({ posting_number: '10000005-0001-1', order_number: '10000005-0001', in_process_at: at(1500), status: 'cancelled', substatus: 'posting_canceled' }),
	];
}

function v3Posting(posting: SimPosting) {
	return { ...posting, products: posting.products.map((p) => ({ ...p })) };
}

/** /v4/posting/fbs/list writes a price as an object, `{ amount, currency }`. */
function v4Posting(posting: SimPosting) {
	return {
		...posting,
		products: posting.products.map(({ price, currency_code, ...rest }) => ({ ...rest, price: { amount: price, currency: currency_code } })),
	};
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('error', reject);
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			if (!text) return resolve({});
			try {
				resolve(JSON.parse(text));
			} catch {
				resolve(undefined);
			}
		});
	});
}

class OzonError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

const invalid = (message: string) => new OzonError(400, 3, message);

function pageLimit(value: unknown, max: number): number {
	if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
		throw invalid(`limit must be between 1 and ${max}`);
	}
	return value as number;
}

function timeWindow(filter: Record<string, unknown>, fromKey: string, toKey: string): [number, number] {
	const from = Date.parse(String(filter[fromKey] ?? ''));
	const to = Date.parse(String(filter[toKey] ?? ''));
	if (Number.isNaN(from) || Number.isNaN(to)) throw invalid(`filter.${fromKey} and filter.${toKey} are required`);
	if (to - from > 366 * 86_400_000) throw invalid('the period must not be longer than one year');
	return [from, to];
}

export async function startOzonSimulator(options: OzonSimulatorOptions = {}) {
	const clientId = options.clientId ?? 'sim-client';
	const apiKey = options.apiKey ?? 'sim-api-key';
	let latencyMs = options.latencyMs ?? 0;
	let rateLimit = options.rateLimitPerSecond ?? 50;
	const postings = new Map<string, SimPosting>();
	const cancelledProducts: SimCancelledProduct[] = [];
	const requests: SimRequest[] = [];
	const failRules: FailRule[] = [];
	const hits = new Map<string, number[]>();

	const seed = (list: Array<Partial<SimPosting>>) => {
		for (const partial of list) {
			const posting = makePosting(partial);
			postings.set(posting.posting_number, posting);
		}
	};
	seed(options.seed ?? samplePostings());

	const sorted = () =>
		[...postings.values()].sort(
			(a, b) => Date.parse(a.in_process_at) - Date.parse(b.in_process_at) || a.posting_number.localeCompare(b.posting_number),
		);

	const postingOr404 = (postingNumber: unknown) => {
		const posting = postings.get(String(postingNumber ?? ''));
		if (!posting) throw new OzonError(404, 5, 'Posting not found');
		return posting;
	};

	const reasonOrError = (id: unknown, message: unknown) => {
		const reason = CANCEL_REASONS.find((r) => r.id === Number(id));
		if (!reason) throw invalid(`cancel_reason_id ${String(id)} is not a valid cancellation reason`);
		if (!reason.is_available_for_cancellation) throw invalid(`cancel_reason_id ${reason.id} is not available for cancellation`);
		if (reason.id === 402 && !String(message ?? '').trim()) throw invalid('cancel_reason_message is required for cancel_reason_id 402');
		return reason;
	};

	const markCancelled = (posting: SimPosting, reason: (typeof CANCEL_REASONS)[number]) => {
		posting.status = 'cancelled';
		posting.substatus = 'posting_canceled';
		posting.cancellation = {
			cancel_reason_id: reason.id,
			cancel_reason: reason.title,
			cancellation_type: 'seller',
			cancellation_initiator: 'Продавец',
			cancelled_after_ship: false,
			affect_cancellation_rating: true,
		};
	};

	const routes: Record<string, (body: Record<string, unknown>) => unknown> = {
		'/v1/roles': () => ({
			roles: [{ name: 'Admin', methods: ['/v4/posting/fbs/list', '/v3/posting/fbs/get', '/v4/posting/fbs/ship', '/v2/posting/fbs/cancel'] }],
			expires_at: new Date(Date.now() + 365 * 86_400_000).toISOString(),
		}),

		'/v4/posting/fbs/list': (body) => {
			const filter = (body.filter ?? {}) as Record<string, unknown>;
			const [from, to] = timeWindow(filter, 'since', 'to');
			const limit = pageLimit(body.limit, 100);
			const statuses = Array.isArray(filter.statuses) ? (filter.statuses as string[]) : filter.status ? [String(filter.status)] : [];
			const matching = sorted().filter((p) => {
				const at = Date.parse(p.in_process_at);
				return at >= from && at <= to && (statuses.length === 0 || statuses.includes(p.status));
			});
			if (body.sort_dir === 'DESC') matching.reverse();
			let offset = 0;
			if (body.cursor) {
				const decoded = Number(Buffer.from(String(body.cursor), 'base64url').toString('utf8').replace(/^o:/, ''));
				if (!Number.isInteger(decoded) || decoded < 0) throw invalid('cursor is not valid');
				offset = decoded;
			}
			const page = matching.slice(offset, offset + limit);
			const hasNext = offset + limit < matching.length;
			return {
				postings: page.map(v4Posting),
				has_next: hasNext,
				cursor: hasNext ? Buffer.from(`o:${offset + limit}`).toString('base64url') : '',
			};
		},

		'/v3/posting/fbs/list': (body) => {
			const filter = (body.filter ?? {}) as Record<string, unknown>;
			const [from, to] = timeWindow(filter, 'since', 'to');
			const limit = pageLimit(body.limit, 1000);
			const offset = Number(body.offset ?? 0);
			const matching = sorted().filter((p) => {
				const at = Date.parse(p.in_process_at);
				return at >= from && at <= to && (!filter.status || p.status === filter.status);
			});
			if (String(body.dir ?? '').toUpperCase() === 'DESC') matching.reverse();
			return { result: { postings: matching.slice(offset, offset + limit).map(v3Posting), has_next: offset + limit < matching.length } };
		},

		'/v3/posting/fbs/unfulfilled/list': (body) => {
			const filter = (body.filter ?? {}) as Record<string, unknown>;
			if (!filter.cutoff_from && !filter.delivering_date_from) throw invalid('filter.cutoff_from or filter.delivering_date_from is required');
			const [from, to] = filter.cutoff_from ? timeWindow(filter, 'cutoff_from', 'cutoff_to') : timeWindow(filter, 'delivering_date_from', 'delivering_date_to');
			const limit = pageLimit(body.limit, 1000);
			const offset = Number(body.offset ?? 0);
			const open = new Set(['awaiting_registration', 'acceptance_in_progress', 'awaiting_approve', 'awaiting_packaging', 'awaiting_deliver']);
			const matching = sorted().filter((p) => {
				const at = Date.parse(p.shipment_date);
				return open.has(p.status) && at >= from && at <= to && (!filter.status || p.status === filter.status);
			});
			return { result: { postings: matching.slice(offset, offset + limit).map(v3Posting), count: matching.length } };
		},

		'/v3/posting/fbs/get': (body) => ({ result: v3Posting(postingOr404(body.posting_number)) }),

		'/v4/posting/fbs/ship': (body) => {
			const posting = postingOr404(body.posting_number);
			if (posting.status !== 'awaiting_packaging') throw invalid(`POSTING_ALREADY_SHIPPED: posting is ${posting.status}`);
			const packed = new Map<number, number>();
			for (const pkg of (body.packages ?? []) as Array<{ products?: Array<{ product_id?: number; quantity?: number }> }>) {
				for (const item of pkg.products ?? []) {
					const sku = Number(item.product_id);
					if (!posting.products.some((p) => p.sku === sku)) throw invalid(`product_id ${sku} is not in posting ${posting.posting_number}`);
					packed.set(sku, (packed.get(sku) ?? 0) + Number(item.quantity ?? 0));
				}
			}
			if (packed.size === 0) throw invalid('packages must not be empty');
			for (const product of posting.products) {
				if ((packed.get(product.sku) ?? 0) !== product.quantity) {
					throw invalid(`quantity of product_id ${product.sku} in packages must be ${product.quantity}`);
				}
			}
			posting.status = 'awaiting_deliver';
			posting.substatus = 'posting_awaiting_passport_data';
			return { result: [posting.posting_number], additional_data: [] };
		},

		'/v2/posting/fbs/cancel': (body) => {
			const posting = postingOr404(body.posting_number);
			const reason = reasonOrError(body.cancel_reason_id, body.cancel_reason_message);
			if (['cancelled', 'delivered'].includes(posting.status)) throw invalid(`posting is ${posting.status} and cannot be cancelled`);
			markCancelled(posting, reason);
			return { result: true };
		},

		'/v2/posting/fbs/product/cancel': (body) => {
			const posting = postingOr404(body.posting_number);
			const reason = reasonOrError(body.cancel_reason_id, body.cancel_reason_message);
			if (posting.status !== 'awaiting_packaging') throw invalid(`posting is ${posting.status}; products can be cancelled only before packaging`);
			const items = (body.items ?? []) as Array<{ sku?: number; quantity?: number }>;
			if (items.length === 0) throw invalid('items must not be empty');
			for (const item of items) {
				const product = posting.products.find((p) => p.sku === Number(item.sku));
				if (!product) throw invalid(`sku ${item.sku} is not in posting ${posting.posting_number}`);
				if (!Number.isInteger(item.quantity) || (item.quantity as number) < 1 || (item.quantity as number) > product.quantity) {
					throw invalid(`quantity for sku ${item.sku} must be between 1 and ${product.quantity}`);
				}
			}
			for (const item of items) {
				const product = posting.products.find((p) => p.sku === Number(item.sku)) as SimProduct;
				product.quantity -= item.quantity as number;
				cancelledProducts.push({ posting_number: posting.posting_number, sku: product.sku, quantity: item.quantity as number, reason_id: reason.id });
			}
			posting.products = posting.products.filter((p) => p.quantity > 0);
			if (posting.products.length === 0) markCancelled(posting, reason);
			return { result: posting.posting_number };
		},

		'/v2/posting/fbs/cancel-reason/list': () => ({ result: CANCEL_REASONS }),

		'/v2/fbs/posting/tracking-number/set': (body) => {
			const pairs = (body.tracking_numbers ?? []) as Array<{ posting_number?: string; tracking_number?: string }>;
			if (pairs.length === 0) throw invalid('tracking_numbers must not be empty');
			return {
				result: pairs.map((pair) => {
					const posting = postings.get(String(pair.posting_number ?? ''));
					if (!posting) return { posting_number: pair.posting_number, result: false, error: ['POSTING_NOT_FOUND'] };
					if (!pair.tracking_number) return { posting_number: pair.posting_number, result: false, error: ['TRACKING_NUMBER_IS_EMPTY'] };
					posting.tracking_number = pair.tracking_number;
					return { posting_number: pair.posting_number, result: true, error: [] };
				}),
			};
		},
	};
	for (const [path, status] of Object.entries(SELLER_STATUS_PATHS)) {
		routes[path] = (body) => {
			const numbers = Array.isArray(body.posting_number) ? (body.posting_number as string[]) : [];
			if (numbers.length === 0) throw invalid('posting_number must not be empty');
			return {
				result: numbers.map((number) => {
					const posting = postings.get(number);
					if (!posting) return { posting_number: number, result: false, error: ['POSTING_NOT_FOUND'] };
					posting.status = status;
					return { posting_number: number, result: true, error: [] };
				}),
			};
		};
	}

	const overRate = (id: string) => {
		const now = Date.now();
		const recent = (hits.get(id) ?? []).filter((t) => now - t < 1000);
		recent.push(now);
		hits.set(id, recent);
		return recent.length > rateLimit;
	};

	const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};
	const error = (code: number, message: string) => ({ code, message, details: [] });

	const control = async (req: http.IncomingMessage, res: http.ServerResponse, path: string) => {
		if (req.method === 'GET' && path === '/_sim/postings') return send(res, 200, { postings: sorted(), cancelledProducts });
		if (req.method === 'POST' && path === '/_sim/postings') {
			const body = (await readJson(req)) as Partial<SimPosting> | undefined;
			if (!body || typeof body !== 'object') return send(res, 400, error(3, 'body must be a JSON posting'));
			const posting = addPosting(body);
			return send(res, 201, posting);
		}
		return send(res, 404, error(5, 'unknown control path'));
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const path = new URL(req.url ?? '/', 'http://sim').pathname;
		if (path.startsWith('/_sim/')) return control(req, res, path);
		if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
		const body = await readJson(req);
		const headerClient = req.headers['client-id'] as string | undefined;
		const record = (status: number) => requests.push({ method: req.method ?? '', path, clientId: headerClient, body, status, at: Date.now() });
		const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
			record(status);
			send(res, status, payload, headers);
		};

		const headerKey = req.headers['api-key'] as string | undefined;
		if (!headerClient || !headerKey) return reply(401, error(16, 'Client-Id and Api-Key headers are required'));
		if (headerClient !== clientId) return reply(400, error(3, 'Invalid Client-Id header value'));
		if (headerKey !== apiKey) return reply(404, error(5, 'Invalid Api-Key, please contact support'));
		if (overRate(headerClient)) {
			const headers: Record<string, string> = options.retryAfterSeconds !== undefined ? { 'retry-after': String(options.retryAfterSeconds) } : {};
			return reply(429, error(8, 'You have reached request rate limit per second'), headers);
		}
		if (req.method !== 'POST') return reply(405, error(12, 'Method Not Allowed'));
		if (body === undefined || typeof body !== 'object' || Array.isArray(body)) return reply(400, error(3, 'Invalid JSON payload'));

		const rule = failRules.find((r) => r.path === path && r.times > 0 && (!r.when || r.when(body as Record<string, unknown>)));
		if (rule) {
			rule.times--;
			return reply(rule.status, rule.body ?? error(13, 'Internal error'));
		}
		const route = routes[path];
		if (!route) return reply(404, error(5, `Method ${path} not found`));
		try {
			reply(200, route(body as Record<string, unknown>));
		} catch (e) {
			if (e instanceof OzonError) return reply(e.status, error(e.code, e.message));
			reply(500, error(13, (e as Error).message));
		}
	};

	const running = await listen((req, res) => {
		handle(req, res).catch((e) => send(res, 500, error(13, (e as Error).message)));
	}, options.port);
	const port = Number(new URL(running.url).port);

	function addPosting(partial: Partial<SimPosting>): SimPosting {
		const posting = makePosting(partial);
		postings.set(posting.posting_number, posting);
		return posting;
	}

	return {
		url: running.url,
		port,
		clientId,
		apiKey,
		postings,
		cancelledProducts,
		requests,
		addPosting,
		seed,
		/** Drops every posting and recorded request. */
		reset() {
			postings.clear();
			cancelledProducts.length = 0;
			requests.length = 0;
			failRules.length = 0;
		},
		/** Answers the next `times` calls to `path` (optionally only those whose body matches) with `status`/`body`. */
		failNext(path: string, failure: { status: number; body?: unknown; times?: number; when?: (body: Record<string, unknown>) => boolean }) {
			failRules.push({ path, status: failure.status, body: failure.body, times: failure.times ?? 1, when: failure.when });
		},
		setLatency(ms: number) {
			latencyMs = ms;
		},
		setRateLimit(perSecond: number) {
			rateLimit = perSecond;
		},
		close: running.close,
	};
}

export type OzonSimulator = Awaited<ReturnType<typeof startOzonSimulator>>;

if (require.main === module) {
	startOzonSimulator({
		port: Number(process.env.PORT ?? 0) || undefined,
		clientId: process.env.OZON_CLIENT_ID,
		apiKey: process.env.OZON_API_KEY,
	})
		.then((sim) => console.log(`Ozon simulator on ${sim.url} (Client-Id ${sim.clientId})`))
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}
