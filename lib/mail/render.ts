/** A placeholder value that is already HTML (a table, a link), with its plain-text form for subjects. */
export interface HtmlValue {
	html: string;
	text: string;
}

export type PlaceholderValue = string | HtmlValue;
export type Placeholders = Record<string, PlaceholderValue>;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

export function html(markup: string, text: string): HtmlValue {
	return { html: markup, text };
}

/** A template names a placeholder nobody provides: reported, never rendered blank. */
export class UnknownPlaceholderError extends Error {
	constructor(
		readonly placeholder: string,
		readonly where: string,
		readonly known: string[],
	) {
		super(`Unknown placeholder {{${placeholder}}} in ${where}`);
		this.name = 'UnknownPlaceholderError';
	}

	get hint(): string {
		return `Fix the template: the placeholders you can use are ${this.known.map((name) => `{{${name}}}`).join(', ')}.`;
	}
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The names a template uses, in order of appearance, each once. */
export function placeholdersIn(template: string): string[] {
	return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/**
 * Fills `{{name}}` markers. In HTML mode plain values are escaped and HTML values go in as they are; in text mode
 * (subjects) HTML values give their text form. Any unknown name throws, naming it and `where` it was.
 */
export function renderTemplate(template: string, values: Placeholders, mode: 'html' | 'text', where: string): string {
	return template.replace(PLACEHOLDER, (_, name: string) => {
		if (!Object.prototype.hasOwnProperty.call(values, name)) {
			throw new UnknownPlaceholderError(name, where, Object.keys(values).sort());
		}
		const value = values[name];
		if (typeof value === 'string') return mode === 'html' ? escapeHtml(value) : value;
		return mode === 'html' ? value.html : value.text;
	});
}
