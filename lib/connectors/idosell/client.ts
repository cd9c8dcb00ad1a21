import type { Order, Tracking } from '../../model';
import {
	headerValue,
	HttpError,
	HttpTransport,
	rateLimiterFor,
	VendorAnswerError,
	VendorError,
	type BudgetFactory,
	type HttpMethod,
	type HttpResponse,
	type HttpSend,
	type RetryPolicy,
} from '../../transport';
import type { ConnectionCheck, OrderQuery, OrderResult, ShopConnector, ShopOwnMail, ShopStatus, StatusUpdate, StatusUpdateOptions } from '../shop';
import {
	assertTimeZone,
	DEFAULT_TIME_ZONE,
	fromShopTime,
	IDOSELL_CANONICAL,
	IDOSELL_STATUS_LABELS,
	IDOSELL_UNASSIGNABLE,
	SYSTEM,
	toOrder,
	toShopTime,
	type IdoSellOwnStatus,
} from './mapping';
import type {
	IdoSellBatchAnswer,
	IdoSellDocumentsAnswer,
	IdoSellFault,
	IdoSellOrder,
	IdoSellOrderResult,
	IdoSellPackagesAnswer,
	IdoSellSearchAnswer,
	IdoSellServerTimeAnswer,
	IdoSellStatusesAnswer,
} from './wire';

const VENDOR = 'IdoSell';
export const IDOSELL_API_VERSION = 'v6';
/** Pages, and orders per write, are capped at 100. */
export const IDOSELL_PAGE_LIMIT = 100;
/** Paced below the smallest plan's allowance; a 429 is waited out and repeated by the transport. */
export const IDOSELL_RATE_LIMIT = { perSecond: 4, burst: 4 };
/** A 429 comes without Retry-After and the allowance is counted per second: wait at least a second before repeating. */
export const IDOSELL_RETRY: Partial<RetryPolicy> = { baseDelayMs: 1000 };
/** Fault 2: the search found nothing. Fault 3: the status changed, only the shop's own mail failed. */
const FAULT_EMPTY = 2;
const FAULT_MAIL_FAILED = 3;
/** Windows the newest-change lookup widens through when no date range is asked for. */
const RECENT_WINDOWS_DAYS = [1, 30, 366];
/** How far the shop's clock, or an order's date read in the credential's zone, may run ahead of ours. */
const CLOCK_TOLERANCE_MINUTES = 20;
/** IdoSell's customer mails and texts for status changes are set in the panel; the API neither reads nor changes them. */
const PANEL_NOTIFICATIONS = "the IdoSell panel's e-mail and SMS notifications to customers about order status changes";
const SHOP_MAILS_SWITCH = 'Shop Order\'s "IdoSell Mails the Customer"';

/** What a Shop node gives the connector; `settings` are the credential's non-secret fields (the shop's time zone). */
export interface IdoSellOptions {
	url: string;
	send: HttpSend;
	budget?: BudgetFactory;
	/** Keys the shared rate budget; the panel host when absent */
	accountKey?: string;
	settings?: Record<string, unknown>;
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
}


/** The panel address as typed (with or without the API path) → the API base. */
export function apiBase(url: string): string {
	const trimmed = String(url ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\//i.test(trimmed)) {
		throw new VendorError(VENDOR, `"${trimmed}" is not a panel address: give the shop's address with https://, e.g. https://myshop.idosell.com`);
	}
	return /\/api\/admin\/v\d+$/i.test(trimmed) ? trimmed : `${trimmed}/api/admin/${IDOSELL_API_VERSION}`;
}

/** The order id every write takes: IdoSell's numeric serial number. */
function serialOf(orderId: string): number {
	const id = String(orderId ?? '').trim();
	if (!id) throw new VendorError(VENDOR, 'No IdoSell order id: the incoming order has none for this shop (order.externalIds.idosell); fill in "Order ID"');
	if (!/^\d+$/.test(id)) {
		throw new VendorError(VENDOR, `"${id}" is not an IdoSell order serial number: give the number (e.g. 12345), not the order id such as "shop-12345"`);
	}
	return Number(id);
}

const faultText = (fault: Partial<IdoSellFault>) => `${fault.faultString || 'no reason given'} (fault ${fault.faultCode})`;

/** The shop's clock from `/system/serverTime`: a UNIX timestamp in seconds (a shop-local text is read too). */
function shopClockMs(time: unknown, timeZone: string): number | undefined {
	if (typeof time === 'number' || (typeof time === 'string' && /^\d+$/.test(time))) return Number(time) * 1000;
	const local = typeof time === 'string' ? fromShopTime(time, timeZone) : undefined;
	return local ? Date.parse(local) : undefined;
}

/** The statuses `/orders/statuses` lists: the built-ins are those without a parent, the shop's own sit under one. */
interface StatusListing {
	builtIn: number;
	own: Map<string, IdoSellOwnStatus>;
}

function parseJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

/** IdoSell puts the reason of a 4xx/429 in the X-Error header, not in the body. */
const describeError = (response: HttpResponse) => headerValue(response, 'x-error');

function withCredentialHint(error: unknown): unknown {
	if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
		return new VendorError(
			VENDOR,
			`${error.message}. Check the API key in the IdoSell credential (panel → Administration → API → Admin API keys) and that it may read and edit orders`,
		);
	}
	return error;
}

/** IdoSell behind the Shop nodes: orders, statuses with the who-mails switch, notes, parcels and invoice PDFs. */
export class IdoSellShop implements ShopConnector {
	readonly system = SYSTEM;
	readonly displayName = VENDOR;
	readonly timeZone: string;
	private readonly base: string;
	private readonly transport: HttpTransport;
	private statusListing?: Promise<StatusListing>;
	private clockCheck?: Promise<{ shopMs?: number; offMinutes: number }>;

	constructor(options: IdoSellOptions) {
		this.base = apiBase(options.url);
		const zone = typeof options.settings?.timeZone === 'string' && options.settings.timeZone.trim() ? options.settings.timeZone.trim() : DEFAULT_TIME_ZONE;
		this.timeZone = assertTimeZone(zone);
		const bucket = `idosell:${options.accountKey ?? new URL(this.base).host}`;
		this.transport = new HttpTransport({
			vendor: VENDOR,
			send: options.send,
			retry: { ...IDOSELL_RETRY, ...options.retry },
			timeoutMs: options.timeoutMs,
			rateLimiter: (options.budget ?? rateLimiterFor)(bucket, IDOSELL_RATE_LIMIT),
			describeError,
		});
	}

	/** One call; POST/PUT carry `{"params": …}`. 207 is an answer (per-order faults), not a failure. */
	async call<T>(method: HttpMethod, path: string, params?: Record<string, unknown>, idempotent = true): Promise<T> {
		const response = await this.transport
			.request({
				method,
				url: `${this.base}${path}`,
				headers: { accept: 'application/json', ...(params ? { 'content-type': 'application/json' } : {}) },
				body: params ? JSON.stringify({ params }) : undefined,
				idempotent,
			})
			.catch((error: unknown) => {
				throw withCredentialHint(error);
			});
		const parsed = parseJson(response.body);
		if (!parsed || typeof parsed !== 'object') {
			throw new VendorAnswerError(VENDOR, `IdoSell answered ${method} ${path} with something that is not JSON (HTTP ${response.status}); check the panel address in the credential`);
		}
		return parsed as T;
	}

	/**
	 * Date filters are computed from our clock in the shop's zone: a shop clock far from ours would shift every window.
	 * `/system/serverTime` is compared with ours once per connector; an answer without a readable time is not held
	 * against the shop. (It is a UNIX time, so it cannot show the zone; `assertNotAhead` catches a wrong zone.)
	 */
	private assertShopClock(): Promise<{ shopMs?: number; offMinutes: number }> {
		this.clockCheck ??= this.call<IdoSellServerTimeAnswer>('GET', '/system/serverTime').then(({ time, errors }) => {
			if (errors?.faultCode) {
				throw new VendorError(VENDOR, `IdoSell refused the shop's API at its clock check: ${faultText(errors)}; the panel says why (e.g. unpaid IdoSell invoices)`, errors);
			}
			const shopMs = shopClockMs(time, this.timeZone);
			if (shopMs === undefined) return { offMinutes: 0 };
			const offMinutes = Math.round((shopMs - Date.now()) / 60_000);
			if (Math.abs(offMinutes) > CLOCK_TOLERANCE_MINUTES) {
				throw new VendorError(
					VENDOR,
					`IdoSell's clock reads ${this.shopTimeText(shopMs)}, ${Math.abs(offMinutes)} minutes ${offMinutes > 0 ? 'ahead of' : 'behind'} ours: set the clock of the machine running n8n right (or ask IdoSell about the shop's), or every date filter is shifted`,
				);
			}
			return { shopMs, offMinutes };
		});
		this.clockCheck.catch(() => {
			this.clockCheck = undefined;
		});
		return this.clockCheck;
	}

	private shopTimeText(ms: number): string {
		return `${toShopTime(new Date(ms).toISOString(), this.timeZone)} in ${this.timeZone}`;
	}

	/**
	 * Shop-local dates read in the credential's zone: a zone west of the shop's puts fresh changes in the future. Such
	 * an order stops the read, naming the zone, instead of a watermark running hours ahead and skipping changes.
	 */
	private assertNotAhead(orders: Order[]): void {
		const limit = Date.now() + CLOCK_TOLERANCE_MINUTES * 60_000;
		const ahead = orders.find((o) => Date.parse(o.updatedAt ?? '') > limit || Date.parse(o.createdAt ?? '') > limit);
		if (ahead) {
			const raw = ahead.raw as IdoSellOrder;
			throw new VendorError(
				VENDOR,
				`IdoSell order ${ahead.id} was changed at ${raw.orderDetails?.orderChangeDate ?? '?'} shop time, which in ${this.timeZone} is still ahead of now: set the shop's time zone in the IdoSell credential (Shop Time Zone), or every date filter is shifted`,
			);
		}
	}

	/** `/orders/statuses`, read once per connector. */
	private readStatuses(): Promise<StatusListing> {
		this.statusListing ??= this.call<IdoSellStatusesAnswer>('GET', '/orders/statuses').then((answer) => {
			const listing: StatusListing = { builtIn: 0, own: new Map() };
			for (const status of answer.statuses ?? []) {
				if (status.parentId === null || status.parentId === undefined || status.parentId === '') {
					listing.builtIn++;
					continue;
				}
				const code = String(status.id);
				listing.own.set(code, { code, label: String(status.panelName ?? '').trim() || code });
			}
			return listing;
		});
		this.statusListing.catch(() => {
			this.statusListing = undefined;
		});
		return this.statusListing;
	}

	private async toOrders(wire: IdoSellOrder[]): Promise<Order[]> {
		if (!wire.length) return [];
		const { own } = await this.readStatuses();
		return wire.map((w) => toOrder(w, this.timeZone, own));
	}

	/** Every order the search matches, page by page (100 a page). */
	private async search(params: Record<string, unknown>): Promise<IdoSellOrder[]> {
		const found: IdoSellOrder[] = [];
		for (let page = 0; ; page++) {
			const answer = await this.call<IdoSellSearchAnswer>('POST', '/orders/orders/search', { ...params, resultsPage: page, resultsLimit: IDOSELL_PAGE_LIMIT });
			if (!answer.Results) {
				if (answer.errors && answer.errors.faultCode !== FAULT_EMPTY) {
					throw new VendorError(VENDOR, `IdoSell could not search orders: ${faultText(answer.errors)}`, answer.errors);
				}
				return found;
			}
			found.push(...answer.Results);
			if (page + 1 >= Number(answer.resultsNumberPage ?? 0)) return found;
		}
	}

	private async ordersBySerial(serials: number[]): Promise<Map<string, Order>> {
		const orders = new Map<string, Order>();
		for (let i = 0; i < serials.length; i += IDOSELL_PAGE_LIMIT) {
			for (const order of await this.toOrders(await this.search({ ordersSerialNumbers: serials.slice(i, i + IDOSELL_PAGE_LIMIT) }))) {
				orders.set(order.id, order);
			}
		}
		return orders;
	}

	async getOrder(orderId: string): Promise<Order> {
		const serial = serialOf(orderId);
		const order = (await this.ordersBySerial([serial])).get(String(serial));
		if (!order) throw new VendorError(VENDOR, `IdoSell has no order with serial number ${serial}; check "Order ID"`);
		return order;
	}

	async listOrders(query: OrderQuery): Promise<Order[]> {
		const since = query.modifiedAfter ?? query.createdAfter;
		let orders: Order[];
		if (since) {
			orders = await this.ordersInRange(query.modifiedAfter ? 'modified' : 'add', since, query.statuses);
		} else {
			orders = await this.recentOrders(query);
		}
		if (query.modifiedAfter && query.createdAfter) orders = orders.filter((o) => (o.createdAt ?? '') >= (query.createdAfter as string));
		orders.sort(comparator(query.order));
		return query.limit === undefined ? orders : orders.slice(0, query.limit);
	}

	/** Orders added or modified from `sinceIso` on, shop-local and inclusive; the end lies a day ahead of the shop's clock. */
	private async ordersInRange(dateType: 'add' | 'modified', sinceIso: string, statuses?: string[]): Promise<Order[]> {
		await this.assertShopClock();
		const end = new Date(Date.now() + 86_400_000).toISOString();
		const wire = await this.search({
			ordersRange: {
				ordersDateRange: { ordersDateType: dateType, ordersDateBegin: toShopTime(sinceIso, this.timeZone), ordersDateEnd: toShopTime(end, this.timeZone) },
			},
			...this.statusFilter(statuses),
		});
		const orders = await this.toOrders(wire);
		this.assertNotAhead(orders);
		return orders;
	}

	/** Built-in statuses filter by code, the shop's own by id. */
	private statusFilter(statuses?: string[]): Record<string, unknown> {
		const own = (statuses ?? []).filter((s) => /^\d+$/.test(s)).map(Number);
		const builtIn = (statuses ?? []).filter((s) => !/^\d+$/.test(s));
		return { ...(builtIn.length ? { ordersStatuses: builtIn } : {}), ...(own.length ? { ordersStatusesIds: own } : {}) };
	}

	/** Without a date the search has no order by change: look back through widening windows until enough orders show. */
	private async recentOrders(query: OrderQuery): Promise<Order[]> {
		if (query.limit === undefined) {
			return this.toOrders(await this.search(this.statusFilter(query.statuses)));
		}
		const dateType = query.order === 'oldestModifiedFirst' || query.order === 'newestModifiedFirst' ? 'modified' : 'add';
		let orders: Order[] = [];
		for (const days of RECENT_WINDOWS_DAYS) {
			orders = await this.ordersInRange(dateType, new Date(Date.now() - days * 86_400_000).toISOString(), query.statuses);
			if (orders.length >= query.limit) break;
		}
		return orders;
	}

	/** The 17 built-in statuses and the shop's own (by id), live. */
	async listStatuses(): Promise<ShopStatus[]> {
		const { own } = await this.readStatuses();
		return [
			...Object.entries(IDOSELL_STATUS_LABELS).map(([code, label]) => this.statusOf(code, label)),
			...[...own.values()].map((status) => this.statusOf(status.code, status.label)),
		];
	}

	private statusOf(code: string, label: string): ShopStatus {
		return {
			code,
			label,
			...(IDOSELL_CANONICAL[code] ? { canonical: IDOSELL_CANONICAL[code] } : {}),
			...(IDOSELL_UNASSIGNABLE.has(code) ? { assignable: false as const } : {}),
		};
	}

	/**
	 * The credential test: the shop's clock (as the date filters check it) and a read of its statuses prove the
	 * address, the key and its right to the orders; names the customer mails IdoSell sends on its own.
	 */
	async checkConnection(): Promise<ConnectionCheck> {
		const { shopMs, offMinutes } = await this.assertShopClock();
		const { builtIn, own } = await this.readStatuses();
		const skew = offMinutes ? `${Math.abs(offMinutes)} min ${offMinutes > 0 ? 'ahead of' : 'behind'} ours` : 'in step with ours';
		const clock = shopMs === undefined ? "the shop's clock could not be read from /system/serverTime" : `the shop's clock reads ${this.shopTimeText(shopMs)} (${skew})`;
		return {
			reached:
				`Connected to IdoSell at ${new URL(this.base).host} (Admin API ${this.base.split('/').pop()}); the key reads orders and ` +
				`${builtIn + own.size} order statuses (${builtIn} built-in, ${own.size} of the shop's own); ${clock}`,
			ownMails: [
				`Every status change made through the API: an e-mail and an SMS to the customer (sent only when ${SHOP_MAILS_SWITCH} is on; otherwise each change carries dontSendMail/dontSendSMS = "y")`,
				`Status changes staff make in the panel: as set in ${PANEL_NOTIFICATIONS}`,
			],
		};
	}

	/**
	 * IdoSell mails (and texts) the customer on every status change it is not told to keep quiet about. The API does
	 * not show which statuses the merchant left mails on for, so an actual change counts as mailed.
	 */
	async ownMail(toStatus: string, fromStatus?: string): Promise<ShopOwnMail | undefined> {
		const code = String(toStatus ?? '').trim();
		if (!code || (fromStatus !== undefined && String(fromStatus).trim() === code)) return undefined;
		const label = IDOSELL_STATUS_LABELS[code] ?? (await this.readStatuses()).own.get(code)?.label ?? code;
		return { mail: `Order status "${label}" (e-mail and SMS)`, enabled: true, setting: `${PANEL_NOTIFICATIONS}, or turn ${SHOP_MAILS_SWITCH} off` };
	}

	statusLabel(code: string): string | undefined {
		return IDOSELL_STATUS_LABELS[code];
	}

	/**
	 * Batch status write, 100 orders a request, each order with its own result. IdoSell mails and texts the customer on
	 * every change unless told not to per order: by default it is told not to, as Notify Customer mails.
	 */
	async updateStatuses(updates: StatusUpdate[], options: StatusUpdateOptions = {}): Promise<OrderResult[]> {
		const results: OrderResult[] = new Array(updates.length);
		const valid: Array<{ position: number; serial: number; status: string }> = [];
		updates.forEach((update, position) => {
			try {
				const status = String(update.status ?? '').trim();
				if (!status) throw new VendorError(VENDOR, `No status to set on IdoSell order ${update.orderId}`);
				if (IDOSELL_UNASSIGNABLE.has(status)) throw new VendorError(VENDOR, `IdoSell sets "${status}" itself (when it merges orders); choose another status for order ${update.orderId}`);
				valid.push({ position, serial: serialOf(update.orderId), status });
			} catch (error) {
				results[position] = { orderId: update.orderId, ok: false, error: error as Error };
			}
		});
		const silence = options.shopMails ? 'n' : 'y';
		const changed: Array<{ position: number; serial: number }> = [];
		for (let i = 0; i < valid.length; i += IDOSELL_PAGE_LIMIT) {
			const chunk = valid.slice(i, i + IDOSELL_PAGE_LIMIT);
			// Repeating a silent write is harmless (the same status again changes nothing); one that mails is not repeated blindly.
			const outcome = await this.call<IdoSellBatchAnswer>(
				'PUT',
				'/orders/orders',
				{ orders: chunk.map(({ serial, status }) => ({ orderSerialNumber: serial, ...statusField(status), settings: { dontSendMail: silence, dontSendSMS: silence } })) },
				!options.shopMails,
			).then(
				(answer) => ({ answer, error: undefined }),
				(error: Error) => ({ answer: undefined, error }),
			);
			for (const { position, serial, status } of chunk) {
				const orderId = updates[position].orderId;
				if (!outcome.answer) {
					results[position] = { orderId, ok: false, error: outcome.error as Error };
					continue;
				}
				const result = outcome.answer.results?.ordersResults?.find((r) => Number(r.orderSerialNumber) === serial);
				if (!result) {
					results[position] = { orderId, ok: false, error: new VendorError(VENDOR, `IdoSell sent no result for order ${serial}; look at it in the panel before trying again`) };
				} else if (!result.faultCode || result.faultCode === FAULT_MAIL_FAILED) {
					changed.push({ position, serial });
				} else {
					results[position] = { orderId, ok: false, error: new VendorError(VENDOR, `IdoSell did not set order ${serial} to "${status}": ${faultText(result)}`, result) };
				}
			}
		}
		const current = changed.length ? await this.ordersBySerial(changed.map((c) => c.serial)) : new Map<string, Order>();
		for (const { position, serial } of changed) {
			const order = current.get(String(serial));
			const orderId = updates[position].orderId;
			results[position] = order
				? { orderId, ok: true, order }
				: { orderId, ok: false, error: new VendorError(VENDOR, `IdoSell took the status of order ${serial} but no longer finds the order`) };
		}
		return results;
	}

	/** IdoSell's order note is the staff's field: a note is appended to it, never shown to the customer. */
	async addNote(orderId: string, note: string, forCustomer: boolean): Promise<{ noteId: string }> {
		if (forCustomer) {
			throw new VendorError(VENDOR, `IdoSell has no customer-visible order note in its API (order ${orderId}); turn "For Customer" off, and tell the customer with Notify Customer`);
		}
		const text = String(note ?? '').trim();
		if (!text) throw new VendorError(VENDOR, `The note for IdoSell order ${orderId} is empty; give the note text`);
		const order = await this.getOrder(orderId);
		const combined = order.note ? `${order.note}\n${text}` : text;
		const answer = await this.call<IdoSellBatchAnswer>('PUT', '/orders/orders', { orders: [{ orderSerialNumber: Number(order.id), orderNote: combined }] }, false);
		this.assertDone(answer, order.id, 'add the note to');
		return { noteId: `${order.id}:${combined.split('\n').length}` };
	}

	/** A parcel through /orders/packages: the courier's IdoSell id in `carrier`, the parcel number in `number`. */
	async setTracking(orderId: string, tracking: Tracking, notifyCustomer: boolean): Promise<{ method: string; order: Order }> {
		const serial = serialOf(orderId);
		if (notifyCustomer) {
			throw new VendorError(VENDOR, `IdoSell mails the dispatch when the order moves to "ready" (Dispatched), not when a parcel is added (order ${serial}); leave "Tell the Customer" off and let the status change or Notify Customer tell the customer`);
		}
		const number = String(tracking?.number ?? '').trim();
		if (!number) throw new VendorError(VENDOR, `No parcel number for IdoSell order ${serial}; fill in the tracking number`);
		const courierId = String(tracking.carrier ?? '').trim();
		if (!/^\d+$/.test(courierId)) {
			throw new VendorError(
				VENDOR,
				`IdoSell needs its numeric courier id as the carrier of order ${serial}, not "${courierId}"; find it in the panel under the couriers' settings and put it in Carrier`,
			);
		}
		const answer = await this.call<IdoSellPackagesAnswer>(
			'POST',
			'/orders/packages',
			{ orderPackages: [{ eventId: String(serial), eventType: 'order', packages: [{ courierId, deliveryPackageNumber: number, deliveryShippingNumber: number }] }] },
			false,
		);
		const parcels = answer.results?.find((r) => String(r.eventId) === String(serial))?.packagesResults;
		const failed = parcels?.find((p) => p.errors?.faultCode) ?? (parcels?.length ? undefined : { errors: answer.errors });
		if (failed) {
			throw new VendorError(VENDOR, `IdoSell did not add the parcel to order ${serial}: ${failed.errors ? faultText(failed.errors) : 'no result sent'}`, failed.errors);
		}
		return { method: 'packages', order: await this.getOrder(String(serial)) };
	}

	/** Attaches the ERP's invoice PDF as the order's VAT invoice; IdoSell does not issue one of its own. */
	async uploadInvoice(orderId: string, pdf: Buffer, fileName: string): Promise<{ reference: string }> {
		const serial = serialOf(orderId);
		if (!Buffer.isBuffer(pdf) || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
			throw new VendorError(VENDOR, `The invoice for IdoSell order ${serial} is not a PDF file; pass the PDF's binary data`);
		}
		const name = String(fileName ?? '').trim() || `invoice-${serial}.pdf`;
		const answer = await this.call<IdoSellDocumentsAnswer>(
			'POST',
			'/orders/documents',
			{ documents: [{ orderSerialNumber: serial, name, pdfBase64: pdf.toString('base64'), type: 'vat_invoice', returnedInOrderDetails: 'y' }] },
			false,
		);
		const result = answer.documentsResults?.find((r) => String(r.orderSerialNumber) === String(serial));
		const fault = result ? (result.errors?.faultCode ? result.errors : undefined) : (answer.errors ?? { faultCode: -1, faultString: 'no result sent' });
		if (fault) throw new VendorError(VENDOR, `IdoSell did not attach the invoice to order ${serial}: ${faultText(fault)}`, fault);
		return { reference: `idosell-document:${serial}:${result?.id ?? name}` };
	}

	/** The one order's result of a single-order PUT /orders/orders; throws with IdoSell's fault when it was not done. */
	private assertDone(answer: IdoSellBatchAnswer, serial: string, what: string): IdoSellOrderResult {
		const result = answer.results?.ordersResults?.find((r) => String(r.orderSerialNumber) === serial);
		if (!result) {
			const fault = answer.errors ? `: ${faultText(answer.errors)}` : '';
			throw new VendorError(VENDOR, `IdoSell sent no result when asked to ${what} order ${serial}${fault}`);
		}
		if (result.faultCode) throw new VendorError(VENDOR, `IdoSell did not ${what} order ${serial}: ${faultText(result)}`, result);
		return result;
	}
}

/** A built-in status goes by its code, one of the shop's own (a numeric id) by `orderStatusId`. */
function statusField(status: string): { orderStatus: string } | { orderStatusId: number } {
	return /^\d+$/.test(status) ? { orderStatusId: Number(status) } : { orderStatus: status };
}

function comparator(order: OrderQuery['order']): (a: Order, b: Order) => number {
	const by = (key: 'updatedAt' | 'createdAt', direction: 1 | -1) => (a: Order, b: Order) =>
		direction * (a[key] ?? '').localeCompare(b[key] ?? '') || direction * (Number(a.id) - Number(b.id));
	if (order === 'oldestModifiedFirst') return by('updatedAt', 1);
	if (order === 'newestModifiedFirst') return by('updatedAt', -1);
	return by('createdAt', -1);
}
