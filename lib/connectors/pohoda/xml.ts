/** A small string-based XML writer: every text and attribute value is escaped and stripped of what XML 1.0 forbids. */

// Characters XML 1.0 does not allow anywhere, lone surrogates included.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
	return value.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Cuts a text to the schema's maxLength, counted in characters (code points) as XML Schema does. */
export function clip(value: string, max: number | undefined): string {
	if (max === undefined || value.length <= max) return value;
	const chars = Array.from(value);
	return chars.length <= max ? value : chars.slice(0, max).join('');
}

export type Scalar = string | number | boolean | undefined | null;
export type Attributes = Record<string, Scalar>;

function attributes(attrs: Attributes | undefined): string {
	if (!attrs) return '';
	let out = '';
	for (const [name, value] of Object.entries(attrs)) {
		if (value !== undefined && value !== null) out += ` ${name}="${escapeXml(String(value))}"`;
	}
	return out;
}

function text(value: Exclude<Scalar, undefined | null>, max?: number): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a number in XML`);
		return String(value);
	}
	return escapeXml(clip(String(value).replace(FORBIDDEN, ''), max));
}

/** `<name>value</name>`, or nothing when the value is undefined, null or blank. */
export function leaf(name: string, value: Scalar, max?: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string' && value.trim() === '') return '';
	return `<${name}>${text(value, max)}</${name}>`;
}

/** An element with children; always written (use `optional` for containers that may stay empty). */
export function node(name: string, children: string[] | string = [], attrs?: Attributes): string {
	const inner = Array.isArray(children) ? children.join('') : children;
	return inner === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

/** An element with children, or nothing when every child is empty. */
export function optional(name: string, children: string[], attrs?: Attributes): string {
	const inner = children.join('');
	return inner === '' ? '' : node(name, inner, attrs);
}
