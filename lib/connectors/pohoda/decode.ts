import * as iconv from 'iconv-lite';
import { VendorError } from '../../transport';

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
	const head = bytes.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
	if ((contentType ?? '').includes('text/html') || head.startsWith('<!doctype html') || head.startsWith('<html')) {
		throw new VendorError(
			VENDOR,
			'POHODA answered with an HTML page instead of XML. The credential URL probably points to a web page or a login ' +
				'proxy; set it to the mServer address itself, e.g. http://server:444 (mServer must be running in POHODA).',
		);
	}
	if (!head.startsWith('<')) {
		throw new VendorError(VENDOR, `POHODA answered something that is not XML ("${head.slice(0, 60)}"). Check the credential URL.`);
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
			throw new VendorError(
				VENDOR,
				'POHODA answered XML that declares UTF-8 but is not UTF-8 (probably Windows-1250). The XML declaration does ' +
					'not match the bytes; check any proxy or transformation (dataPack/transformation) that rewrites the answer.',
			);
		}
		return 'utf-8';
	}
	if (encoding === 'windows-1250' || encoding === 'cp1250') {
		if (hasHighBytes(probe) && isUtf8(probe)) {
			throw new VendorError(
				VENDOR,
				'POHODA answered XML that declares Windows-1250 but whose bytes are UTF-8. The XML declaration does not match ' +
					'the bytes; check any proxy or transformation that re-encodes the answer.',
			);
		}
		return 'windows-1250';
	}
	if (!iconv.encodingExists(encoding)) {
		throw new VendorError(VENDOR, `POHODA answered XML in an unknown encoding "${encoding}".`);
	}
	return encoding;
}

export function decodeBytes(bytes: Buffer, encoding: string): string {
	return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding);
}
