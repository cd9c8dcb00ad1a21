import { lineEditsFromDiff } from '../line-diff';
import { roundMoney, type LineDiff, type Order, type Tracking } from '../../model';
import { sleep } from '../../transport/rate-limit';
import {
	headerValue,
	HttpError,
	HttpTransport,
	VendorError,
	type HttpMethod,
	type HttpRequest,
	type HttpResponse,
	type HttpSend,
} from '../../transport';
import type {
	ConnectionCheck,
	Fulfilment,
	FulfilmentLine,
	LineEdit,
	LineMove,
	LinePrice,
	OrderQuery,
	OrderResult,
	ShopConnector,
	ShopOwnMail,
	ShopStatus,
	SplitOptions,
	StatusUpdate,
} from '../shop';
import {
	gmtToIso,
	languageMeta,
	lineOf,
	metaValue,
	normalizeStatus,
	SYSTEM,
	toOrder,
	TRACKING_META,
	WOO_CANONICAL,
	WOO_STATUS_LABELS,
	WOO_UNASSIGNABLE,
} from './mapping';
import { gmtDateFilter } from './site-time';
import { trackingNote } from './tracking-note';
import type { WooBatchResult, WooError, WooLineItem, WooMeta, WooOrder, WooProduct, WooStatusTotal } from './wire';
import { WooWebhooks } from './webhooks';

const VENDOR = 'WooCommerce';
/** WooCommerce refuses batches of more than 100 objects and pages of more than 100 records. */
export const BATCH_LIMIT = 100;
const PAGE_SIZE = 100;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Unanswered status batches an order may be in before it is reported as failed */
const MAX_UNANSWERED = 3;

/** A failure after which the request may have run: no answer at all, or a gateway that gave up waiting. */
const mayHaveRun = (error: unknown) =>
	error instanceof HttpError && ([502, 504].includes(error.status) || (error.status === 0 && !['ECONNREFUSED', 'EAI_AGAIN'].includes(error.code ?? '')));

/** How long a site's time zone is trusted; the zone only matters around a clock change. */
const SITE_ZONE_TTL_MS = 60 * 60 * 1000;
const siteZones = new Map<string, { zone: Promise<string | undefined>; until: number }>();

export const SPLIT_FROM_META = '_order_sync_split_from';
export const SPLIT_TO_META = '_order_sync_split_to';

/** `{code, message}` of a WooCommerce error body, when it is one. */
export function wooErrorOf(body: string | Buffer | undefined): WooError | undefined {
	if (!body) return undefined;
	try {
		const parsed = JSON.parse(body.toString()) as Partial<WooError>;
		return typeof parsed.code === 'string' && typeof parsed.message === 'string' ? (parsed as WooError) : undefined;
	} catch {
		return undefined;
	}
}

const describe = (error: WooError) => {
	const params = error.data?.params ? ` ${Object.values(error.data.params).join('; ')}` : '';
	return `${error.message}${params} (${error.code})`;
};

const vendorCode = (error: unknown) => (error instanceof HttpError ? wooErrorOf(error.vendorBody)?.code : undefined);

function assertOrderId(orderId: string): string {
	const id = String(orderId ?? '').trim();
	if (!id) {
		throw new VendorError(VENDOR, `No WooCommerce order id: the incoming order has none for this shop (order.externalIds.woocommerce); fill in "Order ID"`);
	}
	if (!/^\d+$/.test(id)) {
		throw new VendorError(VENDOR, `"${id}" is not a WooCommerce order id: give the numeric id (e.g. 1234), not the order number`);
	}
	return id;
}

/** The outcome of a promise as a value, so failures are inspected without a catch block. */
const settle = <T>(promise: Promise<T>) =>
	promise.then(
		(value) => ({ value, error: undefined }),
		(error: unknown) => ({ value: undefined, error }),
	);

function parseJson(text: string): { ok: boolean; value?: unknown } {
	try {
		return { ok: true, value: text ? JSON.parse(text) : undefined };
	} catch {
		return { ok: false };
	}
}

const money = (value: number) => roundMoney(value).toFixed(2);

/** WooCommerce's customer mails by the status an order enters, and the statuses it mails from (any when absent). */
const CUSTOMER_MAILS: Record<string, { id: string; title: string; from?: string[] }> = {
	processing: { id: 'customer_processing_order', title: 'Processing order', from: ['pending', 'failed', 'cancelled', 'on-hold'] },
	'on-hold': { id: 'customer_on_hold_order', title: 'Order on-hold', from: ['pending', 'failed', 'cancelled'] },
	completed: { id: 'customer_completed_order', title: 'Completed order' },
	failed: { id: 'customer_failed_order', title: 'Failed order' },
};

/** Mailed for a note to the customer: Add Note for the customer, Set Tracking without the tracking plugin, Upload Invoice. */
const CUSTOMER_NOTE_MAIL = { id: 'customer_note', title: 'Customer note' };

/** WooCommerce mails the customer whenever an order enters this status, whatever it came from. */
const MAILED_ON_ENTRY = new Set(['completed', 'failed']);
/** The status an order is created in without a mail; from it no move into another status mails anyone either. */
const SILENT_STATUS = 'checkout-draft';

/** Line item totals for a new quantity at the line's existing unit prices; WooCommerce then recalculates taxes and totals. */
function scaledTotals(item: WooLineItem, quantity: number) {
	const per = (value: string | undefined) => (Number(value ?? 0) / (item.quantity || 1)) * quantity;
	return { subtotal: money(per(item.subtotal)), total: money(per(item.total)) };
}

/** An amount to four decimals: WooCommerce keeps line totals unrounded and taxes them so, then rounds the sums. */
const precise = (value: number) => String(Math.round(value * 10_000) / 10_000);

/**
 * Line totals for `quantity` at a price from elsewhere (an ERP's): before tax, as WooCommerce keeps them, the tax
 * taken out at `taxRate` when the price includes it. Subtotal and total alike: the price is what the line costs now.
 */
function pricedTotals(quantity: number, price: LinePrice, taxRate: number | undefined, what: string) {
	if (price.includesTax && taxRate === undefined) {
		throw new VendorError(VENDOR, `${what}: the price ${price.unitPrice} includes tax, but WooCommerce shows no tax rate for the line to take it out; set the price in the WooCommerce admin`);
	}
	const net = price.includesTax ? price.unitPrice / (1 + (taxRate as number) / 100) : price.unitPrice;
	const total = precise(net * quantity);
	return { subtotal: total, total };
}

/** What stays on a line when `movedQuantity` of it moves out: its totals less the moved part, so the two add up. */
function keptTotals(item: WooLineItem, movedQuantity: number) {
	const moved = scaledTotals(item, movedQuantity);
	return { subtotal: money(Number(item.subtotal) - Number(moved.subtotal)), total: money(Number(item.total) - Number(moved.total)) };
}

/** A price WooCommerce can take for the order: a number, not negative, in the order's currency. */
function assertPrice(wire: WooOrder, price: LinePrice, label: string): void {
	if (typeof price.unitPrice !== 'number' || !Number.isFinite(price.unitPrice) || price.unitPrice < 0) {
		throw new VendorError(VENDOR, `Order ${wire.id}, ${label}: price ${JSON.stringify(price.unitPrice)} is not a number of at least 0; fix the line's unitPrice`);
	}
	const priceCurrency = price.currency?.trim().toUpperCase();
	const orderCurrency = wire.currency?.trim().toUpperCase();
	if (priceCurrency && orderCurrency && priceCurrency !== orderCurrency) {
		throw new VendorError(
			VENDOR,
			`Order ${wire.id}, ${label}: the new price ${price.unitPrice} is in ${priceCurrency}, the order in ${orderCurrency}; WooCommerce keeps one currency per order: set the price in the WooCommerce admin`,
		);
	}
}

/** How many units of the line WooCommerce took off its product's stock (line meta `_reduced_stock`, untranslated). */
const reducedUnits = (item: WooLineItem) => Number(metaValue(item.meta_data, '_reduced_stock') ?? 0);

export interface WooCommerceOptions {
	url: string;
	send: HttpSend;
	/** How long a request may take (default 30 s); status batches are sized to half of it */
	timeoutMs?: number;
	/** After an unanswered status batch, how long the orders must stay unchanged before the rest is sent again */
	batchSettleMs?: number;
	transport?: Partial<Pick<ConstructorParameters<typeof HttpTransport>[0], 'retry' | 'rateLimiter' | 'sleep'>>;
}

export class WooCommerceShop implements ShopConnector {
	readonly system = SYSTEM;
	readonly displayName = VENDOR;
	readonly webhooks: WooWebhooks;
	private readonly transport: HttpTransport;
	private readonly siteUrl: string;
	private statusCache?: Promise<ShopStatus[]>;
	private readonly mailSettings = new Map<string, Promise<boolean>>();
	private readonly timeoutMs: number;
	private readonly batchSettleMs: number;

	constructor(options: WooCommerceOptions) {
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.batchSettleMs = options.batchSettleMs ?? 3000;
		this.siteUrl = options.url.replace(/\/+$/, '').replace(/\/wp-json(\/wc\/v3)?$/, '');
		this.transport = new HttpTransport({
			vendor: VENDOR,
			send: options.send,
			describeError: (response: HttpResponse) => {
				const error = wooErrorOf(response.body);
				return error ? describe(error) : undefined;
			},
			timeoutMs: this.timeoutMs,
			...options.transport,
		});
		this.webhooks = new WooWebhooks((method, path, body) => this.call(method, path, { body }));
	}

	/** One REST call under /wp-json/wc/v3 (or another namespace when `path` starts with /wp-json). */
	async call<T>(
		method: HttpMethod,
		path: string,
		options: { qs?: HttpRequest['qs']; body?: unknown; idempotent?: boolean } = {},
	): Promise<{ data: T; response: HttpResponse }> {
		const url = path.startsWith('/wp-json/') ? `${this.siteUrl}${path}` : `${this.siteUrl}/wp-json/wc/v3${path}`;
		const response = await this.transport.request({
			method,
			url,
			qs: options.qs,
			headers: { accept: 'application/json', ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			idempotent: options.idempotent,
		});
		const text = response.body.toString('utf8');
		const parsed = parseJson(text);
		if (!parsed.ok) {
			throw new VendorError(VENDOR, `${method} ${path} did not answer JSON; is the credential's URL the shop's address?`, text.slice(0, 300));
		}
		return { data: parsed.value as T, response };
	}

	async getOrder(orderId: string): Promise<Order> {
		return toOrder(await this.getWire(orderId));
	}

	private async getWire(orderId: string): Promise<WooOrder> {
		return (await this.call<WooOrder>('GET', `/orders/${assertOrderId(orderId)}`)).data;
	}

	async listOrders(query: OrderQuery): Promise<Order[]> {
		if (query.order === 'oldestModifiedFirst') return this.listChangedOrders(query);
		const orders: Order[] = [];
		const perPage = this.pageSize(query);
		for (let page = 1; ; page++) {
			const { data, totalPages } = await this.orderPage(query, query.modifiedAfter, page, perPage);
			orders.push(...data.map(toOrder));
			if (page >= totalPages || data.length === 0 || (query.limit && orders.length >= query.limit)) break;
		}
		return query.limit ? orders.slice(0, query.limit) : orders;
	}

	/** One page size for every page of a listing: page numbers count pages of the size asked for each time. */
	private pageSize(query: OrderQuery) {
		return query.limit ? Math.min(PAGE_SIZE, query.limit) : PAGE_SIZE;
	}

	/**
	 * The site's time zone (`timezone_string` of the WordPress index; empty on a fixed UTC offset), or undefined when
	 * the index cannot be read; then only a wall time skipped at the spring change is compared an hour late.
	 */
	private siteZone(): Promise<string | undefined> {
		const cached = siteZones.get(this.siteUrl);
		if (cached && cached.until > Date.now()) return cached.zone;
		const zone = this.call<{ timezone_string?: string }>('GET', '/wp-json/', { qs: { _fields: 'timezone_string,gmt_offset' } }).then(
			({ data }) => data?.timezone_string || undefined,
			() => undefined,
		);
		siteZones.set(this.siteUrl, { zone, until: Date.now() + SITE_ZONE_TTL_MS });
		return zone;
	}

	private async orderPage(query: OrderQuery, modifiedAfter: string | undefined, page: number, perPage: number) {
		const byModified = query.order === 'oldestModifiedFirst' || query.order === 'newestModifiedFirst';
		const zone = modifiedAfter || query.createdAfter ? await this.siteZone() : undefined;
		const { data, response } = await this.call<WooOrder[]>('GET', '/orders', {
			qs: {
				per_page: perPage,
				page,
				status: query.statuses?.length ? query.statuses.map(normalizeStatus).join(',') : undefined,
				modified_after: modifiedAfter && gmtDateFilter(modifiedAfter, zone),
				after: query.createdAfter && gmtDateFilter(query.createdAfter, zone),
				dates_are_gmt: modifiedAfter || query.createdAfter ? true : undefined,
				orderby: byModified ? 'modified' : 'date',
				order: query.order === 'oldestModifiedFirst' ? 'asc' : 'desc',
			},
		});
		return { data, totalPages: Number(headerValue(response, 'x-wp-totalpages') ?? 1) };
	}

	/**
	 * The change feed. Page numbers over a list sorted by modification drift when an order changes meanwhile (it
	 * moves to the end and an unread one slides onto a read page), so each page restarts from the last
	 * modification second read; orders read twice keep their newest version.
	 */
	private async listChangedOrders(query: OrderQuery): Promise<Order[]> {
		const byId = new Map<string, Order>();
		let after = query.modifiedAfter;
		let page = 1;
		const perPage = this.pageSize(query);
		for (;;) {
			const { data, totalPages } = await this.orderPage(query, after, page, perPage);
			for (const order of data.map(toOrder)) {
				byId.delete(order.id);
				byId.set(order.id, order);
			}
			if (page >= totalPages || data.length < perPage || (query.limit && byId.size >= query.limit)) break;
			// WooCommerce keeps seconds and `modified_after` is exclusive: a second earlier re-reads that second whole.
			const first = gmtToIso(data[0].date_modified_gmt);
			const last = gmtToIso(data[data.length - 1].date_modified_gmt);
			const next = last && last !== first ? new Date(Date.parse(last) - 1000).toISOString() : undefined;
			if (next && (after === undefined || Date.parse(next) > Date.parse(after))) {
				after = next;
				page = 1;
			} else {
				// A whole page within one second: only page numbers move on.
				page++;
			}
		}
		const orders = [...byId.values()];
		return query.limit ? orders.slice(0, query.limit) : orders;
	}

	async listStatuses(): Promise<ShopStatus[]> {
		this.statusCache ??= this.call<WooStatusTotal[]>('GET', '/reports/orders/totals').then(({ data }) =>
			data.map((entry) => {
				const code = normalizeStatus(entry.slug);
				return { code, label: entry.name, canonical: WOO_CANONICAL[code], ...(WOO_UNASSIGNABLE.has(code) ? { assignable: false as const } : {}) };
			}),
		);
		const { value, error } = await settle(this.statusCache);
		if (error !== undefined || !value) {
			this.statusCache = undefined;
			throw error;
		}
		return value;
	}

	/**
	 * The credential test: the key reads orders and the status list, and which of WooCommerce's customer mails about
	 * orders are on (Settings → Emails; reading them needs a key of a user who manages WooCommerce).
	 */
	async checkConnection(): Promise<ConnectionCheck> {
		await this.call('GET', '/orders', { qs: { per_page: 1, _fields: 'id' } });
		const statuses = await this.listStatuses();
		const mails = [...Object.values(CUSTOMER_MAILS), CUSTOMER_NOTE_MAIL];
		const ownMails: string[] = [];
		for (const mail of mails) {
			if (await this.mailEnabled(mail.id)) ownMails.push(`${mail.title} (turn off: WooCommerce → Settings → Emails → ${mail.title})`);
		}
		return { reached: `Connected to ${this.siteUrl}: the key reads orders and ${statuses.length} order statuses`, ownMails };
	}

	/** Whether a mail of Settings → Emails is on, read once per connector. */
	private async mailEnabled(id: string): Promise<boolean> {
		let enabled = this.mailSettings.get(id);
		if (!enabled) {
			enabled = this.call<Array<{ id: string; value?: unknown }>>('GET', `/settings/email_${id}`).then(
				({ data }) => data.find((setting) => setting.id === 'enabled')?.value !== 'no',
			);
			this.mailSettings.set(id, enabled);
		}
		const { value, error } = await settle(enabled);
		if (error !== undefined || value === undefined) {
			this.mailSettings.delete(id);
			throw error;
		}
		return value;
	}

	/** The customer mail WooCommerce sends on entering `toStatus`, and whether it is on (Settings → Emails), read once. */
	async ownMail(toStatus: string, fromStatus?: string): Promise<ShopOwnMail | undefined> {
		const mail = CUSTOMER_MAILS[normalizeStatus(toStatus)];
		if (!mail) return undefined;
		if (fromStatus !== undefined && mail.from && !mail.from.includes(normalizeStatus(fromStatus))) return undefined;
		return { mail: mail.title, enabled: await this.mailEnabled(mail.id), setting: `WooCommerce → Settings → Emails → ${mail.title}` };
	}

	statusLabel(code: string): string | undefined {
		return WOO_STATUS_LABELS[normalizeStatus(code)];
	}

	/**
	 * Fails with a clear message when the store does not have the status. Core statuses always exist; others are
	 * checked against the live list, because WooCommerce quietly turns an unknown status into "pending".
	 */
	async assertStatus(status: string): Promise<string> {
		const code = normalizeStatus(String(status ?? ''));
		if (WOO_CANONICAL[code]) return code;
		if (WOO_UNASSIGNABLE.has(code)) {
			throw new VendorError(
				VENDOR,
				`"${status}" is the draft of a checkout the customer has not finished; an order cannot be moved into it: choose another status (e.g. pending or cancelled)`,
			);
		}
		const known = await this.listStatuses();
		if (!known.some((s) => s.code === code)) {
			throw new VendorError(
				VENDOR,
				`The store has no order status "${status}". It has: ${known.map((s) => `${s.code} (${s.label})`).join(', ')}`,
			);
		}
		return code;
	}

	/**
	 * No REST parameter stops the mails WooCommerce sends on a status change, so the who-mails switch is not taken
	 * here: the definition (woocommerceShop) lists those mails and where the merchant turns them off.
	 */
	async updateStatuses(updates: StatusUpdate[]): Promise<OrderResult[]> {
		const results: OrderResult[] = new Array(updates.length);
		const pending: Array<{ index: number; id: string; status: string }> = [];
		for (const [index, update] of updates.entries()) {
			try {
				pending.push({ index, id: assertOrderId(update.orderId), status: await this.assertStatus(update.status) });
			} catch (error) {
				results[index] = { orderId: String(update.orderId), ok: false, error: error as Error };
			}
		}
		let queue = pending;
		let size = BATCH_LIMIT;
		const unanswered = new Map<string, number>();
		while (queue.length) {
			const chunk = queue.slice(0, size);
			queue = queue.slice(size);
			const started = Date.now();
			// Each change mails and moves stock, so a batch is never sent again blindly (it may still be running).
			const sent = await settle(
				this.call<WooBatchResult<WooOrder>>('POST', '/orders/batch', {
					body: { update: chunk.map(({ id, status }) => ({ id: Number(id), status })) },
					idempotent: false,
				}),
			);
			if (sent.value) {
				chunk.forEach((entry, i) => (results[entry.index] = this.batchResult(entry.id, sent.value.data.update?.[i])));
				size = this.batchSizeFor((Date.now() - started) / chunk.length);
				continue;
			}
			if (!mayHaveRun(sent.error)) {
				for (const entry of chunk) results[entry.index] = { orderId: entry.id, ok: false, error: sent.error as Error };
				continue;
			}
			// No answer: read back what WooCommerce changed once it stops changing, and send again only the rest.
			const readBack = await settle(this.statusesOnceSettled(chunk));
			if (!readBack.value) {
				for (const entry of chunk) results[entry.index] = { orderId: entry.id, ok: false, error: sent.error as Error };
				continue;
			}
			const current = readBack.value;
			const again: typeof chunk = [];
			for (const entry of chunk) {
				const order = current.get(entry.id);
				const tries = (unanswered.get(entry.id) ?? 0) + 1;
				unanswered.set(entry.id, tries);
				if (order && normalizeStatus(order.status) === entry.status) results[entry.index] = { orderId: entry.id, ok: true, order: toOrder(order) };
				else if (tries < MAX_UNANSWERED) again.push(entry);
				else {
					const status = order ? `it is still "${normalizeStatus(order.status)}"` : 'it could not be read';
					results[entry.index] = { orderId: entry.id, ok: false, error: new VendorError(VENDOR, `Order ${entry.id}: WooCommerce did not answer ${tries} status batches in time and ${status}; check the order, then run again`) };
				}
			}
			queue = [...again, ...queue];
			size = Math.max(1, Math.floor(chunk.length / 2));
		}
		return results;
	}

	private batchResult(orderId: string, answer: WooOrder | { id: number; error: WooError } | undefined): OrderResult {
		if (answer && 'error' in answer && answer.error) {
			return { orderId, ok: false, error: new VendorError(VENDOR, `Order ${orderId}: ${describe(answer.error)}`, answer.error) };
		}
		if (answer && 'status' in answer) return { orderId, ok: true, order: toOrder(answer) };
		return { orderId, ok: false, error: new VendorError(VENDOR, `Order ${orderId}: the batch answer has no result for it`) };
	}

	/** As many orders as WooCommerce changes, at the pace just seen, in half the request timeout (at most 100). */
	private batchSizeFor(msPerOrder: number): number {
		return Math.max(1, Math.min(BATCH_LIMIT, Math.floor(this.timeoutMs / 2 / Math.max(msPerOrder, 1))));
	}

	/**
	 * The orders of an unanswered batch as they are once WooCommerce has stopped working on it: read until two reads
	 * `batchSettleMs` apart agree (or for two request timeouts at most), so nothing is sent again while it still runs.
	 */
	private async statusesOnceSettled(chunk: Array<{ id: string }>): Promise<Map<string, WooOrder>> {
		let previous = '';
		const giveUpAt = Date.now() + 2 * this.timeoutMs;
		for (;;) {
			const { data } = await this.call<WooOrder[]>('GET', '/orders', {
				qs: { include: chunk.map((entry) => entry.id).join(','), per_page: BATCH_LIMIT, status: 'any' },
			});
			const current = new Map(data.map((order) => [String(order.id), order]));
			const fingerprint = chunk.map((entry) => `${entry.id}:${current.get(entry.id)?.status}:${current.get(entry.id)?.date_modified_gmt}`).join(',');
			if (fingerprint === previous || Date.now() > giveUpAt) return current;
			previous = fingerprint;
			await sleep(this.batchSettleMs);
		}
	}

	async addNote(orderId: string, note: string, forCustomer: boolean): Promise<{ noteId: string }> {
		if (!note?.trim()) throw new VendorError(VENDOR, `The note for order ${orderId} is empty: fill in "Note"`);
		const { data } = await this.call<{ id: number }>('POST', `/orders/${assertOrderId(orderId)}/notes`, {
			body: { note, customer_note: forCustomer },
			idempotent: false,
		});
		return { noteId: String(data.id) };
	}

	async setTracking(orderId: string, tracking: Tracking, notifyCustomer: boolean): Promise<{ method: string; order: Order }> {
		const id = assertOrderId(orderId);
		if (!tracking.number?.trim()) throw new VendorError(VENDOR, `No tracking number for order ${id}: fill in "Tracking Number"`);
		const viaPlugin = await settle(
			this.call('POST', `/wp-json/wc-shipment-tracking/v3/orders/${id}/shipment-trackings`, {
				body: {
					custom_tracking_provider: tracking.carrier ?? '',
					tracking_number: tracking.number,
					custom_tracking_link: tracking.url ?? '',
				},
				idempotent: false,
			}),
		);
		if (!viaPlugin.error) return { method: 'shipmentTracking', order: await this.getOrder(id) };
		if (vendorCode(viaPlugin.error) !== 'rest_no_route') throw viaPlugin.error;
		// No Shipment Tracking plugin: keep it in order meta and tell the customer through a note, once per shipment;
		// a repeat keeps the carrier and URL saved before unless it gives new ones.
		const current = toOrder(await this.getWire(id));
		const kept = current.tracking ?? [];
		const saved = kept.find((t) => t.number === tracking.number);
		const carrier = tracking.carrier || saved?.carrier;
		const url = tracking.url || saved?.url;
		if (saved && saved.carrier === carrier && saved.url === url) return { method: 'noteAndMeta', order: current };
		const merged: Tracking = { ...(carrier ? { carrier } : {}), number: tracking.number, ...(url ? { url } : {}) };
		const all = [...kept.filter((t) => t.number !== tracking.number), merged];
		const { data } = await this.call<WooOrder>('PUT', `/orders/${id}`, {
			body: { meta_data: [{ key: TRACKING_META, value: JSON.stringify(all) }] },
		});
		await this.addNote(id, trackingNote(current, merged), notifyCustomer);
		return { method: 'noteAndMeta', order: toOrder(data) };
	}

	private async productIdBySku(sku: string): Promise<WooProduct> {
		const { data } = await this.call<WooProduct[]>('GET', '/products', { qs: { sku } });
		const product = data.find((p) => p.sku === sku);
		if (!product) throw new VendorError(VENDOR, `No product with SKU "${sku}" in the store: check the SKU or add the product in WooCommerce`);
		return product;
	}

	private async productById(productId: string): Promise<WooProduct> {
		const { value, error } = await settle(this.call<WooProduct>('GET', `/products/${encodeURIComponent(productId)}`));
		if (value) return value.data;
		if (error instanceof HttpError && error.status === 404) {
			throw new VendorError(VENDOR, `No product with id ${productId} in the store: check the product id`);
		}
		throw error;
	}

	async updateLines(orderId: string, edits: LineEdit[]): Promise<Order> {
		const id = assertOrderId(orderId);
		if (!edits.length) throw new VendorError(VENDOR, `No line changes given for order ${id}`);
		const wire = await this.getWire(id);
		const changes = new Map<number, { line: WooLineItem; quantity: number; price?: LinePrice }>();
		const additions: Array<{ product_id: number; quantity: number; price?: LinePrice; label: string }> = [];
		const findLine = async (edit: LineEdit) => {
			const product = 'sku' in edit ? await this.productIdBySku(edit.sku) : undefined;
			const productId = product ? product.id : Number(('productId' in edit && edit.productId) || NaN);
			const line = wire.line_items.find(
				(item) =>
					('sku' in edit && item.sku === edit.sku) || item.product_id === productId || item.variation_id === productId,
			);
			return { line, productId, label: 'sku' in edit ? `SKU "${edit.sku}"` : `product id ${productId}` };
		};
		for (const edit of edits) {
			if (edit.action !== 'remove' && edit.action !== 'setPrice' && (!Number.isInteger(edit.quantity) || edit.quantity < (edit.action === 'add' ? 1 : 0))) {
				throw new VendorError(VENDOR, `Quantity ${edit.quantity} is not valid for order ${id}: use a whole number${edit.action === 'add' ? ' of at least 1' : ''}`);
			}
			const { line, productId, label } = await findLine(edit);
			if (edit.action !== 'remove' && edit.price) assertPrice(wire, edit.price, label);
			const planned = line ? changes.get(line.id) : undefined;
			if (edit.action === 'add') {
				if (line) {
					const quantity = (planned?.quantity ?? line.quantity) + edit.quantity;
					changes.set(line.id, { line, quantity, price: edit.price ?? planned?.price });
				} else {
					if (!('sku' in edit)) await this.productById(String(productId));
					additions.push({ product_id: productId, quantity: edit.quantity, price: edit.price, label });
				}
				continue;
			}
			if (!line) throw new VendorError(VENDOR, `Order ${id} has no line with ${label}`);
			if (edit.action === 'setPrice') changes.set(line.id, { line, quantity: planned?.quantity ?? line.quantity, price: edit.price });
			else if (edit.action === 'remove') changes.set(line.id, { line, quantity: 0 });
			else changes.set(line.id, { line, quantity: edit.quantity, price: edit.price ?? planned?.price });
		}
		// The draft that checks the taxes also tells the tax rate of products added at a price that includes tax.
		const taxedAdditions = additions.filter((addition) => addition.price?.includesTax);
		const addedRates = await this.assertTaxesKept(wire, `changing its lines`, taxedAdditions);
		const lineItems = [
			...[...changes.values()].map(({ line, quantity, price }) => {
				if (quantity === 0) return { id: line.id, quantity };
				const what = `Order ${id}, line "${line.name}"`;
				const totals = price ? pricedTotals(quantity, price, lineOf(line, wire.tax_lines).taxRate, what) : scaledTotals(line, quantity);
				return { id: line.id, quantity, ...totals };
			}),
			...additions.map((addition) => {
				const { product_id, quantity, price, label } = addition;
				const rate = addedRates[taxedAdditions.indexOf(addition)];
				return { product_id, quantity, ...(price ? pricedTotals(quantity, price, rate, `Order ${id}, added ${label}`) : {}) };
			}),
		];
		// A line without an id is added anew by every PUT, so one with additions must not be repeated blindly.
		const { data } = await this.call<WooOrder>('PUT', `/orders/${id}`, {
			body: { line_items: lineItems },
			idempotent: additions.length === 0,
		});
		return toOrder(data);
	}

	async applyLineDiff(orderId: string, diff: LineDiff): Promise<Order> {
		const edits = lineEditsFromDiff(diff, orderId, 'WooCommerce', VENDOR);
		if (!edits.length) return this.getOrder(orderId);
		return this.updateLines(orderId, edits);
	}

	/**
	 * WooCommerce's REST API takes no tax amounts: whenever lines change it re-taxes every line of the order with
	 * today's tax table and address rules. A throw-away draft order with the same lines and addresses shows what it
	 * would charge; a line change goes ahead only when that is what the order charges now.
	 */
	private async assertTaxesKept(wire: WooOrder, change: string, added: Array<{ product_id: number; quantity: number }> = []): Promise<Array<number | undefined>> {
		// A line whose product was deleted cannot be added to another order; its tax is not checked.
		const lines = wire.line_items.filter((item) => item.product_id);
		const { data: probe } = await this.call<WooOrder>('POST', '/orders', {
			body: {
				status: SILENT_STATUS,
				currency: wire.currency,
				billing: wire.billing,
				shipping: wire.shipping,
				line_items: [
					...lines.map((item) => ({
						product_id: item.product_id,
						...(item.variation_id ? { variation_id: item.variation_id } : {}),
						quantity: item.quantity,
						subtotal: item.subtotal,
						total: item.total,
					})),
					...added.map(({ product_id, quantity }) => ({ product_id, quantity })),
				],
				shipping_lines: (wire.shipping_lines ?? []).map(({ method_id, method_title, instance_id, total }) => ({ method_id, method_title, instance_id, total })),
			},
			idempotent: false,
		});
		const { error } = await settle(this.call('DELETE', `/orders/${probe.id}`, { qs: { force: true } }));
		const differences = lines.flatMap((item, i) => {
			const now = probe.line_items[i]?.total_tax;
			return Number(now) === Number(item.total_tax) ? [] : [`"${item.name}" ${item.total_tax} when ordered, ${now ?? 'none'} now`];
		});
		if (Number(probe.shipping_tax ?? 0) !== Number(wire.shipping_tax ?? 0)) {
			differences.push(`shipping ${wire.shipping_tax ?? '0.00'} when ordered, ${probe.shipping_tax ?? '0.00'} now`);
		}
		if (differences.length) {
			throw new VendorError(
				VENDOR,
				`Order ${wire.id} was taxed under another tax table than WooCommerce's today (tax: ${differences.join('; ')}). WooCommerce re-taxes the whole order when its lines change through the API, so ${change} would change what the customer was charged: make this change in the WooCommerce admin`,
			);
		}
		if (error) throw error;
		return added.map((_, i) => {
			const item = probe.line_items[lines.length + i];
			return item ? lineOf(item, probe.tax_lines).taxRate : undefined;
		});
	}

	async splitOrder(orderId: string, moves: LineMove[], options: SplitOptions = {}): Promise<{ original: Order; created: Order }> {
		const id = assertOrderId(orderId);
		if (!moves.length) throw new VendorError(VENDOR, `No lines to move out of order ${id}: add at least one line under "Lines to Move"`);
		const wire = await this.getWire(id);
		const moved = new Map<number, number>();
		for (const move of moves) {
			const line = wire.line_items.find((item) => (move.lineId ? String(item.id) === String(move.lineId) : item.sku === move.sku));
			if (!line) throw new VendorError(VENDOR, `Order ${id} has no line with ${move.lineId ? `id ${move.lineId}` : `SKU "${move.sku}"`}`);
			const quantity = (moved.get(line.id) ?? 0) + (move.quantity ?? line.quantity);
			if (!Number.isInteger(quantity) || quantity < 1 || quantity > line.quantity) {
				throw new VendorError(VENDOR, `Cannot move ${quantity} of "${line.name}" out of order ${id}: the line has ${line.quantity}`);
			}
			moved.set(line.id, quantity);
		}
		const remaining = wire.line_items.reduce((sum, item) => sum + item.quantity - (moved.get(item.id) ?? 0), 0);
		if (remaining === 0) throw new VendorError(VENDOR, `Moving every line would leave order ${id} empty; cancel or edit the order instead`);
		const status = normalizeStatus(wire.status);
		if (!options.shopMails && MAILED_ON_ENTRY.has(status)) {
			throw new VendorError(
				VENDOR,
				`Order ${id} is ${status}: WooCommerce mails the customer about every order that becomes ${status}, so the split-off order would mail them. Split it before, or turn on "WooCommerce Mails"`,
			);
		}
		await this.assertTaxesKept(wire, 'splitting it');

		const movedLines = wire.line_items.filter((item) => moved.has(item.id));
		const paidAt = wire.date_paid_gmt ? Date.parse(`${wire.date_paid_gmt}Z`) : NaN;
		const { data: draft } = await this.call<WooOrder>('POST', '/orders', {
			body: {
				// WooCommerce mails a new order's customer and admin when it leaves "pending"; a draft leaves silently.
				status: options.shopMails ? status : SILENT_STATUS,
				customer_id: wire.customer_id,
				currency: wire.currency,
				billing: wire.billing,
				shipping: wire.shipping,
				payment_method: wire.payment_method,
				payment_method_title: wire.payment_method_title,
				...(wire.transaction_id ? { transaction_id: wire.transaction_id } : {}),
				customer_note: wire.customer_note,
				line_items: movedLines.map((item) => ({
					product_id: item.product_id,
					...(item.variation_id ? { variation_id: item.variation_id } : {}),
					quantity: moved.get(item.id),
					...scaledTotals(item, moved.get(item.id) as number),
				})),
				// The language meta goes along so mails about the new order are in the customer's language; ids in other
				// systems stay behind (the new order is not the ERP's or marketplace's order). The paid date is internal
				// meta, the only way REST sets it.
				meta_data: [
					{ key: SPLIT_FROM_META, value: id },
					...languageMeta(wire.meta_data),
					...(Number.isFinite(paidAt) ? [{ key: '_date_paid', value: String(Math.floor(paidAt / 1000)) }] : []),
				],
			},
			idempotent: false,
		});
		const created =
			normalizeStatus(draft.status) === status
				? draft
				: (await this.call<WooOrder>('PUT', `/orders/${draft.id}`, { body: { status } })).data;
		const previousSplits = String(metaValue(wire.meta_data, SPLIT_TO_META) ?? '');
		const { data: original } = await this.call<WooOrder>('PUT', `/orders/${id}`, {
			body: {
				line_items: movedLines.map((item) => {
					const quantity = item.quantity - (moved.get(item.id) as number);
					return { id: item.id, quantity, ...(quantity > 0 ? keptTotals(item, moved.get(item.id) as number) : {}) };
				}),
				meta_data: [{ key: SPLIT_TO_META, value: [previousSplits, String(created.id)].filter(Boolean).join(',') }] satisfies WooMeta[],
			},
		});
		await this.addNote(id, `Lines moved to order #${created.number ?? created.id}.`, false);
		await this.addNote(String(created.id), `Split from order #${wire.number ?? id}.`, false);
		return { original: toOrder(original), created: toOrder(created) };
	}

	async resendConfirmation(orderId: string): Promise<{ message: string }> {
		const id = assertOrderId(orderId);
		const { value, error } = await settle(this.call<{ message?: string }>('POST', `/orders/${id}/actions/send_order_details`, { idempotent: false }));
		if (value) return { message: value.data?.message ?? 'Order details sent.' };
		if (vendorCode(error) === 'rest_no_route') {
			throw new VendorError(VENDOR, `This store has no order actions endpoint; resending the confirmation needs WooCommerce 9.8 or newer`);
		}
		throw error;
	}

	/**
	 * A stock-managed line whose units WooCommerce took off stock is short by the part of a negative stock that the
	 * orders reducing it later do not account for: stock goes to the earliest orders, so the latest are the short ones.
	 * A line not yet taken off stock needs the stock on hand; a product without managed stock, its stock status.
	 */
	async deriveFulfilment(orderId: string): Promise<Fulfilment> {
		const wire = await this.getWire(orderId);
		const productIds = [...new Set(wire.line_items.filter((i) => !i.variation_id && i.product_id).map((i) => i.product_id))];
		const products = new Map<number, WooProduct>();
		for (let start = 0; start < productIds.length; start += PAGE_SIZE) {
			const ids = productIds.slice(start, start + PAGE_SIZE);
			const { data } = await this.call<WooProduct[]>('GET', '/products', { qs: { include: ids.join(','), per_page: PAGE_SIZE } });
			for (const product of data) products.set(product.id, product);
		}
		for (const item of wire.line_items.filter((i) => i.variation_id)) {
			const variationId = item.variation_id as number;
			if (products.has(variationId)) continue;
			const { data } = await this.call<WooProduct>('GET', `/products/${item.product_id}/variations/${variationId}`);
			products.set(variationId, data);
		}
		const lines: FulfilmentLine[] = [];
		for (const item of wire.line_items) {
			const product = products.get(item.variation_id || item.product_id);
			lines.push({
				...(({ sku, productId, name, quantity }) => ({ sku, productId, name, quantity }))(lineOf(item)),
				inStock: await this.lineInStock(wire.id, item, product),
				stockQuantity: product?.stock_quantity ?? undefined,
				stockStatus: product?.stock_status ?? 'unknown',
			});
		}
		return { status: lines.every((line) => line.inStock) ? 'ready' : 'backordered', lines };
	}

	private async lineInStock(orderId: number, item: WooLineItem, product: WooProduct | undefined): Promise<boolean> {
		if (!product) return false;
		if (!product.manage_stock) return product.stock_status === 'instock';
		const stock = product.stock_quantity ?? 0;
		if (reducedUnits(item) === 0) return stock >= item.quantity;
		return stock >= 0 || -stock <= (await this.unitsReducedAfter(orderId, item));
	}

	/** Units of the line's product that orders created after `orderId` took off stock and still hold. */
	private async unitsReducedAfter(orderId: number, line: WooLineItem): Promise<number> {
		const sameProduct = (item: WooLineItem) => (line.variation_id ? item.variation_id === line.variation_id : item.product_id === line.product_id);
		let units = 0;
		for (let page = 1; ; page++) {
			const { data, response } = await this.call<WooOrder[]>('GET', '/orders', {
				qs: { product: line.product_id, orderby: 'id', order: 'desc', per_page: PAGE_SIZE, page },
			});
			const later = data.filter((order) => order.id > orderId);
			for (const order of later) units += order.line_items.filter(sameProduct).reduce((sum, item) => sum + reducedUnits(item), 0);
			if (later.length < data.length || page >= Number(headerValue(response, 'x-wp-totalpages') ?? 1)) return units;
		}
	}
}
