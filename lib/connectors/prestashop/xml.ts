import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { VendorAnswerError } from '../../transport';

export const VENDOR = 'PrestaShop';

/** A parsed element: text, or children and attributes (`@name`), or text beside attributes (`#text`). */
export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] | undefined };

// The settings the POHODA connector parses with: no DOCTYPE reaches the parser, values stay strings.
const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	htmlEntities: true,
});

const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or an attribute value safe inside XML: escaped, and stripped of characters XML 1.0 forbids. */
export function escapeXml(value: string): string {
	return value.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A request body `<prestashop><resource>…</resource></prestashop>`; every value escaped, undefined fields left out. */
export function psDocument(resource: string, fields: Record<string, string | number | undefined>): string {
	const inner = Object.entries(fields)
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
		.join('');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><${resource}>${inner}</${resource}></prestashop>`;
}

/** Always a list: a repeated element parses as an array, a single one as itself, an empty container as "". */
export function listOf<T = XmlNode>(value: XmlNode | XmlNode[] | undefined): T[] {
	if (value === undefined || value === '') return [];
	return (Array.isArray(value) ? value : [value]) as T[];
}

/** The text of an element, whether it came with attributes (xlink:href) or not; "" when empty. */
export function textOf(value: XmlNode | XmlNode[] | undefined): string {
	if (value === undefined || Array.isArray(value)) return '';
	if (typeof value === 'string') return value;
	const text = value['#text'];
	return typeof text === 'string' ? text : '';
}

/** A multilingual field (`<name><language id="1">…`) by language id. */
export function languagesOf(value: XmlNode | XmlNode[] | undefined): Record<string, string> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
	const byId: Record<string, string> = {};
	for (const entry of listOf(value.language)) {
		if (typeof entry === 'object' && !Array.isArray(entry)) byId[String(entry['@id'])] = textOf(entry);
	}
	return byId;
}

/**
 * Refuses a document type declaration before anything is parsed: the webservice never sends one, and with it come
 * entities (external, billion laughs). CDATA sections (`<![CDATA[`) are the only `<!` PrestaShop writes.
 */
function assertNoDoctype(text: string): void {
	const found = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
	if (found) {
		throw new VendorAnswerError(
			VENDOR,
			`PrestaShop's answer contains a document type declaration (<!${found[1].toUpperCase()}), which the webservice never sends; it was refused unread. Check that the credential URL is the shop's address and nothing between n8n and the shop rewrites answers.`,
		);
	}
}

/**
 * The XML of an answer. PHP notices or warnings printed by a module come as HTML before the XML declaration: they
 * are cut off, the XML after them is read. Anything else that is not XML (a login page, a text error) is refused.
 */
export function xmlPart(body: string, what: string): string {
	const trimmed = body.replace(/^\uFEFF/, '').trimStart();
	if (trimmed.startsWith('<?xml') || trimmed.startsWith('<prestashop')) return trimmed;
	const declaration = trimmed.indexOf('<?xml');
	if (declaration > 0) return trimmed.slice(declaration);
	const start = trimmed.slice(0, 80).replace(/\s+/g, ' ');
	const hint = /<html|<!doctype html/i.test(trimmed.slice(0, 200))
		? 'an HTML page; is the credential URL the shop address and the webservice enabled (Advanced Parameters → Webservice)?'
		: start
			? `"${start}"`
			: 'an empty body';
	throw new VendorAnswerError(VENDOR, `${what}: PrestaShop answered ${hint} instead of XML`);
}

/** Parses a webservice answer into the children of `<prestashop>`. */
export function parsePs(body: string, what: string): Record<string, XmlNode | XmlNode[] | undefined> {
	const xml = xmlPart(body, what);
	assertNoDoctype(xml);
	const valid = XMLValidator.validate(xml);
	if (valid !== true) {
		throw new VendorAnswerError(VENDOR, `${what}: PrestaShop answered malformed XML (line ${valid.err.line}: ${valid.err.msg}); try again, and check any proxy in between`);
	}
	const root = (parser.parse(xml) as Record<string, XmlNode>).prestashop;
	if (root === undefined) throw new VendorAnswerError(VENDOR, `${what}: the answer is XML but not a PrestaShop webservice document (no <prestashop> root)`);
	return typeof root === 'object' && !Array.isArray(root) ? root : {};
}

export interface PsError {
	code: string;
	message: string;
}

/** The `<errors>` of an error answer, when its body is the webservice's XML; PHP warnings (code 3) last. */
export function psErrorsOf(body: string): PsError[] {
	try {
		const root = parsePs(body, 'error');
		const errors = root.errors;
		if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return [];
		const list = listOf(errors.error).map((entry) => (typeof entry === 'object' && !Array.isArray(entry) ? { code: textOf(entry.code), message: textOf(entry.message) } : { code: '', message: textOf(entry) }));
		return [...list.filter((e) => e.code !== '3'), ...list.filter((e) => e.code === '3')];
	} catch {
		return [];
	}
}
