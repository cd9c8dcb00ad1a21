const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', rarr: '→' };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
		if (entity[0] === '#') {
			const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[entity.toLowerCase()] ?? whole;
	});
}

/**
 * The plain-text part of a mail from its HTML: paragraphs and rows on their own lines, table cells separated,
 * list items bulleted, links written as "label (url)", tags dropped, entities decoded.
 */
export function htmlToText(markup: string): string {
	const text = markup
		.replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s+/g, ' ')
		.replace(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a\s*>/gi, (_, _quote, href: string, label: string) => {
			const shown = label.replace(/<[^>]*>/g, '').trim();
			return shown && decodeEntities(shown) !== decodeEntities(href) ? `${shown} (${href})` : href;
		})
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<li\b[^>]*>/gi, '\n- ')
		.replace(/<\/t[dh]\s*>\s*(?=<t[dh]\b)/gi, ' | ')
		.replace(/<\/tr\s*>/gi, '\n')
		.replace(/<\/?(p|div|h[1-6]|blockquote|ul|ol|table)\b[^>]*>/gi, '\n\n')
		.replace(/<[^>]*>/g, '');
	return decodeEntities(text)
		.split('\n')
		.map((line) => line.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
