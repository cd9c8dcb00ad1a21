import { lineEditsFromDiff } from '../line-diff';
import type { LineDiff, Order, Tracking } from '../../model';
import type {
	ConnectionCheck,
	LineEdit,
	LinePrice,
	OrderQuery,
	OrderResult,
	ShopConnector,
	ShopStatus,
	StatusUpdate,
} from '../shop';
import { VendorError, type BudgetFactory, type HttpSend, type RetryPolicy } from '../../transport';
import { BaseLinkerClient, BaseLinkerError, VENDOR } from './client';
import { flag, lastChange, toOrder } from './mapping';
import type { BlInvoice, BlJournalEntry, BlOrder, BlPackage, BlProduct, BlStatus } from './wire';

/** getOrders and getJournalList answer at most this many. */
export const BASELINKER_PAGE = 100;
/** The journal keeps three days of events. */
export const JOURNAL_RETENTION_MS = 3 * 86_400_000;
/** Stay this far inside the journal's three days: clocks differ. */
const RETENTION_MARGIN_MS = 10 * 60_000;
/** setOrderFields admin_comments is varchar(200); BaseLinker cuts what is longer. */
export const ADMIN_COMMENTS_MAX = 200;
/** addOrderInvoiceFile external_invoice_number is varchar(30). */
export const INVOICE_NUMBER_MAX = 30;
/** Journal events that change what an order looks like: created, confirmed, invoice, package, lines, data, status. */
export const JOURNAL_TYPES = [1, 2, 7, 9, 12, 13, 14, 16, 18];
const JOURNAL_CREATED = 1;
const JOURNAL_CONFIRMED = 2;

export interface BaseLinkerSettings {
	/** Requests a minute (default 90 of BaseLinker's 100) */
	perMinute?: number;
	/** The invoice numbering series (getSeries) new invoices go into before the PDF is attached */
	invoiceSeriesId?: number;
	/** Report orders the buyer has not confirmed yet (BaseLinker advises against: they may still change) */
	includeUnconfirmed?: boolean;
}

export interface BaseLinkerShopOptions extends BaseLinkerSettings {
	url?: string;
	send: HttpSend;
	/** baseLinkerAccountKey(token) */
	accountKey: string;
	budget?: BudgetFactory;
	retry?: Partial<RetryPolicy>;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
}

interface Checkpoint {
	logId: number;
	/** unix seconds of that event */
	date: number;
}

/** Per token: where journal pages ended, so the next poll reads on from there instead of from three days back. */
const journalCheckpoints = new Map<string, Checkpoint[]>();

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function orderIdOf(orderId: string): number {
	if (!/^\d+$/.test(String(orderId).trim())) {
		throw new VendorError(VENDOR, `"${orderId}" is not a BaseLinker order id: BaseLinker order ids are numbers (order_id in the order manager)`);
	}
	return Number(orderId);
}

const unsupported = (what: string, why: string) => new VendorError(VENDOR, `BaseLinker cannot ${what}: ${why}`);

/** BaseLinker behind the Shop nodes: orders, per-account statuses, the journal, packages, invoices and line edits. */
export class BaseLinkerShop implements ShopConnector {
	readonly system = VENDOR;
	readonly displayName = 'BaseLinker';
	readonly client: BaseLinkerClient;
	private readonly accountKey: string;
	private readonly settings: BaseLinkerSettings;
	private readonly now: () => number;
	private statuses?: ShopStatus[];
	private readonly notices: string[] = [];

	constructor(options: BaseLinkerShopOptions) {
		this.accountKey = options.accountKey;
		this.settings = options;
		this.now = options.now ?? Date.now;
		this.client = new BaseLinkerClient({
			url: options.url,
			send: options.send,
			accountKey: options.accountKey,
			perMinute: options.perMinute,
			budget: options.budget,
			retry: options.retry,
			sleep: options.sleep,
			now: options.now,
		});
	}

	/** What the last calls had to say (journal off, a gap longer than the journal keeps, a cut note), once. */
	drainNotices(): string[] {
		return this.notices.splice(0);
	}

	private async wire(orderId: string): Promise<BlOrder> {
		const id = orderIdOf(orderId);
		const { orders } = await this.client.call<{ orders: BlOrder[] }>('getOrders', { order_id: id, get_unconfirmed_orders: true });
		const found = orders?.find((o) => o.order_id === id);
		if (!found) throw new VendorError(VENDOR, `BaseLinker has no order ${orderId}`);
		return found;
	}

	private toOrder(o: BlOrder): Order {
		return toOrder(o, (code) => this.statusLabel(code));
	}

	async getOrder(orderId: string): Promise<Order> {
		if (!this.statuses) await this.listStatuses();
		return this.toOrder(await this.wire(orderId));
	}

	async listStatuses(): Promise<ShopStatus[]> {
		const { statuses } = await this.client.call<{ statuses: BlStatus[] }>('getOrderStatusList');
		this.statuses = (statuses ?? []).map((s) => ({ code: String(s.id), label: s.name }));
		return this.statuses;
	}

	/**
	 * The credential test: the token reads the account's statuses. BaseLinker mails customers only through the
	 * automatic actions a merchant sets up, which the API does not show: the test says where to look.
	 */
	async checkConnection(): Promise<ConnectionCheck> {
		const statuses = await this.listStatuses();
		return {
			reached: `Connected: the token reads the account's ${statuses.length} order statuses`,
			ownMails: [
				'whatever "send e-mail" automatic actions are set up for a status (none by default; the API cannot list them: see BaseLinker → Orders → Automatic actions)',
			],
		};
	}

	statusLabel(code: string): string | undefined {
		return this.statuses?.find((s) => s.code === code)?.label;
	}

	async listOrders(query: OrderQuery): Promise<Order[]> {
		if (!this.statuses) await this.listStatuses();
		const newestFirst = query.order !== 'oldestModifiedFirst';
		let orders: Order[];
		if (query.modifiedAfter || query.order === 'newestModifiedFirst' || query.order === 'oldestModifiedFirst') {
			const since = query.modifiedAfter ? seconds(query.modifiedAfter) : Math.floor((this.now() - JOURNAL_RETENTION_MS + RETENTION_MARGIN_MS) / 1000);
			orders = await this.changedSince(since, query);
		} else {
			const since = query.createdAfter ? seconds(query.createdAfter) : Math.floor((this.now() - JOURNAL_RETENTION_MS) / 1000);
			orders = this.keep(await this.confirmedSince(since), query);
		}
		const key = (o: Order) => (query.order === 'newestFirst' || !query.order ? (o.createdAt ?? '') : (o.updatedAt ?? ''));
		orders.sort((a, b) => (newestFirst ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b))));
		return query.limit === undefined ? orders : orders.slice(0, query.limit);
	}

	private keep(orders: Order[], query: OrderQuery): Order[] {
		return orders.filter(
			(o) =>
				(!query.statuses?.length || query.statuses.includes(o.status.code)) &&
				(!query.createdAfter || (o.createdAt ?? '') >= query.createdAfter) &&
				(this.settings.includeUnconfirmed || flag((o.raw as BlOrder).confirmed)),
		);
	}

	/**
	 * Orders changed since `since` (unix seconds): from the journal when it is on and reaches back that far; else
	 * (and for the part before the journal's three days) by getOrders from that confirmation date, saying so.
	 */
	private async changedSince(since: number, query: OrderQuery): Promise<Order[]> {
		const oldestKept = Math.floor((this.now() - JOURNAL_RETENTION_MS + RETENTION_MARGIN_MS) / 1000);
		const events = await this.journalSince(since);
		const found = new Map<string, Order>();
		if (!events || since < oldestKept) {
			this.notices.push(
				!events
					? 'The BaseLinker journal (getJournalList) is not enabled for this account: changes are read by getOrders from the confirmation date, so status changes of older orders are not seen. Enable it in BaseLinker → My account → API.'
					: `Order Sync was off longer than the BaseLinker journal keeps (3 days): orders confirmed since ${new Date(since * 1000).toISOString()} are caught up by getOrders; status changes of older orders made before ${new Date(oldestKept * 1000).toISOString()} are not seen.`,
			);
			for (const order of await this.confirmedSince(since)) found.set(order.id, order);
		}
		const latest = new Map<number, number>();
		const onlyCreated = new Set<number>();
		for (const event of events ?? []) {
			if (event.date < since) continue;
			if (!latest.has(event.order_id) && event.log_type === JOURNAL_CREATED) onlyCreated.add(event.order_id);
			else if (event.log_type !== JOURNAL_CREATED) onlyCreated.delete(event.order_id);
			latest.set(event.order_id, Math.max(latest.get(event.order_id) ?? 0, event.date));
		}
		// An order only created, not confirmed, is left out unless unconfirmed orders are asked for.
		if (!this.settings.includeUnconfirmed) for (const id of onlyCreated) latest.delete(id);
		// Orders confirmed in the window come 100 a call; only the others are read one by one.
		const confirmedInWindow = (events ?? []).filter((e) => e.date >= since && e.log_type === JOURNAL_CONFIRMED).length;
		if (events && since >= oldestKept && confirmedInWindow > 1) for (const order of await this.confirmedSince(since)) found.set(order.id, order);
		// Newest or oldest first as asked, fetching only as many as the limit needs.
		const ordered = [...latest].sort((a, b) => (query.order === 'oldestModifiedFirst' ? a[1] - b[1] : b[1] - a[1]));
		let kept = this.keep([...found.values()], query).length;
		for (const [orderId, date] of ordered) {
			if (query.limit !== undefined && kept >= query.limit) break;
			const known = found.get(String(orderId));
			const wire = known ? (known.raw as BlOrder) : await this.wire(String(orderId)).catch((error: Error) => {
				// An order deleted or merged since its event is gone; nothing to report about it.
				if (error instanceof VendorError && /has no order/.test(error.message)) return undefined;
				throw error;
			});
			if (!wire) continue;
			const order = this.toOrder(wire);
			order.updatedAt = new Date(Math.max(lastChange(wire), date) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
			if (!known && this.keep([order], query).length) kept++;
			found.set(order.id, order);
		}
		return this.keep([...found.values()], query);
	}

	/** The journal's events since `since` (unix seconds), or undefined when the journal is off. */
	private async journalSince(since: number): Promise<BlJournalEntry[] | undefined> {
		const oldest = Math.floor((this.now() - JOURNAL_RETENTION_MS) / 1000);
		const checkpoints = (journalCheckpoints.get(this.accountKey) ?? []).filter((c) => c.date >= oldest);
		let last = checkpoints.filter((c) => c.date < since).at(-1)?.logId ?? 0;
		const events: BlJournalEntry[] = [];
		for (;;) {
			const answer = await this.client.callOrEmpty<{ logs: BlJournalEntry[] }>('getJournalList', { last_log_id: last, logs_types: JOURNAL_TYPES });
			if (!answer) return undefined;
			const logs = answer.logs ?? [];
			events.push(...logs.filter((e) => e.date >= since));
			const end = logs.at(-1);
			if (end) {
				last = end.log_id;
				if (!checkpoints.some((c) => c.logId === end.log_id)) checkpoints.push({ logId: end.log_id, date: end.date });
			}
			if (logs.length < BASELINKER_PAGE) break;
		}
		checkpoints.sort((a, b) => a.logId - b.logId);
		journalCheckpoints.set(this.accountKey, checkpoints);
		return events;
	}

	/**
	 * Confirmed orders by getOrders from `since` (unix seconds). The docs page on with the last date_confirmed + 1 s,
	 * which loses orders when a page of 100 ends inside a second; this pages on from that same second, drops repeats
	 * by order_id, and inside a second crowded past a page goes on by id_from.
	 */
	private async confirmedSince(since: number): Promise<Order[]> {
		const seen = new Map<number, BlOrder>();
		let from = since;
		let idFrom: number | undefined;
		for (;;) {
			const parameters: Record<string, unknown> = { date_confirmed_from: from, get_unconfirmed_orders: false };
			if (idFrom !== undefined) parameters.id_from = idFrom;
			const { orders = [] } = await this.client.call<{ orders: BlOrder[] }>('getOrders', parameters);
			for (const order of orders) seen.set(order.order_id, order);
			const full = orders.length >= BASELINKER_PAGE;
			const lastDate = orders.at(-1)?.date_confirmed ?? from;
			if (idFrom !== undefined) {
				if (full && lastDate === from) {
					idFrom = Math.max(...orders.map((o) => o.order_id)) + 1;
					continue;
				}
				// The crowded second is read whole; the next seconds from their start.
				idFrom = undefined;
				from += 1;
				continue;
			}
			if (!full) break;
			if (lastDate > from) from = lastDate;
			else idFrom = Math.max(...orders.map((o) => o.order_id)) + 1;
		}
		return [...seen.values()].map((o) => this.toOrder(o));
	}

	private async assertStatus(status: string): Promise<number> {
		const statuses = this.statuses ?? (await this.listStatuses());
		const found = statuses.find((s) => s.code === String(status).trim()) ?? statuses.find((s) => s.label.toLowerCase() === String(status).trim().toLowerCase());
		if (!found) {
			throw new VendorError(
				VENDOR,
				`BaseLinker has no order status "${status}" in this account; its statuses are ${statuses.map((s) => `${s.label} (${s.code})`).join(', ')}`,
			);
		}
		return Number(found.code);
	}

	/**
	 * setOrderStatuses for the orders going to one status, setOrderStatus for a lone one; a refused batch is retried
	 * order by order so one bad order fails alone. BaseLinker mails nobody on an API status change itself: only an
	 * automatic action set up in its panel for the status does, so the who-mails switch changes no call (see README).
	 */
	async updateStatuses(updates: StatusUpdate[]): Promise<OrderResult[]> {
		const outcome = new Map<number, Error | true>();
		const groups = new Map<number, number[]>();
		for (const [index, update] of updates.entries()) {
			try {
				orderIdOf(update.orderId);
				const statusId = await this.assertStatus(update.status);
				groups.set(statusId, [...(groups.get(statusId) ?? []), index]);
			} catch (error) {
				outcome.set(index, error as Error);
			}
		}
		for (const [statusId, indexes] of groups) {
			for (let start = 0; start < indexes.length; start += BASELINKER_PAGE) {
				const chunk = indexes.slice(start, start + BASELINKER_PAGE);
				const ids = chunk.map((i) => Number(updates[i].orderId));
				const batch =
					ids.length > 1
						? await this.client.call('setOrderStatuses', { order_ids: ids, status_id: statusId }).then(
								() => true,
								(error: Error) => (error instanceof BaseLinkerError ? false : Promise.reject(error)),
							)
						: false;
				for (const index of chunk) {
					if (batch) {
						outcome.set(index, true);
						continue;
					}
					await this.client.call('setOrderStatus', { order_id: Number(updates[index].orderId), status_id: statusId }).then(
						() => outcome.set(index, true),
						(error: Error) => outcome.set(index, error instanceof BaseLinkerError ? new VendorError(VENDOR, `Order ${updates[index].orderId}: ${error.message}`) : error),
					);
				}
			}
		}
		const results: OrderResult[] = [];
		for (const [index, update] of updates.entries()) {
			const result = outcome.get(index);
			if (result !== true) {
				results.push({ orderId: update.orderId, ok: false, error: result ?? new VendorError(VENDOR, `Order ${update.orderId} was not updated`) });
				continue;
			}
			results.push(
				await this.getOrder(update.orderId).then(
					(order): OrderResult => ({ orderId: update.orderId, ok: true, order }),
					(error: Error): OrderResult => ({ orderId: update.orderId, ok: false, error }),
				),
			);
		}
		return results;
	}

	/** The seller's comment (admin_comments). BaseLinker keeps 200 characters and cuts the rest; so does this, saying so. */
	async addNote(orderId: string, note: string, forCustomer: boolean): Promise<{ noteId: string }> {
		const id = orderIdOf(orderId);
		if (forCustomer) throw unsupported('show a note to the buyer', 'its API writes only the seller\'s comment (admin_comments); tell the customer with the Notify Customer node');
		const text = String(note ?? '').trim();
		if (!text) throw new VendorError(VENDOR, `The note for order ${orderId} is empty`);
		const characters = [...text];
		const kept = characters.slice(0, ADMIN_COMMENTS_MAX).join('');
		if (characters.length > ADMIN_COMMENTS_MAX) {
			this.notices.push(`The note for BaseLinker order ${orderId} was cut to ${ADMIN_COMMENTS_MAX} characters (BaseLinker keeps no more in admin_comments); ${characters.length - ADMIN_COMMENTS_MAX} characters were dropped.`);
		}
		await this.client.call('setOrderFields', { order_id: id, admin_comments: kept });
		return { noteId: `${id}:admin_comments` };
	}

	/** A parcel sent outside BaseLinker: createPackageManual with the courier code and the parcel number. */
	async setTracking(orderId: string, tracking: Tracking, notifyCustomer: boolean): Promise<{ method: string; order: Order }> {
		const id = orderIdOf(orderId);
		if (notifyCustomer) {
			throw unsupported('mail the tracking number through its API', 'turn "Notify Customer" off here and tell the customer with the Notify Customer node');
		}
		const courier = tracking.carrier?.trim();
		const number = tracking.number?.trim();
		if (!courier) throw new VendorError(VENDOR, `The tracking of order ${orderId} has no carrier: BaseLinker needs a courier code (e.g. "inpost", "dpd") or a courier name of at most 20 characters`);
		if (courier.length > 20) throw new VendorError(VENDOR, `The carrier "${courier}" of order ${orderId} is longer than the 20 characters BaseLinker takes; use its courier code`);
		if (!number || number.length > 40) throw new VendorError(VENDOR, `The tracking number of order ${orderId} must have 1 to 40 characters for BaseLinker`);
		await this.client.call('createPackageManual', { order_id: id, courier_code: courier, package_number: number, pickup_date: Math.floor(this.now() / 1000) }, { idempotent: false });
		const order = await this.getOrder(orderId);
		const { packages = [] } = await this.client.call<{ packages: BlPackage[] }>('getOrderPackages', { order_id: id });
		order.tracking = packages.map((p) => ({ carrier: p.courier_other_name || p.courier_code, number: p.courier_package_nr }));
		return { method: 'createPackageManual', order };
	}

	/** Line edits one call each; BaseLinker recomputes nothing, the order's total is always the lines plus delivery. */
	async updateLines(orderId: string, edits: LineEdit[]): Promise<Order> {
		const id = orderIdOf(orderId);
		const wire = await this.wire(orderId);
		const products = [...wire.products];
		const find = (edit: LineEdit): BlProduct | undefined =>
			products.find((p) => ('sku' in edit ? (p.sku ?? '').trim().toLowerCase() === edit.sku.trim().toLowerCase() : String(p.product_id ?? '') === String(edit.productId)));
		const ref = (edit: LineEdit) => ('sku' in edit ? `SKU ${edit.sku}` : `product ${edit.productId}`);
		const gross = (price: LinePrice, taxRate: number | undefined, edit: LineEdit): number => {
			if (price.currency && wire.currency && price.currency.toUpperCase() !== wire.currency.toUpperCase()) {
				throw new VendorError(VENDOR, `The price of ${ref(edit)} is in ${price.currency}, order ${orderId} in ${wire.currency}: convert it first`);
			}
			if (price.includesTax) return price.unitPrice;
			if (taxRate === undefined) throw new VendorError(VENDOR, `The net price of ${ref(edit)} for order ${orderId} needs the line's tax rate; BaseLinker keeps gross prices: give the gross price`);
			return Math.round(price.unitPrice * (1 + taxRate / 100) * 100) / 100;
		};
		for (const edit of edits) {
			const line = find(edit);
			if (edit.action === 'add') {
				const name = (edit as { name?: string }).name ?? line?.name;
				if (!name) throw new VendorError(VENDOR, `BaseLinker needs a name for the new line ${ref(edit)} of order ${orderId}`);
				const taxRate = line ? Number(line.tax_rate) : (edit as { taxRate?: number }).taxRate;
				const price = edit.price ? gross(edit.price, taxRate, edit) : line ? Number(line.price_brutto) : undefined;
				if (price === undefined) throw new VendorError(VENDOR, `BaseLinker needs a price for the new line ${ref(edit)} of order ${orderId}: it looks up no product prices`);
				const { order_product_id } = await this.client.call<{ order_product_id: number }>(
					'addOrderProduct',
					{
						order_id: id,
						storage: 'db',
						storage_id: 0,
						product_id: 'productId' in edit ? edit.productId : (line?.product_id ?? ''),
						variant_id: 0,
						name,
						sku: 'sku' in edit ? edit.sku : (line?.sku ?? ''),
						price_brutto: price,
						tax_rate: taxRate ?? 23,
						quantity: edit.quantity,
					},
					{ idempotent: false },
				);
				products.push({ order_product_id, name, sku: 'sku' in edit ? edit.sku : line?.sku, product_id: 'productId' in edit ? edit.productId : line?.product_id, price_brutto: price, tax_rate: taxRate ?? 23, quantity: edit.quantity });
				continue;
			}
			if (!line) throw new VendorError(VENDOR, `Order ${orderId} has no line with ${ref(edit)}`);
			if (edit.action === 'remove' || (edit.action === 'setQuantity' && edit.quantity === 0)) {
				await this.client.call('deleteOrderProduct', { order_id: id, order_product_id: line.order_product_id });
				products.splice(products.indexOf(line), 1);
				continue;
			}
			const fields: Record<string, unknown> = { order_id: id, order_product_id: line.order_product_id };
			if (edit.action === 'setQuantity') fields.quantity = edit.quantity;
			if (edit.price) fields.price_brutto = gross(edit.price, Number(line.tax_rate), edit);
			await this.client.call('setOrderProductFields', fields);
		}
		return this.getOrder(orderId);
	}

	async applyLineDiff(orderId: string, diff: LineDiff): Promise<Order> {
		const edits = lineEditsFromDiff(diff, orderId, 'BaseLinker', VENDOR);
		if (!edits.length) return this.getOrder(orderId);
		return this.updateLines(orderId, edits);
	}

	/**
	 * Attaches the ERP's PDF to the order's BaseLinker invoice (addOrderInvoiceFile, "data:" + base64), issuing that
	 * invoice in the configured series first when the order has none. The external number is the file name without
	 * ".pdf"; BaseLinker takes 30 characters, and an invoice number is never cut.
	 */
	async uploadInvoice(orderId: string, pdf: Buffer, fileName: string): Promise<{ reference: string }> {
		const id = orderIdOf(orderId);
		const number = fileName.replace(/\.pdf$/i, '').trim();
		if (!number) throw new VendorError(VENDOR, `The invoice file of order ${orderId} has no name; name it by the invoice number`);
		if (number.length > INVOICE_NUMBER_MAX) {
			throw new VendorError(VENDOR, `The invoice number "${number}" of order ${orderId} is longer than the ${INVOICE_NUMBER_MAX} characters BaseLinker keeps; name the file by the ERP's invoice number (at most ${INVOICE_NUMBER_MAX} characters)`);
		}
		if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new VendorError(VENDOR, `The invoice file "${fileName}" of order ${orderId} is not a PDF`);
		const { invoices = [] } = await this.client.call<{ invoices: BlInvoice[] }>('getInvoices', { order_id: id });
		let invoiceId = invoices.find((i) => i.order_id === id)?.invoice_id;
		if (invoiceId === undefined) {
			if (!this.settings.invoiceSeriesId) {
				throw new VendorError(VENDOR, `Order ${orderId} has no invoice in BaseLinker to attach the PDF to: set "Invoice Series ID" in the BaseLinker credential (BaseLinker → Orders → Invoices → numbering series) so one is issued first`);
			}
			({ invoice_id: invoiceId } = await this.client.call<{ invoice_id: number }>('addInvoice', { order_id: id, series_id: this.settings.invoiceSeriesId }, { idempotent: false }));
		}
		await this.client.call('addOrderInvoiceFile', { invoice_id: invoiceId, file: `data:${pdf.toString('base64')}`, external_invoice_number: number });
		return { reference: String(invoiceId) };
	}
}
