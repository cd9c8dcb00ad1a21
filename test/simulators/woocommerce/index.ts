/**
 * A WooCommerce REST API v3 stand-in, written from the WooCommerce REST docs: Basic auth with consumer key/secret,
 * JSON errors `{code, message, data: {status}}`, paging headers, batch limit (413 above 100 objects), reports of
 * order totals with custom statuses, notes, order actions, products with stock, the Shipment Tracking endpoint,
 * and a webhook registry that really delivers signed webhooks. Runs from plain Node via tsx.
 *
 * The site has a time zone (Europe/Prague unless told otherwise) and reads date filters the way WordPress 6.8's
 * WP_Date_Query does: the value is rendered as a site wall time and, with `dates_are_gmt=true`, compared with the
 * GMT column as it is — so `…Z` means an hour later on a Prague site, and a zoneless wall time the site's clock
 * skips is moved forward by the skipped span, as PHP's date_create does.
 */
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import { listen } from '../../helpers/http-server';
import type { WooLineItem, WooMeta, WooOrder, WooProduct, WooWebhook } from '../../../lib/connectors/woocommerce/wire';
import { wallTimeIn } from '../../../lib/connectors/woocommerce/site-time';

export interface WooSimulatorOptions {
	port?: number;
	latencyMs?: number;
	/** How long a status batch works on each order, changing them one after another (a small host: ~200 ms) */
	batchItemMs?: number;
	consumerKey?: string;
	consumerSecret?: string;
	/** Statuses added by plugins, besides the core ones */
	customStatuses?: Array<{ slug: string; name: string }>;
	/** Whether the Shipment Tracking plugin's endpoint exists (default true) */
	shipmentTracking?: boolean;
	/** Whether the order actions endpoint exists (WooCommerce 9.8+, default true) */
	orderActions?: boolean;
	/** Tax rate applied to every line, as a fraction (default 0.2); `sim.taxRate = …` changes the tax table later */
	taxRate?: number;
	/** The "Backordered" line meta key in the admin's language, e.g. "Na objednávku" (default English) */
	backorderedMetaKey?: string;
	/** The site's IANA time zone, WordPress's `timezone_string` (default Europe/Prague) */
	timeZone?: string;
	seed?: { orders?: Array<Partial<WooOrder>>; products?: Array<Partial<WooProduct>> };
}

export interface SimNote {
	id: number;
	note: string;
	customer_note: boolean;
	date_created_gmt: string;
}

export interface DeliveryResult {
	webhookId: number;
	deliveryId: string;
	status: number;
	body: string;
}

interface Failure {
	status: number;
	remaining: number;
	retryAfter?: number;
	path?: string;
}

export interface DeliverOptions {
	/** Deliver this many times, each with its own delivery id (WooCommerce often sends an update twice) */
	times?: number;
	/** Send with this delivery id (a redelivery) */
	repeatDeliveryId?: string;
	/** Sign with a wrong secret */
	forged?: boolean;
	/** Leave the signature header out */
	unsigned?: boolean;
	/** Only this webhook */
	webhookId?: number;
	/** The order as it was when this delivery was built (held up on the way, or replayed later) instead of as it is now */
	payload?: WooOrder;
}

const TAX_RATE_ID = 1;
const ADMIN_EMAIL = 'admin@example.com';

const CORE_STATUSES = [
	{ slug: 'pending', name: 'Pending payment' },
	{ slug: 'processing', name: 'Processing' },
	{ slug: 'on-hold', name: 'On hold' },
	{ slug: 'completed', name: 'Completed' },
	{ slug: 'cancelled', name: 'Cancelled' },
	{ slug: 'refunded', name: 'Refunded' },
	{ slug: 'failed', name: 'Failed' },
	{ slug: 'checkout-draft', name: 'Draft' },
];

class WooHttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly params?: Record<string, string>,
	) {
		super(message);
	}
	body() {
		return { code: this.code, message: this.message, data: { status: this.status, ...(this.params ? { params: this.params } : {}) } };
	}
}

const invalidOrder = () => new WooHttpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
const noRoute = () => new WooHttpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');

/** Seconds precision, no zone: the way WooCommerce writes *_gmt dates. */
const wooDate = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
/** The date-time format WordPress's REST API accepts (rest_parse_date). */
const REST_DATE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const HAS_ZONE = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const money = (value: number) => (Math.round(value * 100) / 100).toFixed(2);

export async function startWooSimulator(options: WooSimulatorOptions = {}) {
	const consumerKey = options.consumerKey ?? 'ck_test';
	const consumerSecret = options.consumerSecret ?? 'cs_test';
	const timeZone = options.timeZone ?? 'Europe/Prague';
	/** WooCommerce writes this line meta key in the admin's language (`__( 'Backordered', 'woocommerce' )`). */
	const backorderedMetaKey = options.backorderedMetaKey ?? 'Backordered';
	/** A GMT date as the site's wall time, the way the local `date_*` fields are written. */
	const localDate = (gmt: string) => wooDate(wallTimeIn(Date.parse(`${gmt}Z`), timeZone));
	/** The instant PHP's date_create gives a value in the site's zone: a zoneless wall time the clock skips moves forward. */
	function phpInstant(value: string): number {
		if (HAS_ZONE.test(value)) return Date.parse(value.replace(' ', 'T'));
		const wall = Date.parse(`${value.replace(' ', 'T')}Z`);
		const offsetAt = (instant: number) => wallTimeIn(instant, timeZone) - instant;
		const before = offsetAt(wall - 86_400_000);
		const after = offsetAt(wall + 86_400_000);
		const exact = [wall - before, wall - after].filter((instant) => wallTimeIn(instant, timeZone) === wall).sort((a, b) => a - b);
		return exact[0] ?? wall - before;
	}
	/** Whether a GMT column value is after a date filter (WP_Date_Query with HPOS: GMT column, or local converted to GMT). */
	function isAfter(gmt: string | undefined, name: string, value: string, datesAreGmt: boolean) {
		if (!REST_DATE.test(value)) {
			throw new WooHttpError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, { [name]: 'Invalid date.' });
		}
		const column = Date.parse(`${gmt}Z`);
		const instant = datesAreGmt ? wallTimeIn(phpInstant(value), timeZone) : phpInstant(value);
		return column > Math.floor(instant / 1000) * 1000;
	}
	const statuses = [...CORE_STATUSES, ...(options.customStatuses ?? [])];
	const orders = new Map<number, WooOrder>();
	const products = new Map<number, WooProduct & { parent_id?: number; price: string }>();
	const notes = new Map<number, SimNote[]>();
	const webhooks = new Map<number, WooWebhook & { secret: string; failure_count: number }>();
	const emails: Array<{ to: string; kind: string; orderId: number; text?: string }> = [];
	/** Mails turned off under WooCommerce → Settings → Emails (REST: PUT /settings/email_<kind>/enabled) */
	const disabledMails = new Set<string>();
	const deliveries: Array<DeliveryResult & { topic: string; orderId?: number }> = [];
	const requests: Array<{ method: string; path: string; body?: unknown }> = [];
	const failures: Failure[] = [];
	let nextId = 1000;
	let siteUrl = '';
	const state = { requestCount: 0, latencyMs: options.latencyMs ?? 0, batchItemMs: options.batchItemMs ?? 0, taxRate: options.taxRate ?? 0.2 };

	const validStatus = (status: string) => statuses.some((s) => s.slug === status);

	/** The mail ids of WooCommerce's Settings → Emails (their setting groups are email_<id>) */
	const WOO_MAIL_KINDS = ['new_order', 'cancelled_order', 'failed_order', 'customer_on_hold_order', 'customer_processing_order', 'customer_completed_order', 'customer_refunded_order', 'customer_invoice', 'customer_note', 'customer_reset_password', 'customer_new_account', 'customer_failed_order'];

	/** The mails WooCommerce 10 sends by default when an order moves between statuses (includes/emails; the real shop's mail log agrees). */
	function statusMails(from: string, to: string): Array<{ kind: string; admin: boolean }> {
		const mails: Array<{ kind: string; admin: boolean }> = [];
		const entering = (froms: string[], tos: string[]) => froms.includes(from) && tos.includes(to);
		if (entering(['pending', 'failed', 'cancelled'], ['processing', 'completed', 'on-hold'])) mails.push({ kind: 'new_order', admin: true });
		if (entering(['pending', 'failed', 'cancelled', 'on-hold'], ['processing'])) mails.push({ kind: 'customer_processing_order', admin: false });
		if (entering(['pending', 'failed', 'cancelled'], ['on-hold'])) mails.push({ kind: 'customer_on_hold_order', admin: false });
		if (to === 'completed') mails.push({ kind: 'customer_completed_order', admin: false });
		if (entering(['processing', 'on-hold'], ['cancelled'])) mails.push({ kind: 'cancelled_order', admin: true });
		if (entering(['pending', 'on-hold'], ['failed'])) mails.push({ kind: 'failed_order', admin: true });
		if (to === 'failed') mails.push({ kind: 'customer_failed_order', admin: false });
		return mails;
	}

	/** A status change with what WooCommerce does on it: its mails, and the paid date on entering a paid status. */
	function changeStatus(order: WooOrder, to: string) {
		const from = order.status;
		order.status = to;
		if (from === to) return;
		if ((to === 'processing' || to === 'completed') && !order.date_paid_gmt) order.date_paid_gmt = wooDate(Date.now());
		if (['processing', 'completed', 'on-hold'].includes(to)) reduceStock(order);
		if (['cancelled', 'pending'].includes(to)) restock(order);
		for (const mail of statusMails(from, to).filter((m) => !disabledMails.has(m.kind))) {
			const recipient = mail.admin ? ADMIN_EMAIL : order.billing?.email;
			if (recipient) emails.push({ to: recipient, kind: mail.kind, orderId: order.id });
		}
	}

	/**
	 * WooCommerce takes an order's units off managed stock once, when it is paid or put on hold, and notes the units on
	 * each line (`_reduced_stock`).
	 */
	function reduceStock(order: WooOrder) {
		for (const item of order.line_items) {
			const product = products.get(item.variation_id || item.product_id);
			if (!product?.manage_stock || item.meta_data?.some((m) => m.key === '_reduced_stock')) continue;
			product.stock_quantity = (product.stock_quantity ?? 0) - item.quantity;
			mergeMeta(item, [{ key: '_reduced_stock', value: String(item.quantity) }]);
			product.stock_status = product.stock_quantity > 0 ? 'instock' : product.backorders === 'no' ? 'outofstock' : 'onbackorder';
		}
	}

	function restock(order: WooOrder) {
		for (const item of order.line_items) {
			const reduced = Number(item.meta_data?.find((m) => m.key === '_reduced_stock')?.value ?? 0);
			const product = products.get(item.variation_id || item.product_id);
			if (!reduced || !product) continue;
			product.stock_quantity = (product.stock_quantity ?? 0) + reduced;
			item.meta_data = item.meta_data?.filter((m) => m.key !== '_reduced_stock');
			product.stock_status = product.stock_quantity > 0 ? 'instock' : product.backorders === 'no' ? 'outofstock' : 'onbackorder';
		}
	}

	/** Internal meta REST writes through the object's setter, as WC_Data::update_meta_data does; the rest is stored. */
	function applyMeta(order: WooOrder, meta: WooMeta[] | undefined) {
		const paid = meta?.find((m) => m.key === '_date_paid');
		if (paid) order.date_paid_gmt = wooDate(Number(paid.value) * 1000);
		mergeMeta(order, meta?.filter((m) => m !== paid));
	}

	/**
	 * Taxes per line rounded to the cent with today's tax table, the rate in `tax_lines` (none when the rate is 0, as
	 * with taxes off). WooCommerce does this to every line of an order on create and whenever lines or addresses change.
	 */
	function recalculate(order: WooOrder) {
		const taxRate = state.taxRate;
		let net = 0;
		let tax = 0;
		for (const item of order.line_items) {
			item.total_tax = money(Number(item.total) * taxRate);
			item.subtotal_tax = money(Number(item.subtotal) * taxRate);
			item.taxes = taxRate ? [{ id: TAX_RATE_ID, total: item.total_tax, subtotal: item.subtotal_tax }] : [];
			// A float division, unrounded, as WooCommerce sends it.
			item.price = item.quantity ? Number(item.total) / item.quantity : 0;
			net += Number(item.total);
			tax += Number(item.total_tax);
		}
		const shipping = Number(order.shipping_total ?? 0);
		order.tax_lines = taxRate
			? [{ id: 900_000 + order.id, rate_id: TAX_RATE_ID, rate_code: 'VAT-1', label: 'VAT', compound: false, tax_total: money(tax), shipping_tax_total: '0.00', rate_percent: taxRate * 100 }]
			: [];
		order.total_tax = money(tax);
		order.total = money(net + tax + shipping);
	}

	function touch(order: WooOrder, at = Date.now()) {
		order.date_modified_gmt = wooDate(at);
		order.date_modified = localDate(order.date_modified_gmt);
	}

	function lineFor(productRef: Partial<WooLineItem>, quantity: number): WooLineItem {
		const product =
			productRef.sku
				? [...products.values()].find((p) => p.sku === productRef.sku)
				: products.get(Number(productRef.variation_id || productRef.product_id));
		if (!product) throw new WooHttpError(400, 'woocommerce_rest_invalid_product_id', 'Product is invalid.');
		const total = money(Number(product.price) * quantity);
		return {
			id: nextId++,
			name: product.name,
			product_id: product.parent_id ?? product.id,
			variation_id: product.parent_id ? product.id : 0,
			quantity,
			subtotal: total,
			total,
			total_tax: '0.00',
			sku: product.sku,
			price: Number(product.price),
			meta_data: [],
		};
	}

	function applyLineItems(order: WooOrder, lineItems: Array<Partial<WooLineItem>>) {
		for (const posted of lineItems) {
			if (posted.id) {
				const item = order.line_items.find((i) => i.id === Number(posted.id));
				if (!item) throw new WooHttpError(400, 'woocommerce_rest_invalid_item_id', 'Order item ID provided is not associated with order.');
				if (posted.quantity === 0) {
					order.line_items = order.line_items.filter((i) => i !== item);
					continue;
				}
				if (posted.quantity !== undefined) item.quantity = Number(posted.quantity);
				if (posted.subtotal !== undefined) item.subtotal = String(posted.subtotal);
				if (posted.total !== undefined) item.total = String(posted.total);
				continue;
			}
			if (!posted.product_id && !posted.sku && !posted.variation_id) {
				throw new WooHttpError(400, 'woocommerce_rest_required_product_reference', 'Product ID or SKU is required.');
			}
			const line = lineFor(posted, Number(posted.quantity ?? 1));
			if (posted.subtotal !== undefined) line.subtotal = String(posted.subtotal);
			if (posted.total !== undefined) line.total = String(posted.total);
			order.line_items.push(line);
		}
	}

	function mergeMeta(target: { meta_data?: WooMeta[] }, meta: WooMeta[] | undefined) {
		target.meta_data ??= [];
		for (const entry of meta ?? []) {
			const existing = target.meta_data.find((m) => m.key === entry.key);
			if (existing) existing.value = entry.value;
			else target.meta_data.push({ id: nextId++, key: entry.key, value: entry.value });
		}
	}

	function makeOrder(partial: Partial<WooOrder>): WooOrder {
		const now = Date.now();
		const id = partial.id ?? nextId++;
		nextId = Math.max(nextId, id + 1);
		const order: WooOrder = {
			parent_id: 0,
			number: String(id),
			status: 'pending',
			currency: 'EUR',
			date_created_gmt: wooDate(now),
			date_created: wooDate(now),
			shipping_total: '0.00',
			customer_id: 0,
			customer_note: '',
			billing: { first_name: 'Jana', last_name: 'Nováková', email: 'jana@example.com', country: 'SK', city: 'Bratislava' },
			shipping: { first_name: 'Jana', last_name: 'Nováková', country: 'SK', city: 'Bratislava' },
			payment_method: 'bacs',
			payment_method_title: 'Direct bank transfer',
			meta_data: [],
			...partial,
			id,
			line_items: [],
		};
		for (const item of partial.line_items ?? []) {
			if (item.id) order.line_items.push({ meta_data: [], ...item, total_tax: item.total_tax ?? '0.00' });
			else applyLineItems(order, [item]);
		}
		order.meta_data = (order.meta_data ?? []).map((m) => ({ id: m.id ?? nextId++, ...m }));
		// Seeds may give ISO dates with a zone; WooCommerce writes *_gmt without one, to the second.
		for (const field of ['date_created_gmt', 'date_modified_gmt'] as const) {
			const value = order[field];
			if (value) order[field] = wooDate(Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`));
		}
		order.date_created = localDate(order.date_created_gmt as string);
		recalculate(order);
		if (!partial.date_modified_gmt) touch(order, now);
		order.date_modified = localDate(order.date_modified_gmt as string);
		return order;
	}

	function seed(seedOrders: Array<Partial<WooOrder>> = [], seedProducts: Array<Partial<WooProduct> & { parent_id?: number }> = []) {
		for (const partial of seedProducts) {
			const id = partial.id ?? nextId++;
			nextId = Math.max(nextId, id + 1);
			products.set(id, {
				name: `Product ${id}`,
				sku: `SKU-${id}`,
				price: '10.00',
				manage_stock: true,
				stock_quantity: 10,
				stock_status: 'instock',
				backorders: 'no',
				...partial,
				id,
			} as WooProduct & { price: string });
		}
		const created = seedOrders.map((partial) => {
			const order = makeOrder(partial);
			orders.set(order.id, order);
			return order;
		});
		return created;
	}

	// ---- webhooks ----------------------------------------------------------------------------------------------
	function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
		return new Promise((resolve) => {
			const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
			});
			req.on('error', (error) => resolve({ status: 0, body: error.message }));
			req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
			req.end(body);
		});
	}


	async function deliverTo(
		hook: WooWebhook & { secret: string; failure_count: number },
		order: WooOrder,
		options: DeliverOptions,
	): Promise<DeliveryResult> {
		const body = JSON.stringify(options.payload ?? order);
		// As WC_Webhook::get_new_delivery_id: a hash of the webhook id and the current second, shared within that second.
		const deliveryId = options.repeatDeliveryId ?? createHmac('md5', 'wp-salt').update(`${hook.id}${Math.floor(Date.now() / 1000)}`).digest('hex');
		const signature = createHmac('sha256', options.forged ? `${hook.secret}-forged` : hook.secret).update(body).digest('base64');
		const [resource, event] = hook.topic.split('.');
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'WooCommerce/9.8.0 Hookshot (WordPress/6.8)',
			'x-wc-webhook-source': `${siteUrl}/`,
			'x-wc-webhook-topic': hook.topic,
			'x-wc-webhook-resource': resource,
			'x-wc-webhook-event': event,
			'x-wc-webhook-id': String(hook.id),
			'x-wc-webhook-delivery-id': String(deliveryId),
		};
		if (!options.unsigned) headers['x-wc-webhook-signature'] = signature;
		const response = await post(hook.delivery_url, headers, body);
		// As WC_Webhook::log_delivery: 2xx, 301 and 302 succeed; a failure once more than 5 in a row were counted disables it.
		if (response.status >= 200 && response.status < 303) hook.failure_count = 0;
		else if (hook.failure_count > 5) hook.status = 'disabled';
		else hook.failure_count++;
		const result = { webhookId: hook.id, deliveryId, status: response.status, body: response.body };
		deliveries.push({ ...result, topic: hook.topic, orderId: order.id });
		return result;
	}

	/** Delivers an order event to every active webhook of the topic; resolves with each delivery's answer. */
	async function deliverWebhook(orderId: number, topic = 'order.updated', options: DeliverOptions = {}): Promise<DeliveryResult[]> {
		const order = orders.get(orderId);
		if (!order) throw new Error(`simulator has no order ${orderId}`);
		const targets = [...webhooks.values()].filter(
			(hook) => hook.topic === topic && hook.status === 'active' && (!options.webhookId || hook.id === options.webhookId),
		);
		const results: DeliveryResult[] = [];
		for (const hook of targets) {
			for (let i = 0; i < (options.times ?? 1); i++) results.push(await deliverTo(hook, order, options));
		}
		return results;
	}

	async function ping(hook: WooWebhook & { secret: string }) {
		const response = await post(hook.delivery_url, { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WooCommerce Hookshot' }, `webhook_id=${hook.id}`);
		deliveries.push({ webhookId: hook.id, deliveryId: '', status: response.status, body: response.body, topic: 'ping' });
	}

	/** Changes an order's status as a shop admin would; fires order.updated. */
	async function setStatus(orderId: number, status: string, deliver: DeliverOptions = {}): Promise<DeliveryResult[]> {
		const order = orders.get(orderId);
		if (!order) throw new Error(`simulator has no order ${orderId}`);
		if (!validStatus(status)) throw new Error(`simulator has no status ${status}`);
		changeStatus(order, status);
		touch(order);
		return deliverWebhook(orderId, 'order.updated', deliver);
	}

	/**
	 * An order created through REST: saved as "pending" with its lines taxed, then moved into the status asked for, so
	 * WooCommerce's mails for leaving "pending" go out.
	 */
	function restCreate(posted: Partial<WooOrder>): WooOrder {
		const status = String(posted.status ?? 'pending');
		if (!validStatus(status)) {
			throw new WooHttpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', { status: `status is not one of ${statuses.map((s) => s.slug).join(', ')}.` });
		}
		const { meta_data: meta, id: _id, date_created_gmt: _created, date_modified_gmt: _modified, ...rest } = posted;
		const [order] = seed([{ ...rest, status: 'pending' }]);
		applyMeta(order, meta);
		changeStatus(order, status);
		// WooCommerce delivers order.created for checkout drafts too.
		void deliverWebhook(order.id, 'order.created');
		return order;
	}

	/**
	 * Places an order as a customer's checkout would: an oversold line of a product whose backorders notify gets the
	 * meta "Backordered" in the admin's language, and the order's status change takes stock and mails; fires order.created.
	 */
	async function createOrder(partial: Partial<WooOrder>, deliver: DeliverOptions = {}) {
		const [order] = seed([{ ...partial, status: 'pending' }]);
		for (const item of order.line_items) {
			const product = products.get(item.variation_id || item.product_id);
			const short = product?.manage_stock ? Math.min(item.quantity, item.quantity - (product.stock_quantity ?? 0)) : 0;
			if (short > 0 && product?.backorders === 'notify') mergeMeta(item, [{ key: backorderedMetaKey, value: String(short) }]);
		}
		changeStatus(order, partial.status ?? 'pending');
		return { order, deliveries: await deliverWebhook(order.id, 'order.created', deliver) };
	}

	// ---- REST --------------------------------------------------------------------------------------------------
	function authenticate(req: http.IncomingMessage, url: URL) {
		const header = req.headers.authorization;
		let key: string | undefined;
		let secret: string | undefined;
		if (header?.startsWith('Basic ')) {
			[key, secret] = Buffer.from(header.slice(6), 'base64').toString().split(':');
		} else {
			key = url.searchParams.get('consumer_key') ?? undefined;
			secret = url.searchParams.get('consumer_secret') ?? undefined;
		}
		if (!key) throw new WooHttpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
		if (key !== consumerKey) throw new WooHttpError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
		if (secret !== consumerSecret) throw new WooHttpError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
	}

	type Reply = { status?: number; body: unknown; headers?: Record<string, string> };

	function page<T>(all: T[], url: URL): Reply {
		const perPage = Number(url.searchParams.get('per_page') ?? 10);
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
			throw new WooHttpError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page', {
				per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)',
			});
		}
		const pageNo = Number(url.searchParams.get('page') ?? 1);
		const totalPages = Math.ceil(all.length / perPage);
		if (pageNo > Math.max(totalPages, 1)) {
			throw new WooHttpError(400, 'rest_post_invalid_page_number', 'The page number requested is larger than the number of pages available.');
		}
		return {
			body: all.slice((pageNo - 1) * perPage, pageNo * perPage),
			headers: { 'x-wp-total': String(all.length), 'x-wp-totalpages': String(totalPages) },
		};
	}

	function listOrders(url: URL): Reply {
		const q = url.searchParams;
		const wanted = q.get('status')?.split(',').filter((s) => s && s !== 'any');
		const modifiedAfter = q.get('modified_after');
		const after = q.get('after');
		const datesAreGmt = ['true', '1'].includes(q.get('dates_are_gmt') ?? '');
		const product = q.get('product');
		const include = q.get('include')?.split(',').map(Number);
		let list = [...orders.values()].filter(
			(o) =>
				(!wanted?.length || wanted.includes(o.status)) &&
				(!include || include.includes(o.id)) &&
				(product === null || o.line_items.some((item) => item.product_id === Number(product))) &&
				(modifiedAfter === null || isAfter(o.date_modified_gmt, 'modified_after', modifiedAfter, datesAreGmt)) &&
				(after === null || isAfter(o.date_created_gmt, 'after', after, datesAreGmt)),
		);
		const field = q.get('orderby') === 'modified' ? 'date_modified_gmt' : q.get('orderby') === 'id' ? 'id' : 'date_created_gmt';
		const direction = q.get('order') === 'asc' ? 1 : -1;
		list = list.sort((a, b) => (String(a[field]).localeCompare(String(b[field]), 'en', { numeric: true }) || a.id - b.id) * direction);
		return page(list, url);
	}

	function updateOrder(id: number, body: Partial<WooOrder> & { line_items?: Array<Partial<WooLineItem>> }): WooOrder {
		const order = orders.get(id);
		if (!order) throw invalidOrder();
		if (body.status !== undefined && !validStatus(String(body.status))) {
			throw new WooHttpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
				status: `status is not one of ${statuses.map((s) => s.slug).join(', ')}.`,
			});
		}
		const copy: WooOrder = JSON.parse(JSON.stringify(order));
		if (body.line_items) applyLineItems(copy, body.line_items);
		if (body.meta_data) applyMeta(copy, body.meta_data);
		for (const field of ['billing', 'shipping', 'customer_note', 'shipping_total', 'transaction_id'] as const) {
			if (body[field] !== undefined) (copy as unknown as Record<string, unknown>)[field] = body[field];
		}
		if (body.line_items || body.billing || body.shipping) recalculate(copy);
		if (body.status !== undefined) changeStatus(copy, String(body.status));
		touch(copy);
		orders.set(id, copy);
		return copy;
	}

	function addNote(orderId: number, note: string, customerNote: boolean) {
		const order = orders.get(orderId);
		if (!order) throw invalidOrder();
		if (!note) throw new WooHttpError(400, 'rest_missing_callback_param', 'Missing parameter(s): note', { note: 'note is required' });
		const entry = { id: nextId++, note, customer_note: customerNote, date_created_gmt: wooDate(Date.now()) };
		notes.set(orderId, [...(notes.get(orderId) ?? []), entry]);
		if (customerNote && order.billing?.email) emails.push({ to: order.billing.email, kind: 'customer_note', orderId, text: note });
		return entry;
	}

	async function route(method: string, url: URL, body: unknown): Promise<Reply> {
		const path = url.pathname.replace(/\/+$/, '');
		const tracking = /^\/wp-json\/wc-shipment-tracking\/v3\/orders\/(\d+)\/shipment-trackings$/.exec(path);
		if (tracking) {
			if (options.shipmentTracking === false) throw noRoute();
			const order = orders.get(Number(tracking[1]));
			if (!order) throw new WooHttpError(404, 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
			const items = (order.meta_data?.find((m) => m.key === '_wc_shipment_tracking_items')?.value as Array<Record<string, string>>) ?? [];
			if (method === 'GET') return { body: items };
			if (method !== 'POST') throw noRoute();
			const posted = body as Record<string, string>;
			if (!posted?.tracking_number) throw new WooHttpError(400, 'rest_missing_callback_param', 'Missing parameter(s): tracking_number');
			const item = {
				tracking_id: String(nextId++),
				tracking_provider: posted.tracking_provider ?? '',
				custom_tracking_provider: posted.custom_tracking_provider ?? '',
				custom_tracking_link: posted.custom_tracking_link ?? '',
				tracking_link: posted.custom_tracking_link ?? '',
				tracking_number: posted.tracking_number,
				date_shipped: String(Math.floor(Date.now() / 1000)),
			};
			mergeMeta(order, [{ key: '_wc_shipment_tracking_items', value: [...items, item] }]);
			touch(order);
			return { status: 201, body: item };
		}
		const prefix = '/wp-json/wc/v3';
		if (!path.startsWith(prefix)) throw noRoute();
		const rest = path.slice(prefix.length);
		let m: RegExpExecArray | null;

		if ((m = /^\/settings\/email_([a-z_]+)$/.exec(rest)) && method === 'GET') {
			if (!WOO_MAIL_KINDS.includes(m[1])) throw new WooHttpError(404, 'rest_setting_setting_group_invalid', 'Invalid setting group.');
			const value = disabledMails.has(m[1]) ? 'no' : 'yes';
			return { body: [{ id: 'enabled', label: 'Enable/Disable', type: 'checkbox', default: 'yes', value }, { id: 'email_type', type: 'select', default: 'html', value: 'html' }] };
		}
		if ((m = /^\/settings\/email_([a-z_]+)\/enabled$/.exec(rest)) && method === 'PUT') {
			const value = (body as { value?: string })?.value;
			if (value !== 'yes' && value !== 'no') throw new WooHttpError(400, 'rest_setting_value_invalid', 'An invalid setting value was passed.');
			if (value === 'no') disabledMails.add(m[1]);
			else disabledMails.delete(m[1]);
			return { body: { id: 'enabled', value } };
		}
		if (rest === '/system_status' && method === 'GET') return { body: { environment: { home_url: siteUrl, version: '9.8.0' } } };
		if (rest === '/orders' && method === 'GET') return listOrders(url);
		if (rest === '/orders' && method === 'POST') return { status: 201, body: restCreate((body ?? {}) as Partial<WooOrder>) };
		if (rest === '/orders/batch' && method === 'POST') {
			const batch = (body ?? {}) as { create?: unknown[]; update?: Array<{ id: number }>; delete?: number[] };
			const total = (batch.create?.length ?? 0) + (batch.update?.length ?? 0) + (batch.delete?.length ?? 0);
			if (total > 100) {
				throw new WooHttpError(413, 'woocommerce_rest_request_entity_too_large', 'Unable to accept more than 100 items for this request.');
			}
			const result: Record<string, unknown[]> = {};
			if (batch.update) {
				result.update = [];
				for (const item of batch.update) {
					if (state.batchItemMs) await new Promise((resolve) => setTimeout(resolve, state.batchItemMs));
					try {
						const updated = updateOrder(Number(item.id), item as Partial<WooOrder>);
						result.update.push(updated);
						void deliverWebhook(updated.id, 'order.updated');
					} catch (error) {
						const e = error instanceof WooHttpError ? error : new WooHttpError(500, 'internal_error', String(error));
						const { code, message, data } = e.body();
						result.update.push({ id: Number(item.id) || 0, error: { code, message, data: { status: e.status === 404 ? 400 : data.status } } });
					}
				}
			}
			return { body: result };
		}
		if ((m = /^\/orders\/(\d+)$/.exec(rest))) {
			const id = Number(m[1]);
			if (method === 'GET') {
				const order = orders.get(id);
				if (!order) throw invalidOrder();
				return { body: order };
			}
			if (method === 'PUT' || method === 'POST') {
				const updated = updateOrder(id, body as Partial<WooOrder>);
				void deliverWebhook(id, 'order.updated');
				return { body: updated };
			}
			if (method === 'DELETE') {
				const order = orders.get(id);
				if (!order) throw invalidOrder();
				if (url.searchParams.get('force') === 'true') orders.delete(id);
				else order.status = 'trash';
				return { body: order };
			}
		}
		if ((m = /^\/orders\/(\d+)\/notes$/.exec(rest))) {
			const id = Number(m[1]);
			if (!orders.has(id)) throw invalidOrder();
			if (method === 'GET') return { body: notes.get(id) ?? [] };
			if (method === 'POST') {
				const posted = (body ?? {}) as { note?: string; customer_note?: boolean };
				return { status: 201, body: addNote(id, posted.note ?? '', posted.customer_note === true) };
			}
		}
		if ((m = /^\/orders\/(\d+)\/actions\/(send_order_details|send_email)$/.exec(rest)) && method === 'POST') {
			if (options.orderActions === false) throw noRoute();
			const order = orders.get(Number(m[1]));
			if (!order) throw invalidOrder();
			const email = order.billing?.email;
			if (!email) throw new WooHttpError(400, 'woocommerce_rest_missing_email', 'Order does not have an email address.');
			emails.push({ to: email, kind: m[2], orderId: order.id });
			addNote(order.id, `Order details manually sent to customer.`, false);
			return { body: { message: `Order details sent to ${email}, via email.` } };
		}
		if (rest === '/reports/orders/totals' && method === 'GET') {
			return {
				body: statuses.map((s) => ({ slug: s.slug, name: s.name, total: [...orders.values()].filter((o) => o.status === s.slug).length })),
			};
		}
		if (rest === '/products' && method === 'GET') {
			const sku = url.searchParams.get('sku');
			const include = url.searchParams.get('include')?.split(',').map(Number);
			const list = [...products.values()].filter(
				(p) => !p.parent_id && (sku === null || p.sku === sku) && (!include || include.includes(p.id)),
			);
			return page(list, url);
		}
		if ((m = /^\/products\/(\d+)$/.exec(rest)) && method === 'GET') {
			const product = products.get(Number(m[1]));
			if (!product || product.parent_id) throw new WooHttpError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
			return { body: product };
		}
		if ((m = /^\/products\/(\d+)\/variations\/(\d+)$/.exec(rest)) && method === 'GET') {
			const variation = products.get(Number(m[2]));
			if (!variation || variation.parent_id !== Number(m[1])) throw new WooHttpError(404, 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');
			return { body: variation };
		}
		if (rest === '/webhooks' && method === 'GET') return page([...webhooks.values()].map(publicHook), url);
		if (rest === '/webhooks' && method === 'POST') {
			const posted = (body ?? {}) as Partial<WooWebhook>;
			if (!posted.topic || !/^(order|product|customer|coupon)\.(created|updated|deleted|restored)$/.test(posted.topic)) {
				throw new WooHttpError(400, 'woocommerce_rest_webhook_invalid_topic', 'Webhook topic is required and must be valid.');
			}
			if (!posted.delivery_url) throw new WooHttpError(400, 'rest_missing_callback_param', 'Missing parameter(s): delivery_url');
			const hook = {
				id: nextId++,
				name: posted.name ?? posted.topic,
				status: posted.status ?? 'active',
				topic: posted.topic,
				delivery_url: posted.delivery_url,
				secret: posted.secret ?? 'generated-secret',
				failure_count: 0,
			};
			webhooks.set(hook.id, hook);
			void ping(hook);
			return { status: 201, body: publicHook(hook) };
		}
		if ((m = /^\/webhooks\/(\d+)$/.exec(rest))) {
			const hook = webhooks.get(Number(m[1]));
			if (!hook) throw new WooHttpError(404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.');
			if (method === 'GET') return { body: publicHook(hook) };
			if (method === 'PUT' || method === 'POST') {
				const posted = (body ?? {}) as Partial<WooWebhook>;
				if (posted.status) hook.status = posted.status;
				if (posted.status === 'active') hook.failure_count = 0;
				if (posted.delivery_url) hook.delivery_url = posted.delivery_url;
				return { body: publicHook(hook) };
			}
			if (method === 'DELETE') {
				if (url.searchParams.get('force') !== 'true') {
					throw new WooHttpError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.');
				}
				webhooks.delete(hook.id);
				return { body: publicHook(hook) };
			}
		}
		throw noRoute();
	}

	/** The public WordPress REST index, with the site's time zone; `_fields` picks fields. */
	function siteIndex(url: URL): Reply {
		const now = Date.now();
		const index: Record<string, unknown> = {
			name: 'Simulated shop',
			url: siteUrl,
			home: siteUrl,
			gmt_offset: (wallTimeIn(now, timeZone) - now) / 3_600_000,
			timezone_string: timeZone,
			namespaces: ['wp/v2', 'wc/v3', ...(options.shipmentTracking === false ? [] : ['wc-shipment-tracking/v3'])],
		};
		const fields = url.searchParams.get('_fields')?.split(',');
		return { body: fields ? Object.fromEntries(Object.entries(index).filter(([key]) => fields.includes(key))) : index };
	}

	const publicHook = ({ secret: _secret, failure_count: _count, ...hook }: WooWebhook & { secret: string; failure_count: number }) => hook;

	async function control(method: string, url: URL, body: unknown): Promise<Reply> {
		const path = url.pathname;
		if (path === '/_sim/orders' && method === 'GET') return { body: [...orders.values()] };
		if (path === '/_sim/orders' && method === 'POST') {
			const created = await createOrder(body as Partial<WooOrder>);
			return { status: 201, body: created };
		}
		const m = /^\/_sim\/orders\/(\d+)\/status$/.exec(path);
		if (m && method === 'POST') {
			const results = await setStatus(Number(m[1]), String((body as { status?: string })?.status));
			return { body: { order: orders.get(Number(m[1])), deliveries: results } };
		}
		if (path === '/_sim/state' && method === 'GET') {
			return {
				body: { requestCount: state.requestCount, webhooks: [...webhooks.values()].map(publicHook), deliveries, emails, notes: Object.fromEntries(notes) },
			};
		}
		throw noRoute();
	}

	const running = await listen((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', siteUrl);
			const text = Buffer.concat(chunks).toString('utf8');
			const send = (reply: Reply) => {
				res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=UTF-8', ...reply.headers });
				res.end(JSON.stringify(reply.body));
			};
			try {
				let body: unknown;
				if (text) {
					try {
						body = JSON.parse(text);
					} catch {
						throw new WooHttpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
					}
				}
				if (url.pathname.startsWith('/_sim/')) return send(await control(req.method ?? 'GET', url, body));
				if (/^\/wp-json\/?$/.test(url.pathname) && req.method === 'GET') return send(siteIndex(url));
				state.requestCount++;
				requests.push({ method: req.method ?? 'GET', path: url.pathname, ...(body === undefined ? {} : { body }) });
				if (state.latencyMs) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
				const failure = failures.find((f) => !f.path || url.pathname.includes(f.path));
				if (failure) {
					if (--failure.remaining <= 0) failures.splice(failures.indexOf(failure), 1);
					return send({
						status: failure.status,
						headers: failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : undefined,
						body:
							failure.status === 429
								? { code: 'woocommerce_rest_too_many_requests', message: 'Too many requests. Please wait and try again.', data: { status: 429 } }
								: { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: failure.status } },
					});
				}
				authenticate(req, url);
				send(await route(req.method ?? 'GET', url, body));
			} catch (error) {
				if (error instanceof WooHttpError) send({ status: error.status, body: error.body() });
				else send({ status: 500, body: { code: 'internal_server_error', message: String(error), data: { status: 500 } } });
			}
		});
	}, options.port);
	siteUrl = running.url;
	seed(options.seed?.orders, options.seed?.products);

	return {
		url: siteUrl,
		consumerKey,
		consumerSecret,
		orders,
		products,
		notes,
		webhooks,
		emails,
		deliveries,
		requests,
		get requestCount() {
			return state.requestCount;
		},
		resetRequestCount() {
			state.requestCount = 0;
			requests.length = 0;
		},
		set latencyMs(ms: number) {
			state.latencyMs = ms;
		},
		/** Turns a WooCommerce mail (e.g. customer_completed_order) on or off, as its settings screen does */
		setMailEnabled(kind: string, enabled: boolean) {
			if (enabled) disabledMails.delete(kind);
			else disabledMails.add(kind);
		},
		set batchItemMs(ms: number) {
			state.batchItemMs = ms;
		},
		/** Changes the tax table: orders keep their taxes until WooCommerce recalculates them */
		set taxRate(rate: number) {
			state.taxRate = rate;
		},
		seed,
		createOrder,
		setStatus,
		deliverWebhook,
		/** The next `count` requests (optionally only those whose path contains `path`) answer `status` */
		failNext(status: number, opts: { count?: number; retryAfter?: number; path?: string } = {}) {
			failures.push({ status, remaining: opts.count ?? 1, retryAfter: opts.retryAfter, path: opts.path });
		},
		close: running.close,
	};
}

export type WooSimulator = Awaited<ReturnType<typeof startWooSimulator>>;

if (require.main === module) {
	// `tsx test/simulators/woocommerce/index.ts [port]` for the demo: a shop with a few orders and products.
	void startWooSimulator({
		port: Number(process.argv[2] ?? 8089),
		customStatuses: [{ slug: 'shipped', name: 'Shipped' }],
		seed: {
			products: [
				{ id: 11, name: 'Espresso beans 1 kg', sku: 'BEANS-1KG', price: '18.90', stock_quantity: 25 },
				{ id: 12, name: 'Grinder', sku: 'GRINDER', price: '79.00', stock_quantity: 0, stock_status: 'onbackorder', backorders: 'yes' },
			],
			orders: [
				{ id: 101, status: 'processing', line_items: [{ product_id: 11, quantity: 2 } as WooLineItem] },
				{ id: 102, status: 'on-hold', line_items: [{ product_id: 12, quantity: 1 } as WooLineItem] },
			],
		},
	}).then((sim) => console.log(`WooCommerce simulator on ${sim.url} (key ${sim.consumerKey}, secret ${sim.consumerSecret})`));
}
