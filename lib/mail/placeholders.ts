import { roundMoney, type LineDiff, type Order, type OrderLine } from '../model';
import { safeHeaderText } from './address';
import type { NotifyEvent } from './events';
import { escapeHtml, html, type HtmlValue, type Placeholders } from './render';
import type { LanguagePack } from './templates';

export interface PlaceholderInput {
	event: NotifyEvent;
	order: Order;
	pack: LanguagePack;
	shopName: string;
	lineDiff?: LineDiff;
	/** True when the invoice PDF goes with this mail */
	invoiceAttached?: boolean;
	/** IANA zone dates are shown in (the workflow's); the process's zone when absent */
	timeZone?: string;
	/** Where a manager decides on the order (an http(s) URL checked by webLink) */
	decisionUrl?: string;
}

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

// Building an Intl formatter costs ~0.1 ms, using one microseconds: one per locale and options for the process.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = numberFormats.get(key);
	if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
	return format;
}

function dateFormat(locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
	const key = `${locale}|${timeZone ?? ''}`;
	let format = dateFormats.get(key);
	if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })));
	return format;
}

function moneyFormatter(pack: LanguagePack, currency?: string): (amount: number) => string {
	const code = currency?.trim().toUpperCase();
	if (code && KNOWN_CURRENCIES.has(code)) {
		const format = numberFormat(pack.locale, { style: 'currency', currency: code });
		return (amount) => format.format(amount);
	}
	const format = numberFormat(pack.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	return (amount) => (currency ? `${format.format(amount)} ${currency}` : format.format(amount));
}

const lineAmount = (line: OrderLine) =>
	line.total ?? (line.unitPrice === undefined ? undefined : roundMoney(line.unitPrice * line.quantity));

/** Lines at the prices the customer pays: a shop that gives them before tax (WooCommerce) gets its tax rate added. */
function payableLines(order: Order): OrderLine[] {
	if (order.linePricesIncludeTax !== false) return order.lines;
	return order.lines.map((line) => {
		const rate = line.taxRate;
		if (!rate) return line;
		const withTax = (amount: number | undefined) => (amount === undefined ? undefined : roundMoney(amount * (1 + rate / 100)));
		return { ...line, unitPrice: withTax(line.unitPrice), total: withTax(line.total) };
	});
}

function orderTotal(order: Order): number | undefined {
	if (order.totals?.gross !== undefined) return order.totals.gross;
	const amounts = payableLines(order).map(lineAmount);
	if (amounts.length === 0 || amounts.some((amount) => amount === undefined)) return undefined;
	return (amounts as number[]).reduce((sum, amount) => sum + amount, 0) + (order.totals?.shipping ?? 0);
}

const cell = (value: string, align: 'left' | 'right' = 'left') =>
	`<td align="${align}" style="padding:4px 8px;border-bottom:1px solid #ddd">${escapeHtml(value)}</td>`;
const headCell = (value: string, align: 'left' | 'right' = 'left') =>
	`<th align="${align}" style="padding:4px 8px;border-bottom:2px solid #999">${escapeHtml(value)}</th>`;

/** A table of rows of plain strings; the first column is left-aligned, the others right-aligned. */
function table(headers: string[], rows: string[][]): HtmlValue {
	if (rows.length === 0) return html('', '');
	const align = (index: number) => (index === 0 ? 'left' : 'right');
	const markup =
		'<table role="presentation" cellspacing="0" style="border-collapse:collapse">' +
		`<thead><tr>${headers.map((header, index) => headCell(header, align(index))).join('')}</tr></thead>` +
		`<tbody>${rows.map((row) => `<tr>${row.map((value, index) => cell(value, align(index))).join('')}</tr>`).join('')}</tbody>` +
		'</table>';
	const text = [headers, ...rows].map((row) => row.join(' | ')).join('\n');
	return html(markup, text);
}

function linesTable(order: Order, pack: LanguagePack, money: (amount: number) => string): HtmlValue {
	const { labels } = pack;
	const quantity = numberFormat(pack.locale, { maximumFractionDigits: 3 });
	return table(
		[labels.product, labels.quantity, labels.unitPrice, labels.amount],
		payableLines(order).map((line) => {
			const amount = lineAmount(line);
			return [
				line.name,
				quantity.format(line.quantity),
				line.unitPrice === undefined ? '' : money(line.unitPrice),
				amount === undefined ? '' : money(amount),
			];
		}),
	);
}

/** The lines still missing: those flagged backordered, else those not fully delivered, else all of them. */
function backorderedLines(order: Order, pack: LanguagePack): HtmlValue {
	const quantity = numberFormat(pack.locale, { maximumFractionDigits: 3 });
	const flagged = order.lines.filter((line) => (line.backordered ?? 0) > 0);
	const undelivered = order.lines.filter((line) => line.delivered !== undefined && line.delivered < line.quantity);
	const rows = flagged.length
		? flagged.map((line) => [line.name, quantity.format(line.backordered as number)])
		: undelivered.length
			? undelivered.map((line) => [line.name, quantity.format(line.quantity - (line.delivered as number))])
			: order.lines.map((line) => [line.name, quantity.format(line.quantity)]);
	return table([pack.labels.product, pack.labels.quantity], rows);
}

function changedLines(diff: LineDiff | undefined, pack: LanguagePack, money: (amount: number) => string): HtmlValue {
	if (!diff) return html('', '');
	const { labels } = pack;
	const quantity = numberFormat(pack.locale, { maximumFractionDigits: 3 });
	const entries: string[] = [
		...diff.added.map((line) => `${labels.added}: ${line.name}, ${quantity.format(line.quantity)} ×`),
		...diff.removed.map((line) => `${labels.removed}: ${line.name}`),
		...diff.changed.map((change) => {
			const parts: string[] = [];
			if (change.quantityBefore !== undefined || change.quantityAfter !== undefined) {
				parts.push(`${labels.quantityWord} ${quantity.format(change.quantityBefore ?? 0)} → ${quantity.format(change.quantityAfter ?? 0)}`);
			}
			if (change.unitPriceBefore !== undefined && change.unitPriceAfter !== undefined) {
				parts.push(`${labels.priceWord} ${money(change.unitPriceBefore)} → ${money(change.unitPriceAfter)}`);
			}
			return `${labels.changed}: ${[change.name, ...parts].join(', ')}`;
		}),
	];
	if (entries.length === 0) return html('', '');
	return html(`<ul>${entries.map((entry) => `<li>${escapeHtml(entry)}</li>`).join('')}</ul>`, entries.map((entry) => `- ${entry}`).join('\n'));
}

/** The address as a normalised http(s) URL, or undefined for anything else (javascript:, mailto:, relative, blank). */
export function webLink(value: unknown): string | undefined {
	if (typeof value !== 'string' || !value.trim() || /[\s\p{Cc}]/u.test(value.trim())) return undefined;
	try {
		const url = new URL(value.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
	} catch {
		return undefined;
	}
}

const BUTTON_STYLE =
	'display:inline-block;padding:10px 20px;background:#1a5fb4;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold';

/** A labelled link to a checked address; nothing without one. */
function labelledLink(url: string, label: string, style?: string): HtmlValue {
	if (!url) return html('', '');
	return html(`<a href="${escapeHtml(url)}"${style ? ` style="${style}"` : ''}>${escapeHtml(label)}</a>`, `${label}: ${url}`);
}

/** An instant in the workflow's zone; a plain date (POHODA's) is that calendar day wherever the workflow runs. */
function formatDate(iso: string | undefined, locale: string, timeZone?: string): string {
	if (!iso) return '';
	const date = new Date(iso);
	const zone = /^\d{4}-\d{2}-\d{2}$/.test(iso.trim()) ? 'UTC' : timeZone;
	return Number.isNaN(date.getTime()) ? iso : dateFormat(locale, zone).format(date);
}

/**
 * The number the customer knows: an ERP's record of a shop order (POHODA, a generic ERP) is named by the shop's
 * order number, not by the ERP's own document number.
 */
function customerOrderNumber(order: Order): string {
	return order.externalIds?.shopNumber ?? order.externalIds?.shop ?? order.number ?? order.id;
}

/** Every placeholder a template may use, filled from the order. Plain strings are escaped when rendered. */
export function placeholdersFor(input: PlaceholderInput): Placeholders {
	const { order, pack } = input;
	const money = moneyFormatter(pack, order.currency);
	const total = orderTotal(order);
	const customerName = safeHeaderText(order.customer?.name ?? '') || safeHeaderText(order.billingAddress?.name ?? '');
	const tracking = order.tracking?.[0];
	const invoiceNumber = order.documents?.invoiceNumber ?? '';
	const trackingUrl = webLink(tracking?.url) ?? '';
	const decisionUrl = webLink(input.decisionUrl) ?? '';
	return {
		greeting: pack.greeting(customerName || undefined),
		shopName: input.shopName,
		orderNumber: customerOrderNumber(order),
		orderId: order.id,
		orderDate: formatDate(order.createdAt, pack.locale, input.timeZone),
		status: order.status?.label ?? order.status?.code ?? '',
		sourceSystem: order.system,
		customerName,
		customerEmail: order.customer?.email ?? '',
		total: total === undefined ? '' : money(total),
		currency: order.currency ?? '',
		linesTable: linesTable(order, pack, money),
		backorderedLines: backorderedLines(order, pack),
		changedLines: changedLines(input.lineDiff, pack, money),
		trackingNumber: tracking?.number ?? '',
		trackingUrl,
		trackingLink: labelledLink(trackingUrl, pack.labels.trackParcel),
		carrier: tracking?.carrier ?? '',
		invoiceNumber,
		invoiceNote: input.invoiceAttached ? pack.invoiceAttached(invoiceNumber || undefined) : '',
		note: order.note ?? '',
		decisionUrl,
		decisionLink: labelledLink(decisionUrl, pack.labels.decide, BUTTON_STYLE),
	};
}
