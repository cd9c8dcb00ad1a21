import * as iconv from 'iconv-lite';
import { VendorAnswerError } from '../../transport';

export const VENDOR = 'POHODA';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Buffer): boolean {
	try {
		utf8.decode(bytes);
		return true;
	} catch {
		return false;
	}
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes without a leading UTF-8 byte order mark, which XML allows before the declaration. */
export function withoutBom(bytes: Buffer): Buffer {
	return bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
}

/** The encoding named in the XML declaration, lower-cased; UTF-8 when there is none (XML's default). */
export function declaredEncoding(bytes: Buffer): string {
	const head = bytes.subarray(0, 200).toString('latin1');
	const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head);
	return (match?.[1] ?? 'utf-8').toLowerCase();
}

/** Throws when mServer answered something else than XML, e.g. a login page of a proxy in front of it. */
export function assertXml(bytes: Buffer, contentType?: string): void {
	// XML allows no NUL character, and the encodings mServer uses write none: this is UTF-16 or binary.
	if (bytes.includes(0)) {
		throw new VendorAnswerError(
			VENDOR,
			'POHODA answered with NUL bytes, so not in Windows-1250 or UTF-8 as mServer does (probably UTF-16, or not text at ' +
				'all). Check any proxy or transformation between n8n and mServer that re-encodes the answer.',
		);
	}
	const head = bytes.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('text/html') || type.includes('xhtml') || head.startsWith('<!doctype html') || /<html[\s>]/.test(head)) {
		throw new VendorAnswerError(
			VENDOR,
			'POHODA answered with an HTML page instead of XML. The credential URL probably points to a web page or a login ' +
				'proxy; set it to the mServer address itself, e.g. http://server:444 (mServer must be running in POHODA).',
		);
	}
	if (!head.startsWith('<')) {
		throw new VendorAnswerError(VENDOR, `POHODA answered something that is not XML ("${head.slice(0, 60)}"). Check the credential URL.`);
	}
}

const MARKUP_DECLARATION = Buffer.from('<!', 'latin1');

/**
 * Refuses any document type declaration before anything is parsed: mServer never sends one, and with it come
 * entities (internal, external, billion laughs). Found anywhere in the answer, not only in the prolog.
 */
export function assertNoDoctype(bytes: Buffer): void {
	for (let at = bytes.indexOf(MARKUP_DECLARATION); at !== -1; at = bytes.indexOf(MARKUP_DECLARATION, at + 2)) {
		const keyword = bytes.subarray(at + 2, at + 9).toString('latin1').toUpperCase();
		if (keyword.startsWith('DOCTYPE') || keyword.startsWith('ENTITY')) {
			throw new VendorAnswerError(
				VENDOR,
				`POHODA's answer contains a document type declaration (<!${keyword.startsWith('ENTITY') ? 'ENTITY' : 'DOCTYPE'}), which ` +
					'mServer never sends; it was refused unread, so no entity in it was expanded. Check that the credential URL ' +
					'is the mServer address and that nothing between n8n and mServer rewrites the answer.',
			);
		}
	}
}

// A window of the document small enough to check quickly, cut at a tag start so no character is split.
function sample(bytes: Buffer): Buffer {
	if (bytes.length <= 65_536) return bytes;
	const window = bytes.subarray(0, 65_536);
	return window.subarray(0, window.lastIndexOf(0x3c));
}

function hasHighBytes(bytes: Buffer): boolean {
	for (const byte of bytes) if (byte >= 0x80) return true;
	return false;
}

/**
 * Checks the XML declaration against the bytes. mServer answers in Windows-1250; a declaration that does not match
 * the bytes would turn every Czech letter into garbage, so it is an error naming the fix instead.
 */
export function checkEncoding(bytes: Buffer): string {
	const encoding = declaredEncoding(bytes);
	const probe = sample(bytes);
	if (encoding === 'utf-8' || encoding === 'utf8') {
		if (!isUtf8(probe)) {
			throw new VendorAnswerError(
				VENDOR,
				'POHODA answered XML that declares UTF-8 but is not UTF-8 (probably Windows-1250). The XML declaration does ' +
					'not match the bytes; check any proxy or transformation (dataPack/transformation) that rewrites the answer.',
			);
		}
		return 'utf-8';
	}
	if (encoding === 'windows-1250' || encoding === 'cp1250') {
		if (hasHighBytes(probe) && isUtf8(probe)) {
			throw new VendorAnswerError(
				VENDOR,
				'POHODA answered XML that declares Windows-1250 but whose bytes are UTF-8. The XML declaration does not match ' +
					'the bytes; check any proxy or transformation that re-encodes the answer.',
			);
		}
		return 'windows-1250';
	}
	if (!iconv.encodingExists(encoding)) {
		throw new VendorAnswerError(VENDOR, `POHODA answered XML in an unknown encoding "${encoding}".`);
	}
	// Markup must read the same byte for byte (the DOCTYPE check and the order cutting work on the bytes).
	if (!iconv.encode('<!DOCTYPE ENTITY/>', encoding).equals(Buffer.from('<!DOCTYPE ENTITY/>', 'latin1'))) {
		throw new VendorAnswerError(
			VENDOR,
			`POHODA answered XML in ${encoding}, which mServer never sends (it answers Windows-1250, or UTF-8 when asked). ` +
				'Check any proxy or transformation that re-encodes the answer.',
		);
	}
	return encoding;
}

export function decodeBytes(bytes: Buffer, encoding: string): string {
	return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding);
}
