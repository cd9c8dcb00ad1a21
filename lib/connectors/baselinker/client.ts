import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { HttpTransport, rateLimiterFor, sleep, VendorError, type BudgetFactory, type HttpSend, type RetryPolicy } from '../../transport';
import type { BlAnswer } from './wire';

export const VENDOR = 'baselinker';
export const BASELINKER_DEFAULT_URL = 'https://api.baselinker.com/connector.php';
/** BaseLinker blocks a token past 100 requests a minute; the default budget leaves room for the merchant's other tools. */
export const BASELINKER_DEFAULT_PER_MINUTE = 90;
export const BASELINKER_LIMIT_PER_MINUTE = 100;
/** How often one call waits out a block before giving up. */
const MAX_BLOCK_WAITS = 3;
/** A block longer than this fails the call instead of holding the execution. */
const MAX_BLOCK_WAIT_MS = 15 * 60_000;

/** The key of a token's shared budget: a hash, so the token itself never reaches the state store or a log. */
export function baseLinkerAccountKey(token: string): string {
	return createHash('sha256').update(`baselinker:${token}`).digest('hex').slice(0, 24);
}

/** BaseLinker answered `status: ERROR`; `code` is its error_code. */
export class BaseLinkerError extends VendorError {
	constructor(
		readonly method: string,
		readonly code: string,
		message: string,
	) {
		super(VENDOR, message, { method, code });
		this.name = 'BaseLinkerError';
	}
}

/** "Token blocked until 2026-12-07 12:03:04": the time is the account's local time (Europe/Warsaw), no zone written. */
export function blockedUntil(message: string | undefined, now = Date.now()): number | undefined {
	const match = /(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)/.exec(message ?? '');
	if (!match) return undefined;
	const text = match[1].replace('T', ' ');
	const parsed = DateTime.fromFormat(text, text.length === 16 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm:ss', { zone: 'Europe/Warsaw' });
	return parsed.isValid ? Math.max(parsed.toMillis(), now) : undefined;
}

export interface BaseLinkerClientOptions {
	url?: string;
	/** n8n's sender: the credential adds X-BLToken */
	send: HttpSend;
	/** baseLinkerAccountKey(token): keys the budget shared by every user of the token */
	accountKey: string;
	/** Requests a minute this package may make with the token (default 90 of BaseLinker's 100) */
	perMinute?: number;
	budget?: BudgetFactory;
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
}

/** connector.php: every call a form POST of `method` and JSON `parameters`, paced by the token's shared budget. */
export class BaseLinkerClient {
	private readonly transport: HttpTransport;
	private readonly url: string;
	private readonly wait: (ms: number) => Promise<void>;
	private readonly now: () => number;
	/** Blocks waited out, for benchmarks and logs */
	blocks = 0;

	constructor(options: BaseLinkerClientOptions) {
		this.url = options.url || BASELINKER_DEFAULT_URL;
		this.wait = options.sleep ?? sleep;
		this.now = options.now ?? Date.now;
		const perMinute = options.perMinute ?? BASELINKER_DEFAULT_PER_MINUTE;
		if (!(perMinute > 0)) throw new VendorError(VENDOR, `The BaseLinker request budget must be a positive number of requests a minute, not ${perMinute}`);
		this.transport = new HttpTransport({
			vendor: VENDOR,
			send: options.send,
			timeoutMs: options.timeoutMs,
			retry: options.retry,
			sleep: options.sleep,
			rateLimiter: (options.budget ?? rateLimiterFor)(`baselinker:${options.accountKey}`, { perSecond: perMinute / 60, burst: 1 }),
		});
	}

	/** One API call; waits out a token block (up to the time BaseLinker names) and tries again. */
	async call<T extends object>(method: string, parameters: Record<string, unknown> = {}, options: { idempotent?: boolean } = {}): Promise<T> {
		const answer = await this.callOrEmpty<T>(method, parameters, options);
		if (answer === undefined) throw new BaseLinkerError(method, 'EMPTY_ANSWER', `BaseLinker sent an empty answer to ${method}`);
		return answer;
	}

	/** Like call(), but an empty answer (getJournalList while the journal is off) resolves to undefined. */
	async callOrEmpty<T extends object>(method: string, parameters: Record<string, unknown> = {}, options: { idempotent?: boolean } = {}): Promise<T | undefined> {
		for (let waits = 0; ; waits++) {
			const answer = await this.send<T>(method, parameters, options.idempotent);
			if (answer === undefined || answer.status === 'SUCCESS') return answer;
			const code = answer.error_code ?? 'UNKNOWN';
			if (code === 'ERROR_BLOCKED_TOKEN') {
				const until = blockedUntil(answer.error_message, this.now()) ?? this.now() + 60_000;
				const waitMs = until - this.now() + 1000;
				if (waits < MAX_BLOCK_WAITS && waitMs <= MAX_BLOCK_WAIT_MS) {
					this.blocks++;
					await this.wait(waitMs);
					continue;
				}
				throw new BaseLinkerError(method, code, `BaseLinker blocked the token (${answer.error_message ?? 'no time given'}); lower the request budget in the BaseLinker credential if other tools share the token`);
			}
			throw new BaseLinkerError(method, code, describe(method, code, answer.error_message));
		}
	}

	/** The raw answer; undefined for an empty body (what getJournalList sends when the journal is off). */
	async send<T extends object>(method: string, parameters: Record<string, unknown>, idempotent = true): Promise<(BlAnswer & T) | undefined> {
		// URLSearchParams writes `+` as %2B, so base64 files survive the form encoding.
		const body = new URLSearchParams({ method, parameters: JSON.stringify(parameters) }).toString();
		const response = await this.transport.request({
			method: 'POST',
			url: this.url,
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
			body,
			idempotent,
		});
		const text = response.body.toString('utf8').trim();
		if (!text) return undefined;
		const parsed = parseJson(text);
		if (!parsed || typeof parsed !== 'object') throw new BaseLinkerError(method, 'NOT_JSON', `BaseLinker answered ${method} with something that is not JSON: ${text.slice(0, 120)}`);
		return parsed as BlAnswer & T;
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function describe(method: string, code: string, message: string | undefined): string {
	const said = `BaseLinker refused ${method}: ${message ?? 'no reason given'} (${code})`;
	if (/TOKEN/.test(code)) return `${said}. Check the API token in the BaseLinker credential (BaseLinker → My account → API).`;
	return said;
}
