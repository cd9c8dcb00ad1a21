import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { VendorAnswerError, VendorError } from '../../transport';
import { assertNoDoctype, assertXml, checkEncoding, decodeBytes, VENDOR, withoutBom } from './decode';
import type { Text, WireDetail, WireDocumentResponse, WireOrder } from './wire';

/** Elements that repeat: always arrays, whether one or many came (the single-element trap). */
const REPEATING = new Set([
	'responsePackItem',
	'order',
	'orderItem',
	'detail',
	'link',
	'attachment',
	'shipToAddress',
	'recordDuplicity',
	'itemDetails',
	'item',
]);

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	htmlEntities: true,
	isArray: (name) => REPEATING.has(name),
});

export function textOf(value: Text | undefined): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'string' ? value : value['#text'];
	return text === undefined || text === '' ? undefined : String(text);
}

/**
 * The answer's bytes and encoding once they are known to be mServer's kind of XML: not a web page, in an encoding
 * that matches its declaration, without a DOCTYPE. Nothing is parsed before.
 */
function accepted(answer: Buffer, contentType?: string): { bytes: Buffer; encoding: string } {
	const bytes = withoutBom(answer);
	assertXml(bytes, contentType);
	const encoding = checkEncoding(bytes);
	assertNoDoctype(bytes);
	return { bytes, encoding };
}

function parseXml(xml: string, what: string): Record<string, unknown> {
	const valid = XMLValidator.validate(xml);
	if (valid !== true) {
		throw new VendorAnswerError(
			VENDOR,
			`POHODA answered malformed XML (${what}, line ${valid.err.line}: ${valid.err.msg}). The answer was cut off or ` +
				'damaged on the way; try again, and check any proxy between n8n and mServer.',
		);
	}
	return parser.parse(xml) as Record<string, unknown>;
}

export interface ImportDetail {
	state: string;
	errno?: number;
	note?: string;
	xpath?: string;
}

export interface ResponseItem {
	id: string;
	state: string;
	note?: string;
	/** Local name of the agenda answer, e.g. listOrder, orderResponse, invoiceResponse, printResponse, errorDetail */
	kind?: string;
	body: Record<string, unknown>;
}

export interface ResponsePack {
	id: string;
	state: string;
	note?: string;
	ico?: string;
	items: ResponseItem[];
}

function toPack(doc: Record<string, unknown>): ResponsePack {
	const pack = doc.responsePack as Record<string, unknown> | undefined;
	if (!pack || typeof pack !== 'object') {
		const root = Object.keys(doc).find((k) => !k.startsWith('?'));
		throw new VendorAnswerError(
			VENDOR,
			`POHODA answered <${root ?? 'nothing'}> instead of a responsePack. Check that the credential URL is the mServer address.`,
		);
	}
	const items = ((pack.responsePackItem as Array<Record<string, unknown>> | undefined) ?? []).map((item) => {
		const kind = Object.keys(item).find((k) => !k.startsWith('@') && k !== '#text');
		return {
			id: String(item['@id'] ?? ''),
			state: String(item['@state'] ?? ''),
			note: item['@note'] as string | undefined,
			kind,
			body: (kind ? item[kind] : {}) as Record<string, unknown>,
		};
	});
	return {
		id: String(pack['@id'] ?? ''),
		state: String(pack['@state'] ?? ''),
		note: pack['@note'] as string | undefined,
		ico: pack['@ico'] as string | undefined,
		items,
	};
}

/** Decodes and parses any mServer answer to a dataPack into a `responsePack`, throwing on a pack-level error. */
export function parseResponsePack(answer: Buffer, contentType?: string): ResponsePack {
	const { bytes, encoding } = accepted(answer, contentType);
	const pack = toPack(parseXml(decodeBytes(bytes, encoding), 'responsePack'));
	assertPackOk(pack);
	return pack;
}

function assertPackOk(pack: ResponsePack): void {
	if (pack.state === 'error') {
		throw new VendorError(VENDOR, `POHODA refused the request: ${pack.note ?? 'no reason given'}`, { note: pack.note });
	}
}

export function importDetails(response: WireDocumentResponse | Record<string, unknown>): ImportDetail[] {
	const details = ((response as WireDocumentResponse).importDetails?.detail ?? []) as WireDetail[];
	return details.map((d) => ({
		state: String(d.state ?? ''),
		errno: d.errno === undefined ? undefined : Number(d.errno),
		note: textOf(d.note),
		xpath: d.XPath,
	}));
}

export function describeDetails(details: ImportDetail[]): string {
	return details
		.filter((d) => d.state !== 'ok')
		.map((d) => `${d.note ?? 'error'}${d.errno !== undefined ? ` (errno ${d.errno})` : ''}${d.xpath ? ` at ${d.xpath}` : ''}`)
		.join('; ');
}

export interface OrderListPage<T = WireOrder> {
	/** Server time of the export (POHODA local time, `YYYY-MM-DDTHH:mm:ss`) */
	dateTimeStamp?: string;
	orders: T[];
	warnings: ImportDetail[];
}

/** Measured: about 20 orders per parser call keeps peak memory lowest (bench/pohoda-parse). */
const ORDERS_PER_PARSE = 20;

function findOrderRegions(bytes: Buffer, prefix: string): Array<[number, number]> {
	const open = Buffer.from(`<${prefix}order`, 'latin1');
	const close = Buffer.from(`</${prefix}order>`, 'latin1');
	const regions: Array<[number, number]> = [];
	let at = bytes.indexOf(open);
	while (at !== -1) {
		const next = bytes[at + open.length];
		if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d || next === 0x2f) {
			const end = bytes.indexOf(close, at);
			if (end === -1) throw new VendorAnswerError(VENDOR, 'POHODA answered a list of orders that is cut off (an order is not closed). Try again.');
			regions.push([at, end + close.length]);
			at = bytes.indexOf(open, end + close.length);
		} else {
			at = bytes.indexOf(open, at + open.length);
		}
	}
	return regions;
}

/**
 * Reads the answer to one listOrderRequest. Orders are cut out of the bytes and parsed and handed to `map` one by
 * one, so a 10,000-order answer never becomes one giant string or object tree.
 */
export function readOrderList<T>(answer: Buffer, map: (order: WireOrder, index: number) => T, contentType?: string): OrderListPage<T> {
	const { bytes, encoding } = accepted(answer, contentType);
	const head = bytes.subarray(0, 4096).toString('latin1');
	const prefixMatch = /<(?:([\w.-]+):)?listOrder[\s>/]/.exec(head) ?? /<(?:([\w.-]+):)?listOrder[\s>/]/.exec(bytes.toString('latin1'));
	const prefix = prefixMatch?.[1] ? `${prefixMatch[1]}:` : '';
	const regions = prefixMatch ? findOrderRegions(bytes, prefix) : [];
	// The envelope without the orders: responsePack, responsePackItem, listOrder and any importDetails.
	const envelopeParts: Buffer[] = [];
	let cursor = 0;
	for (const [start, end] of regions) {
		envelopeParts.push(bytes.subarray(cursor, start));
		cursor = end;
	}
	envelopeParts.push(bytes.subarray(cursor));
	const pack = toPack(parseXml(decodeBytes(Buffer.concat(envelopeParts), encoding), 'responsePack'));
	assertPackOk(pack);
	const item = pack.items[0];
	if (!item) throw new VendorError(VENDOR, 'POHODA answered an empty responsePack to a list request.');
	if (item.state === 'error' || item.kind !== 'listOrder') {
		throw new VendorError(VENDOR, `POHODA could not list orders: ${item.note || describeDetails(importDetails(item.body)) || `unexpected answer <${item.kind}>`}`);
	}
	const list = item.body;
	if (list['@state'] === 'error') {
		throw new VendorError(VENDOR, `POHODA could not list orders: ${describeDetails(importDetails(list)) || 'no reason given'}`);
	}
	// Orders are parsed a batch at a time: small enough to stay cheap in memory, big enough to keep the parser's
	// per-call cost low.
	const orders: T[] = [];
	for (let first = 0; first < regions.length; first += ORDERS_PER_PARSE) {
		const last = Math.min(first + ORDERS_PER_PARSE, regions.length) - 1;
		const xml = decodeBytes(bytes.subarray(regions[first][0], regions[last][1]), encoding);
		const doc = parseXml(`<batch>${xml}</batch>`, `orders ${first + 1}-${last + 1}`);
		const parsed = ((doc.batch as Record<string, unknown> | undefined)?.order as WireOrder[] | undefined) ?? [];
		if (parsed.length !== last - first + 1) {
			throw new VendorAnswerError(VENDOR, `POHODA answered a list of orders that does not parse as orders ${first + 1}-${last + 1}. Try again.`);
		}
		for (let i = 0; i < parsed.length; i++) orders.push(map(parsed[i], first + i));
	}
	return {
		dateTimeStamp: typeof list['@dateTimeStamp'] === 'string' ? list['@dateTimeStamp'].slice(0, 19) : undefined,
		orders,
		warnings: importDetails(list).filter((d) => d.state !== 'ok'),
	};
}

/** The answer to one listOrderRequest with POHODA's own order data. */
export function parseOrderList(bytes: Buffer, contentType?: string): OrderListPage {
	return readOrderList(bytes, (order) => order, contentType);
}

export interface MServerStatus {
	status?: string;
	name?: string;
	processing?: number;
	company?: string;
	ico?: string;
	year?: string;
	database?: string;
}

/** The `<mServer>` document of GET /status (with ?companyDetail: company, IČO, database and accounting year). */
export function parseStatus(answer: Buffer, contentType?: string): MServerStatus {
	const { bytes, encoding } = accepted(answer, contentType);
	const doc = parseXml(decodeBytes(bytes, encoding), 'status');
	const root = doc.mServer as Record<string, unknown> | undefined;
	if (!root) throw new VendorAnswerError(VENDOR, 'The credential URL did not answer like POHODA mServer (no <mServer> status document).');
	const flat: Record<string, unknown> = { ...root, ...(root.companyDetail as Record<string, unknown> | undefined) };
	const pick = (...names: string[]) => {
		for (const name of names) {
			const value = textOf(flat[name] as Text | undefined);
			if (value !== undefined) return value;
		}
		return undefined;
	};
	return {
		status: pick('status'),
		name: pick('name'),
		processing: flat.processing === undefined ? undefined : Number(pick('processing')),
		company: pick('company'),
		ico: pick('ico'),
		year: pick('year', 'accountingYear'),
		database: pick('databaseName', 'database'),
	};
}
