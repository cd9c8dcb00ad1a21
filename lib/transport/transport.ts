import { DryRunWrite } from './dry-run';
import { HttpError } from './errors';
import { sleep, type RequestPacer } from './rate-limit';
import { headerValue, type HttpRequest, type HttpResponse, type HttpSend } from './types';

export interface RetryPolicy {
	/** Retries after the first attempt */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Statuses worth another attempt; everything else is final */
	retryStatuses: number[];
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	retryStatuses: [429, 502, 503, 504],
};

/** Error codes of requests that never got an answer and are safe to send again. */
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

/** Failures that show a request never reached the vendor, and answers that refuse it before it runs. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
const REFUSED_STATUSES = new Set([429, 503]);

export interface TransportOptions {
	vendor: string;
	send: HttpSend;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	rateLimiter?: RequestPacer;
	/** Turns a vendor's error body into a readable sentence */
	describeError?: (response: HttpResponse) => string | undefined;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
}

/** Seconds or an HTTP-date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class HttpTransport {
	readonly vendor: string;
	private readonly policy: RetryPolicy;

	constructor(private readonly options: TransportOptions) {
		this.vendor = options.vendor;
		this.policy = { ...DEFAULT_RETRY, ...options.retry };
	}

	/** Sends with retries; resolves with a 2xx/3xx response, throws HttpError otherwise. */
	async request(request: HttpRequest): Promise<HttpResponse> {
		const wait = this.options.sleep ?? sleep;
		const prepared = { ...request, timeoutMs: request.timeoutMs ?? this.options.timeoutMs ?? 30_000 };
		for (let attempt = 0; ; attempt++) {
			await this.options.rateLimiter?.take();
			const outcome = await this.options.send(prepared).then(
				(response) => ({ response, failure: undefined }),
				(failure: Error & { code?: string }) => ({ response: undefined, failure }),
			);
			const { response, failure } = outcome;
			if (failure instanceof DryRunWrite) throw failure;
			if (!response) {
				const code = failure.code;
				const repeatable = request.idempotent !== false || (code !== undefined && NEVER_SENT_CODES.has(code));
				if (code && TRANSIENT_CODES.has(code) && repeatable && attempt < this.policy.maxRetries) {
					await wait(this.backoff(attempt));
					continue;
				}
				throw new HttpError({
					vendor: this.vendor,
					status: 0,
					code,
					request: prepared,
					attempts: attempt + 1,
					message: `${this.vendor} did not answer ${prepared.method} ${new URL(prepared.url).pathname}: ${
						code === 'ETIMEDOUT' || code === 'ECONNABORTED' ? `no response within ${prepared.timeoutMs} ms` : failure.message
					}`,
				});
			}
			if (response.status < 400) return response;
			const repeatable = request.idempotent !== false || REFUSED_STATUSES.has(response.status);
			if (this.policy.retryStatuses.includes(response.status) && repeatable && attempt < this.policy.maxRetries) {
				const retryAfter = parseRetryAfter(headerValue(response, 'retry-after'));
				await wait(Math.min(retryAfter ?? this.backoff(attempt), this.policy.maxDelayMs));
				continue;
			}
			throw this.toError(prepared, response, attempt + 1);
		}
	}

	/** Exponential backoff with full jitter. */
	private backoff(attempt: number): number {
		const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** attempt);
		return Math.round(ceiling / 2 + ((this.options.random ?? Math.random)() * ceiling) / 2);
	}

	private toError(request: HttpRequest, response: HttpResponse, attempts: number): HttpError {
		const body = response.body.toString('utf8');
		const described = this.options.describeError?.(response);
		return new HttpError({
			vendor: this.vendor,
			status: response.status,
			request,
			vendorBody: body,
			attempts,
			message: `${this.vendor} answered HTTP ${response.status} to ${request.method} ${new URL(request.url).pathname}${
				described ? `: ${described}` : ''
			}`,
		});
	}
}
