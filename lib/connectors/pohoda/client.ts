import { createHash, randomUUID } from 'node:crypto';
import type { Order } from '../../model';
import { headerValue, HttpTransport, VendorError, type HttpResponse, type HttpSend, type RetryPolicy } from '../../transport';
import { VENDOR } from './decode';
import { toOrder } from './mapping';
import {
	describeDetails,
	importDetails,
	readOrderList,
	parseResponsePack,
	parseStatus,
	textOf,
	type ImportDetail,
	type MServerStatus,
	type ResponseItem,
} from './parse';
import { serialized } from './queue';
import { dataPack, type DataPackItem } from './requests/data-pack';
import { invoiceFromOrderRequest } from './requests/invoice';
import { listOrderRequest, MAX_PAGE_SIZE, type OrderFilter } from './requests/list-order';
import { addOrderRequest, type ImportOrderOptions } from './requests/order';
import { printPdfRequest } from './requests/print';
import {
	addAddressBookRequest,
	listAddressBookRequest,
	updateRegionRequest,
	type AddressBookCriterion,
} from './requests/addressbook';
import type { WireDocumentResponse } from './wire';

export interface PohodaClientOptions {
	/** mServer base address, e.g. http://server:444 (without /xml) */
	url: string;
	/** IČO of the accounting unit the requests are meant for */
	ico: string;
	application: string;
	/** Authenticates each request (in n8n: the credential's authenticate via httpRequestWithAuthentication) */
	send: HttpSend;
	/** ISO 4217 code of the accounting unit's currency: CZK (default) for POHODA CZ, EUR for POHODA SK */
	homeCurrency?: string;
	/** The exSystemName the shop's order ids were imported under (default eshop): POHODA exports ord:extId only for it */
	externalSystem?: string;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	sleep?: (ms: number) => Promise<void>;
}

/** Only timeouts (408) and server errors (5xx) are worth another attempt against mServer. */
export const POHODA_RETRY_STATUSES = [408, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

function describeHttp(response: HttpResponse): string | undefined {
	switch (response.status) {
		case 401:
			return 'mServer does not know this user or got no credentials. Check User Name and Password in the credential (a POHODA user with the right to XML communication).';
		case 403:
			return 'The POHODA user has no rights to this accounting unit. Check the IČO in the credential and the user rights in POHODA.';
		case 404:
			return 'mServer has no such address. The credential URL must be the mServer base address, e.g. http://server:444, without /xml.';
		case 405:
			return 'mServer refused the HTTP method. Check that the credential URL is the mServer base address.';
		default:
			return undefined;
	}
}

export interface OrderPage {
	orders: Order[];
	/** Orders that could not be read, by POHODA id when known */
	failures: Array<{ id?: string; error: Error }>;
	dateTimeStamp?: string;
	warnings: ImportDetail[];
}

export interface OrderReference {
	by: 'id' | 'number' | 'extId';
	value: string;
	/** For `extId`: the external system name the shop id is kept under */
	externalSystem?: string;
}

export interface ImportResult {
	id: string;
	number?: string;
	/** False when the order was already in POHODA (found by its extId) and nothing was added */
	created: boolean;
	warnings: ImportDetail[];
	/** The address book record the order references (F19), when the import was asked to find or create one */
	customer?: AddressBookMatch;
}

/** A record of POHODA's address book as far as matching a customer needs it. */
export interface AddressBookRecord {
	id: number;
	name?: string;
	company?: string;
	email?: string;
	phone?: string;
	mobil?: string;
	ico?: string;
	region?: string;
}

/** How an order's customer was found in, or put into, the address book (F19, F20). */
export interface AddressBookMatch {
	id: number;
	matchedBy?: AddressBookCriterion['by'];
	created: boolean;
	regionUpdated: boolean;
}

export interface InvoiceResult {
	invoiceId: string;
	invoiceNumber?: string;
	created: boolean;
	warnings: ImportDetail[];
}

const stableId = (...parts: string[]) => createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 32);

export class PohodaClient {
	private readonly transport: HttpTransport;
	private readonly base: string;
	private readonly homeCurrency: string;
	private readonly externalSystem: string;

	constructor(private readonly options: PohodaClientOptions) {
		this.base = options.url.replace(/\/+$/, '').replace(/\/xml$/i, '');
		this.homeCurrency = (options.homeCurrency || 'CZK').trim().toUpperCase();
		this.externalSystem = options.externalSystem?.trim() || 'eshop';
		this.transport = new HttpTransport({
			vendor: VENDOR,
			send: options.send,
			timeoutMs: options.timeoutMs ?? 120_000,
			retry: { retryStatuses: POHODA_RETRY_STATUSES, ...options.retry },
			describeError: describeHttp,
			sleep: options.sleep,
		});
	}

	/** GET /status?companyDetail: the mServer state and the company, IČO and year it serves. */
	async status(): Promise<MServerStatus> {
		const response = await this.serial(() =>
			this.transport.request({ method: 'GET', url: `${this.base}/status`, qs: { companyDetail: '' } }),
		);
		return parseStatus(response.body, headerValue(response, 'content-type'));
	}

	/**
	 * Sends one dataPack and returns mServer's raw answer; one request at a time per mServer. `readOnly` for packs
	 * that change nothing (lists, prints), which a dry run still sends.
	 */
	async post(items: DataPackItem[], packId: string = randomUUID(), note = 'n8n order sync', readOnly = false): Promise<HttpResponse> {
		const xml = dataPack({ id: packId, ico: this.options.ico, application: this.options.application, note }, items);
		return this.serial(() =>
			this.transport.request({
				method: 'POST',
				url: `${this.base}/xml`,
				headers: { 'Content-Type': 'text/xml' },
				body: Buffer.from(xml, 'utf8'),
				readOnly,
			}),
		);
	}

	private serial<T>(task: () => Promise<T>): Promise<T> {
		return serialized(this.base, task);
	}

	private async postOne(body: string, packId?: string, readOnly = false): Promise<ResponseItem> {
		const response = await this.post([{ id: '1', body }], packId, undefined, readOnly);
		const pack = parseResponsePack(response.body, headerValue(response, 'content-type'));
		const item = pack.items[0];
		if (!item) throw new VendorError(VENDOR, 'POHODA answered an empty responsePack.');
		return item;
	}

	/**
	 * One page of received orders by ascending POHODA id. Orders that cannot be mapped are reported in `failures`;
	 * `keepRaw` puts POHODA's own data on each order (memory: about as much again as the orders). The orders carry the
	 * shop's id of `extSystem` only (by default the system looked up by, else the client's).
	 */
	async listPage(
		filter: OrderFilter,
		idFrom?: number,
		count = 1000,
		keepRaw = true,
		extSystem = filter.extId?.system || this.externalSystem,
	): Promise<OrderPage> {
		const response = await this.post([{ id: '1', body: listOrderRequest({ extSystem, filter, idFrom, count }) }], undefined, undefined, true);
		const failures: OrderPage['failures'] = [];
		const page = readOrderList(
			response.body,
			(wire) => {
				try {
					return toOrder(wire, { keepRaw, homeCurrency: this.homeCurrency });
				} catch (error) {
					failures.push({ id: wire.orderHeader?.id, error: error as Error });
					return undefined;
				}
			},
			headerValue(response, 'content-type'),
		);
		const orders = page.orders.filter((order): order is Order => order !== undefined);
		return { orders, failures, dateTimeStamp: page.dateTimeStamp, warnings: page.warnings };
	}

	/** Every matching order, page by page (idFrom/count), never more than one request in flight. */
	async *listOrders(filter: OrderFilter, pageSize = 1000, keepRaw = true): AsyncGenerator<OrderPage> {
		const count = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
		let idFrom: number | undefined;
		for (;;) {
			const page = await this.listPage(filter, idFrom, count, keepRaw);
			yield page;
			const received = page.orders.length + page.failures.length;
			const ids = [...page.orders.map((o) => Number(o.id)), ...page.failures.map((f) => Number(f.id))].filter(Number.isFinite);
			if (received < count || ids.length === 0) return;
			idFrom = Math.max(...ids) + 1;
		}
	}

	async getOrder(ref: OrderReference): Promise<Order | undefined> {
		const system = ref.externalSystem || this.externalSystem;
		const filter: OrderFilter =
			ref.by === 'id'
				? { id: this.pohodaId(ref.value) }
				: ref.by === 'number'
					? { numbers: [ref.value] }
					: { extId: { ids: ref.value, system } };
		const page = await this.listPage(filter, undefined, 2, true, system);
		if (page.failures.length) throw page.failures[0].error;
		return page.orders[0];
	}

	private pohodaId(value: string | number): number {
		const id = Number(String(value).trim());
		if (!Number.isInteger(id) || id < 1) {
			throw new VendorError(VENDOR, `"${value}" is not a POHODA record id (a whole number from 1). Use the id POHODA returned, not the document number.`);
		}
		return id;
	}

	/**
	 * Adds a received order carrying the shop's id in ord:extId; when an order with that extId exists, returns it
	 * instead. The dataPack id is derived from the shop id, so with STW-Check-Duplicity a repeated import is refused.
	 */
	async importOrder(order: Order, shopOrderId: string, options: ImportOrderOptions): Promise<ImportResult> {
		// Built first, so an order POHODA cannot take fails before anything is asked of mServer.
		let request = addOrderRequest(order, shopOrderId, { ...options, homeCurrency: options.homeCurrency ?? this.homeCurrency });
		const existing = await this.getOrder({ by: 'extId', value: shopOrderId, externalSystem: options.externalSystem });
		if (existing) return { id: existing.id, number: existing.number, created: false, warnings: [] };
		const addressBook = options.addressBook ?? 'off';
		const customer =
			addressBook === 'off'
				? undefined
				: await this.customerInAddressBook(order, { create: addressBook === 'matchOrCreate', updateRegion: options.updateRegion === true, ico: order.customer.companyId });
		if (customer) {
			request = addOrderRequest(order, shopOrderId, { ...options, homeCurrency: options.homeCurrency ?? this.homeCurrency, addressBookId: customer.id });
		}
		const packId = `imp-${stableId(options.externalSystem, shopOrderId)}`;
		const item = await this.postOne(request, packId);
		if (item.kind === 'errorDetail') {
			const again = await this.getOrder({ by: 'extId', value: shopOrderId, externalSystem: options.externalSystem });
			if (again) return { id: again.id, number: again.number, created: false, warnings: [] };
		}
		const produced = this.produced(item, `import order ${shopOrderId}`);
		return { id: produced.id, number: produced.number, created: true, warnings: produced.warnings, ...(customer ? { customer } : {}) };
	}

	/** Address book records matching one criterion. */
	async findInAddressBook(criterion: AddressBookCriterion): Promise<AddressBookRecord[]> {
		const item = await this.postOne(listAddressBookRequest(criterion));
		if (item.state === 'error' || item.kind !== 'listAddressBook') {
			throw new VendorError(VENDOR, `POHODA could not search the address book by ${criterion.by}: ${item.note || describeDetails(importDetails(item.body)) || `unexpected answer <${item.kind}>`}`);
		}
		const found = item.body.addressbook;
		const records = (Array.isArray(found) ? found : found ? [found] : []) as Array<Record<string, unknown>>;
		return records.map((record) => {
			const header = (record.addressbookHeader ?? {}) as Record<string, unknown>;
			const address = ((header.identity as Record<string, unknown> | undefined)?.address ?? {}) as Record<string, unknown>;
			const text = (value: unknown) => textOf(value as never);
			return {
				id: Number(text(header.id)),
				name: text(address.name),
				company: text(address.company),
				ico: text(address.ico),
				email: text(header.email),
				phone: text(header.phone),
				mobil: text(header.mobil),
				region: text(header.region),
			};
		});
	}

	/**
	 * The order's customer in the address book: found by IČO, else e-mail, else phone (the first criterion with exactly
	 * one record wins; a customer without any contact, such as the marketplace itself, by name), else created when
	 * `create` is set. With `updateRegion`, a found record's region is set to the order's when they differ. Several
	 * records for one criterion stop the import rather than pick one.
	 */
	async customerInAddressBook(
		order: Order,
		options: { create: boolean; updateRegion: boolean; ico?: string },
	): Promise<AddressBookMatch | undefined> {
		const name = order.number ?? order.id;
		const criteria: AddressBookCriterion[] = [];
		if (options.ico?.trim()) criteria.push({ by: 'ico', value: options.ico.trim() });
		const email = (order.customer.email ?? order.billingAddress?.email)?.trim();
		if (email) criteria.push({ by: 'email', value: email });
		const phone = (order.customer.phone ?? order.billingAddress?.phone)?.trim();
		if (phone) criteria.push({ by: 'phone', value: phone });
		const contactless = order.customer.name?.trim();
		if (criteria.length === 0 && contactless) criteria.push({ by: 'name', value: contactless });
		const region = order.customer.region ?? order.shippingAddress?.region ?? order.billingAddress?.region;
		for (const criterion of criteria) {
			const found = await this.findInAddressBook(criterion);
			if (found.length > 1) {
				throw new VendorError(
					VENDOR,
					`Order ${name}: ${found.length} address book records have the ${criterion.by} ${criterion.value} (ids ${found.map((r) => r.id).join(', ')}); merge them in POHODA so the customer is found once`,
				);
			}
			if (found.length === 1) {
				const record = found[0];
				const regionUpdated = options.updateRegion && !!region && record.region !== region;
				if (regionUpdated) this.checked(await this.postOne(updateRegionRequest(record.id, region as string)), `set the region of address ${record.id}`);
				return { id: record.id, matchedBy: criterion.by, created: false, regionUpdated };
			}
		}
		if (!options.create) return undefined;
		if (criteria.length === 0) {
			throw new VendorError(VENDOR, `Order ${name}: the customer has no name, e-mail, phone or IČO to find them by later; give the order one before creating them in the address book`);
		}
		const request = addAddressBookRequest({
			customer: order.customer,
			address: order.billingAddress ?? order.shippingAddress,
			ico: options.ico,
			region: options.updateRegion ? region : undefined,
		});
		const item = await this.postOne(request, `adb-${stableId(this.base, criteria[0].value)}`);
		if (item.kind === 'errorDetail') {
			// a repeated add refused as a duplicate pack: the record exists since the first one
			const again = await this.findInAddressBook(criteria[0]);
			if (again.length === 1) return { id: again[0].id, matchedBy: criteria[0].by, created: false, regionUpdated: false };
		}
		const produced = this.produced(item, `add the customer of order ${name} to the address book`);
		return { id: Number(produced.id), created: true, regionUpdated: options.updateRegion && !!region };
	}

	/** An issued invoice from the received order; returns the one already linked to it when there is one. */
	async createInvoiceFromOrder(orderId: string, text?: string): Promise<InvoiceResult> {
		const order = await this.getOrder({ by: 'id', value: orderId });
		if (!order) throw new VendorError(VENDOR, `POHODA has no received order with id ${orderId}. Check the order id (POHODA's id, not the number).`);
		if (order.documents?.invoiceId) {
			return { invoiceId: order.documents.invoiceId, invoiceNumber: order.documents.invoiceNumber, created: false, warnings: [] };
		}
		const item = await this.postOne(invoiceFromOrderRequest(this.pohodaId(orderId), text), `inv-${stableId(this.base, orderId)}`);
		const produced = this.produced(item, `invoice order ${orderId}`);
		return { invoiceId: produced.id, invoiceNumber: produced.number, created: true, warnings: produced.warnings };
	}

	/** Prints a record to PDF through a POHODA print report and returns the file (Base64 in the answer). */
	async printPdf(agenda: string, recordId: string, reportId: number, fileName: string): Promise<Buffer> {
		const item = await this.postOne(
			printPdfRequest({ agenda, recordId: this.pohodaId(recordId), reportId, fileName }),
			undefined,
			true,
		);
		const response = this.checked(item, `print ${agenda} ${recordId}`);
		const data = textOf(response.printDetails?.attachments?.attachment?.[0]?.data);
		if (!data) {
			throw new VendorError(VENDOR, `POHODA printed ${agenda} ${recordId} but returned no PDF. Check the report id (it must be a PDF-capable print report of that agenda).`);
		}
		return Buffer.from(data.replace(/\s+/g, ''), 'base64');
	}

	private checked(item: ResponseItem, what: string): WireDocumentResponse {
		const response = item.body as WireDocumentResponse;
		const details = importDetails(response);
		if (item.state === 'error' || response['@state'] === 'error') {
			const reason = describeDetails(details) || item.note || 'no reason given';
			throw new VendorError(VENDOR, `POHODA refused to ${what}: ${reason}`, { details });
		}
		return response;
	}

	private produced(item: ResponseItem, what: string): { id: string; number?: string; warnings: ImportDetail[] } {
		const response = this.checked(item, what);
		const id = response.producedDetails?.id;
		if (!id) throw new VendorError(VENDOR, `POHODA did not say what it produced when asked to ${what}.`);
		return {
			id: String(id),
			number: response.producedDetails?.number,
			warnings: importDetails(response).filter((d) => d.state === 'warning'),
		};
	}
}
