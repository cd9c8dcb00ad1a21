import type { CanonicalStatus, Order, OrderLine, Tracking } from '../../model';
import { parseInstant } from '../../scope';

/** Where the fields of an order are in the rows a user fetched from an ERP with n8n's own nodes. */
export interface GenericFieldMapping {
	/** Name of the ERP, used as the order's system, e.g. "optima" or "enova" */
	system: string;
	orderId: string;
	shopOrderId?: string;
	status: string;
	updatedAt?: string;
	createdAt?: string;
	email?: string;
	/** A field holding the lines: an array (or JSON text) of objects with sku/code, name, quantity, unitPrice */
	lines?: string;
	/** Whether the lines' unit prices include tax: a shop applying an edited price needs to know */
	linePricesIncludeTax?: boolean;
	/** Tracking number of the parcel: when it appears, the order is shipped */
	trackingNumber?: string;
	carrier?: string;
	trackingUrl?: string;
	/** The sales document (invoice, receipt) that realised the order, for the "only orders not yet realised" scope */
	realised?: string;
	/** The customer's language (e.g. "sk", "pl-PL") and country (ISO 3166-1 alpha-2), for the mail's language */
	language?: string;
	country?: string;
	/** ERP status values that mean completed / cancelled (compared case-insensitively) */
	completedStatuses?: string[];
	cancelledStatuses?: string[];
	/** IANA zone an updated-at or created-at without offset is read in (the workflow's); the n8n process's zone when absent */
	timeZone?: string;
}

/** A row that cannot be read as an order, naming the field and what to change. */
export class FieldMappingError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'FieldMappingError';
	}
}

/** Reads `a.b.c` from a row; a key containing dots is found as is first. */
export function readField(row: Record<string, unknown>, path: string): unknown {
	if (path in row) return row[path];
	return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), row);
}

const present = (value: unknown) => value !== undefined && value !== null && String(value).trim() !== '';

function requiredText(row: Record<string, unknown>, path: string, what: string): string {
	const value = readField(row, path);
	if (!present(value)) {
		throw new FieldMappingError(path, `the ${what} field "${path}" is empty or missing; map the ${what} to a field the input items have`);
	}
	if (typeof value === 'object') throw new FieldMappingError(path, `the ${what} field "${path}" holds an object, not a value`);
	return String(value).trim();
}

function toIso(value: unknown, path: string, what: string, timeZone: string | undefined): string {
	const text = String(value).trim();
	// ERP exports often write "YYYY-MM-DD HH:mm:ss": local time in the ERP's zone, as ISO would have it with a T.
	const zoned = typeof value === 'string' ? parseInstant(text.replace(/^(\d{4}-\d\d-\d\d) (?=\d)/, '$1T'), timeZone ?? 'system') : undefined;
	const date = zoned ? zoned.toJSDate() : value instanceof Date ? value : new Date(typeof value === 'number' ? value : text);
	if (Number.isNaN(date.getTime())) {
		throw new FieldMappingError(path, `the ${what} field "${path}" holds "${String(value)}", which is not a date; map it to a date/time field`);
	}
	return date.toISOString();
}

/** A number as ERP exports write it: "1234.5", "1234,5", "1 234,50" or "1.234,50" / "1,234.50" (the last mark is the decimal one). */
function number(value: unknown): number | undefined {
	if (!present(value)) return undefined;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	const text = String(value).trim().replace(/[\s\u00a0\u202f']/g, '');
	const decimal = Math.max(text.lastIndexOf(','), text.lastIndexOf('.'));
	const normalized = decimal < 0 ? text : `${text.slice(0, decimal).replace(/[.,]/g, '')}.${text.slice(decimal + 1)}`;
	const parsed = /^[+-]?\d*\.?\d+$/.test(normalized) ? Number(normalized) : NaN;
	return Number.isFinite(parsed) ? parsed : undefined;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

function readLines(value: unknown, path: string): OrderLine[] {
	let list = value;
	if (typeof list === 'string') list = parseJson(list);
	if (list === NOT_JSON) throw new FieldMappingError(path, `the lines field "${path}" is text but not JSON; give an array of lines`);
	if (!Array.isArray(list)) throw new FieldMappingError(path, `the lines field "${path}" is not an array of lines`);
	return list.map((entry, index) => {
		const raw = (entry ?? {}) as Record<string, unknown>;
		const sku = raw.sku ?? raw.code ?? raw.productCode;
		const name = raw.name ?? raw.text ?? sku;
		const quantity = number(raw.quantity ?? raw.qty);
		if (quantity === undefined) {
			throw new FieldMappingError(`${path}[${index}].quantity`, `line ${index + 1} in "${path}" has no numeric quantity (quantity or qty)`);
		}
		const line: OrderLine = { name: present(name) ? String(name) : `line ${index + 1}`, quantity };
		if (present(sku)) line.sku = String(sku);
		const unitPrice = number(raw.unitPrice ?? raw.price);
		if (unitPrice !== undefined) line.unitPrice = unitPrice;
		return line;
	});
}

function canonical(status: string, mapping: GenericFieldMapping): CanonicalStatus | undefined {
	const value = status.toLowerCase();
	if (mapping.completedStatuses?.some((s) => s.toLowerCase() === value)) return 'completed';
	if (mapping.cancelledStatuses?.some((s) => s.toLowerCase() === value)) return 'cancelled';
	return undefined;
}

/** A mapped field's value as trimmed text; undefined when the field is not mapped or empty. */
function optionalText(row: Record<string, unknown>, path: string | undefined, what: string): string | undefined {
	if (!path) return undefined;
	const value = readField(row, path);
	if (!present(value)) return undefined;
	if (typeof value === 'object' && !(value instanceof Date)) {
		throw new FieldMappingError(path, `the ${what} field "${path}" holds an object, not a value`);
	}
	return String(value).trim();
}

/** One input row as a core order of the generic ERP. */
export function rowToOrder(row: Record<string, unknown>, mapping: GenericFieldMapping): Order {
	const id = requiredText(row, mapping.orderId, 'order id');
	const status = requiredText(row, mapping.status, 'status');
	const order: Order = {
		system: mapping.system,
		id,
		externalIds: { [mapping.system]: id },
		status: { code: status },
		customer: {},
		lines: [],
		raw: row,
	};
	const canonicalStatus = canonical(status, mapping);
	if (canonicalStatus) order.canonicalStatus = canonicalStatus;
	if (mapping.shopOrderId) {
		const shopId = readField(row, mapping.shopOrderId);
		if (present(shopId)) order.externalIds.shop = String(shopId).trim();
	}
	if (mapping.updatedAt) {
		const updated = readField(row, mapping.updatedAt);
		if (present(updated)) order.updatedAt = toIso(updated, mapping.updatedAt, 'updated-at', mapping.timeZone);
	}
	if (mapping.createdAt) {
		const created = readField(row, mapping.createdAt);
		if (present(created)) order.createdAt = toIso(created, mapping.createdAt, 'created-at', mapping.timeZone);
	}
	if (mapping.email) {
		const email = readField(row, mapping.email);
		if (present(email)) order.customer.email = String(email).trim();
	}
	if (mapping.lines) {
		const lines = readField(row, mapping.lines);
		if (present(lines)) order.lines = readLines(lines, mapping.lines);
		if (mapping.linePricesIncludeTax !== undefined) order.linePricesIncludeTax = mapping.linePricesIncludeTax;
	}
	const language = optionalText(row, mapping.language, 'language');
	if (language) order.customer.language = language;
	const country = optionalText(row, mapping.country, 'country');
	if (country) order.customer.country = country.toUpperCase();
	const realised = optionalText(row, mapping.realised, 'realised');
	if (realised) order.documents = { salesDocument: realised };
	const trackingNumber = optionalText(row, mapping.trackingNumber, 'tracking number');
	if (trackingNumber) {
		const tracking: Tracking = { number: trackingNumber };
		const carrier = optionalText(row, mapping.carrier, 'carrier');
		if (carrier) tracking.carrier = carrier;
		const url = optionalText(row, mapping.trackingUrl, 'tracking URL');
		if (url) tracking.url = url;
		order.tracking = [tracking];
	}
	return order;
}
