import { redactHeaders, redactUrl } from './redact';
import type { HttpRequest } from './types';

export interface RedactedRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
}

export function redactRequest(request: HttpRequest): RedactedRequest {
	return { method: request.method, url: redactUrl(request.url), headers: redactHeaders(request.headers) };
}

const MAX_BODY_CHARS = 2000;

/** A failed call to a vendor: the HTTP status (0 when no response came), the vendor's body, the redacted request. */
export class HttpError extends Error {
	readonly vendor: string;
	readonly status: number;
	readonly code?: string;
	readonly vendorBody?: string;
	readonly request: RedactedRequest;
	readonly attempts: number;

	constructor(opts: {
		vendor: string;
		message: string;
		status: number;
		request: HttpRequest;
		vendorBody?: string;
		code?: string;
		attempts: number;
	}) {
		super(opts.message);
		this.name = 'HttpError';
		this.vendor = opts.vendor;
		this.status = opts.status;
		this.code = opts.code;
		this.vendorBody = opts.vendorBody?.slice(0, MAX_BODY_CHARS);
		this.request = redactRequest(opts.request);
		this.attempts = opts.attempts;
	}
}

/** A vendor answered, but the answer says the operation failed (an error inside a 200, a bad payload). */
export class VendorError extends Error {
	readonly vendor: string;
	readonly details?: unknown;
	constructor(vendor: string, message: string, details?: unknown) {
		super(message);
		this.name = 'VendorError';
		this.vendor = vendor;
		this.details = details;
	}
}

/** A vendor answered with something that is no answer at all: a login page, the wrong encoding, refused markup. */
export class VendorAnswerError extends VendorError {
	constructor(vendor: string, message: string, details?: unknown) {
		super(vendor, message, details);
		this.name = 'VendorAnswerError';
	}
}
