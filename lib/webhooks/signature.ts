import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureEncoding = 'base64' | 'hex';

/** HMAC-SHA256 of the exact bytes received, in the encoding the sender uses. */
export function hmacSha256(rawBody: Buffer | string, secret: string, encoding: SignatureEncoding = 'base64'): string {
	return createHmac('sha256', secret).update(rawBody).digest(encoding);
}

/** Compares two strings in time independent of where they differ. */
export function timingSafeEqualStrings(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	// Equal lengths are required by timingSafeEqual; comparing against itself keeps the timing flat.
	if (left.length !== right.length) {
		timingSafeEqual(left, left);
		return false;
	}
	return timingSafeEqual(left, right);
}

/** True when `signature` is the HMAC-SHA256 of `rawBody` under `secret`. Missing parts never verify. */
export function verifyHmacSignature(options: {
	rawBody: Buffer | string | undefined;
	secret: string | undefined;
	signature: string | undefined;
	encoding?: SignatureEncoding;
}): boolean {
	const { rawBody, secret, signature } = options;
	if (rawBody === undefined || !secret || !signature) return false;
	return timingSafeEqualStrings(hmacSha256(rawBody, secret, options.encoding), signature.trim());
}
