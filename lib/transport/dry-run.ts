import { redactFields, redactUrl } from './redact';
import { buildUrl, type HttpRequest, type HttpSend } from './types';

/** A write a dry run did not send: method, URL and body, secrets removed. */
export interface PlannedWrite {
	method: string;
	url: string;
	/** JSON and form bodies as objects, anything else (XML) as text */
	body?: unknown;
}

/** Thrown in place of sending a write during a dry run; carries what would have been sent and is never retried. */
export class DryRunWrite extends Error {
	constructor(readonly write: PlannedWrite) {
		super(`Dry run: ${write.method} ${new URL(write.url).pathname} was not sent`);
		this.name = 'DryRunWrite';
	}
}

export const isReadOnly = (request: HttpRequest): boolean => request.readOnly ?? (request.method === 'GET');

/** A sender that sends reads and stops at the first write with a DryRunWrite. */
export function dryRunSend(send: HttpSend): HttpSend {
	return async (request) => {
		if (isReadOnly(request)) return send(request);
		throw new DryRunWrite(plannedWrite(request));
	};
}

export function plannedWrite(request: HttpRequest): PlannedWrite {
	const url = redactUrl(buildUrl(request.url, request.qs));
	if (request.body === undefined) return { method: request.method, url };
	return { method: request.method, url, body: readableBody(request) };
}

function readableBody(request: HttpRequest): unknown {
	const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : String(request.body);
	const type = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
	if (/json/i.test(type)) {
		try {
			return redactFields(JSON.parse(text));
		} catch {
			return text;
		}
	}
	if (/x-www-form-urlencoded/i.test(type)) return redactFields(Object.fromEntries(new URLSearchParams(text)));
	return text;
}
