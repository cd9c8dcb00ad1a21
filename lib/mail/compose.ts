import type { LineDiff, Order } from '../model';
import type { NotifyEvent } from './events';
import { safeHeaderText } from './address';
import { faithfulLineDiff, faithfulOrder } from './faithful';
import { placeholdersFor } from './placeholders';
import { escapeHtml, renderTemplate } from './render';
import { LANGUAGE_PACKS, type MailLanguage } from './templates';
import { htmlToText } from './text';

/** The user's own subject and/or HTML body for an event, replacing the built-in one. */
export interface TemplateOverride {
	subject?: string;
	html?: string;
}

export interface ComposeInput {
	event: NotifyEvent;
	order: Order;
	language: MailLanguage;
	shopName: string;
	lineDiff?: LineDiff;
	invoiceAttached?: boolean;
	override?: TemplateOverride;
	timeZone?: string;
	decisionUrl?: string;
	/** The same order from a system that keeps names faithfully (the shop's), for names and line names */
	faithful?: Partial<Order>;
}

export interface ComposedMail {
	subject: string;
	html: string;
	text: string;
}

function htmlDocument(body: string, subject: string, language: MailLanguage): string {
	return (
		`<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
		`<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222">\n${body}\n</body></html>`
	);
}

/** The built-in subject and HTML body of an event in a language, with their placeholders, for users to start from. */
export function defaultTemplate(event: NotifyEvent, language: MailLanguage) {
	return LANGUAGE_PACKS[language].templates[event];
}

/** Renders one mail: subject (plain, one line), HTML (escaped values, full document) and its plain-text part. */
export function composeMail(input: ComposeInput): ComposedMail {
	const pack = LANGUAGE_PACKS[input.language];
	const builtIn = pack.templates[input.event];
	const order = faithfulOrder(input.order, input.faithful);
	const lineDiff = faithfulLineDiff(input.lineDiff, input.faithful);
	const values = placeholdersFor({ ...input, order, lineDiff, pack });
	const subjectTemplate = input.override?.subject?.trim() ? input.override.subject : builtIn.subject;
	const bodyTemplate = input.override?.html?.trim() ? input.override.html : builtIn.html;
	const whose = (part: string, overridden: boolean) =>
		overridden ? `your ${part} for "${input.event}"` : `the built-in ${part} of "${input.event}" (${input.language})`;
	const subject = safeHeaderText(
		renderTemplate(subjectTemplate, values, 'text', whose('subject', subjectTemplate !== builtIn.subject)),
	);
	// A paragraph whose only placeholder was empty (no invoice attached, no tracking link, a label with no
	// tracking number: POHODA marks an order delivered without one) is dropped.
	const body = renderTemplate(bodyTemplate, values, 'html', whose('HTML body', bodyTemplate !== builtIn.html))
		.replace(/<p>\s*<\/p>\n?/g, '')
		.replace(/<p>[^<>]*<strong>\s*<\/strong><\/p>\n?/g, '');
	const document = /<html[\s>]/i.test(body) ? body : htmlDocument(body, subject, input.language);
	return { subject, html: document, text: htmlToText(document) };
}
