export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL */
	url: string;
	qs?: Record<string, string | number | boolean | undefined>;
	headers?: Record<string, string>;
	/** Already serialized */
	body?: string | Buffer;
	timeoutMs?: number;
	/**
	 * False for calls that must not run twice (a POST that mails the customer): they are repeated only when the
	 * answer or the failure shows the vendor never ran them.
	 */
	idempotent?: boolean;
	/** True for a request that changes nothing (a read sent as POST); GET is read-only without it */
	readOnly?: boolean;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/**
 * Sends one request and resolves with any HTTP status; rejects only when no response arrived
 * (the error's `code` says why, e.g. ECONNRESET or ETIMEDOUT).
 * In n8n this wraps `helpers.httpRequestWithAuthentication`; in tests it is plain node:http.
 */
export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

export function headerValue(response: HttpResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function buildUrl(url: string, qs?: HttpRequest['qs']): string {
	if (!qs) return url;
	const target = new URL(url);
	for (const [key, value] of Object.entries(qs)) {
		if (value !== undefined) target.searchParams.set(key, String(value));
	}
	return target.toString();
}
