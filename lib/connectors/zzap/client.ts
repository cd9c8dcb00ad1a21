import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
	HttpTransport,
	rateLimiterFor,
	sleep,
	VendorAnswerError,
	VendorError,
	type BudgetFactory,
	type HttpResponse,
	type HttpSend,
	type RetryPolicy,
} from '../../transport';
import type { ZzapAnswer, ZzapCodesTrackAnswer, ZzapPosition, ZzapSellerOrdersAnswer, ZzapStatus } from './wire';

export const ZZAP = 'zzap';
export const ZZAP_DEFAULT_URL = 'https://api.zzap.pro';
/** ZZAP publishes no limit; one request per 3 s per login is the conservative default. */
export const ZZAP_DEFAULT_INTERVAL_MS = 3000;
/** The most rows GetSellerOrdersV3 returns at once. */
export const ZZAP_MAX_ROWS = 10_000;
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

export interface ZzapClientOptions {
	baseUrl?: string;
	/** The login e-mail: not a secret, it keys the shared pacing. Password and API key are added by n8n's credential. */
	login: string;
	send: HttpSend;
	/** Milliseconds between two requests of the login (shared by every execution through the budget) */
	intervalMs?: number;
	/** How many times a "too many requests" answer is tried again */
	tooManyRetries?: number;
	rowCount?: number;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	budget?: BudgetFactory;
	wait?: (ms: number) => Promise<void>;
}

/** ZZAP refused the login, password or API key. */
export class ZzapCredentialError extends VendorError {
	constructor(message: string) {
		super(ZZAP, message);
		this.name = 'ZzapCredentialError';
	}
}

/** ZZAP refused a request for coming too soon. */
export class ZzapTooManyError extends VendorError {
	constructor(message: string) {
		super(ZZAP, message);
		this.name = 'ZzapTooManyError';
	}
}

/** A moment as ZZAP reads and writes it: Moscow time, no offset. */
export function toMoscow(ms: number): string {
	return new Date(ms + MOSCOW_OFFSET_MS).toISOString().slice(0, 19);
}

/** ZZAP's Moscow time (ISO-like or dd.mm.yyyy) as an ISO instant; undefined when unreadable. */
export function fromMoscow(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value.trim());
	const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value.trim());
	const parts = iso ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]] : ru ? [ru[3], ru[2], ru[1], ru[4], ru[5], ru[6]] : undefined;
	if (!parts) return undefined;
	const [y, mo, d, h, mi, s] = parts.map((p) => Number(p ?? 0));
	const ms = Date.UTC(y, mo - 1, d, h, mi, s) - MOSCOW_OFFSET_MS;
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, processEntities: true, htmlEntities: false });

/** The first line of a failure ASMX writes as plain text (a missing parameter, an unknown method). */
function describeAsmxError(response: HttpResponse): string | undefined {
	const line = response.body.toString('utf8').split(/\r?\n/)[0].trim();
	return line ? line.slice(0, 300) : undefined;
}

/**
 * The JSON inside ZZAP's `<string>` answer. The XML is refused unread when it declares a DOCTYPE or ENTITY, and only
 * the five XML escapes are expanded.
 */
export function decodeAnswer(method: string, body: Buffer): ZzapAnswer {
	const text = body.toString('utf8').replace(/^\uFEFF/, '');
	if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
		throw new VendorAnswerError(ZZAP, `ZZAP's answer to ${method} declares a DOCTYPE or ENTITY; it was refused unread. Check the credential URL.`);
	}
	if (!text.trimStart().startsWith('<') || /^\s*<(!doctype\s+)?html/i.test(text)) {
		throw new VendorAnswerError(ZZAP, `ZZAP answered ${method} with something that is not its XML ("${text.trim().slice(0, 60)}"). Check the credential URL.`);
	}
	const valid = XMLValidator.validate(text);
	if (valid !== true) throw new VendorAnswerError(ZZAP, `ZZAP answered ${method} with malformed XML (line ${valid.err.line}: ${valid.err.msg})`);
	const parsed = parser.parse(text) as { string?: unknown };
	const inner = typeof parsed.string === 'string' ? parsed.string : undefined;
	if (inner === undefined) throw new VendorAnswerError(ZZAP, `ZZAP's answer to ${method} has no <string> element with JSON in it`);
	const json = parseJson(inner);
	if (!json || typeof json !== 'object' || Array.isArray(json)) {
		throw new VendorAnswerError(ZZAP, `ZZAP's answer to ${method} holds something that is not a JSON object ("${inner.slice(0, 60)}")`);
	}
	return json as ZzapAnswer;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

const CREDENTIAL_WORDS = /логин|парол|api_key|api key|login|password|авториз/i;
const TOO_MANY_WORDS = /too many|слишком много|частые запросы/i;

/** Thin client of datasharing.asmx: every method is a form POST whose answer is JSON inside `<string>`. */
export class ZzapClient {
	private readonly transport: HttpTransport;
	private readonly baseUrl: string;
	private readonly tooManyRetries: number;
	private readonly intervalMs: number;
	private readonly wait: (ms: number) => Promise<void>;
	readonly rowCount: number;

	constructor(options: ZzapClientOptions) {
		this.baseUrl = (options.baseUrl || ZZAP_DEFAULT_URL).replace(/\/+$/, '');
		this.intervalMs = options.intervalMs ?? ZZAP_DEFAULT_INTERVAL_MS;
		this.tooManyRetries = options.tooManyRetries ?? 4;
		this.rowCount = Math.min(options.rowCount ?? ZZAP_MAX_ROWS, ZZAP_MAX_ROWS);
		this.wait = options.wait ?? sleep;
		const limit = { perSecond: 1000 / Math.max(this.intervalMs, 1), burst: 1 };
		this.transport = new HttpTransport({
			vendor: ZZAP,
			send: options.send,
			timeoutMs: options.timeoutMs,
			retry: options.retry,
			rateLimiter: (options.budget ?? rateLimiterFor)(`zzap:${options.login.trim().toLowerCase()}`, limit),
			describeError: describeAsmxError,
			sleep: options.wait,
		});
	}

	/** Calls a method with form fields; an `error` in the answer throws, "too many" is tried again after a pause. */
	async call<T extends ZzapAnswer>(method: string, params: Record<string, string>, idempotent = true): Promise<T> {
		for (let attempt = 0; ; attempt++) {
			const response = await this.transport.request({
				method: 'POST',
				url: `${this.baseUrl}/webservice/datasharing.asmx/${method}`,
				headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' },
				body: new URLSearchParams(params).toString(),
				idempotent,
			});
			const answer = decodeAnswer(method, response.body) as T;
			const error = String(answer.error ?? '').trim();
			if (!error) return answer;
			if (TOO_MANY_WORDS.test(error)) {
				if (attempt < this.tooManyRetries) {
					await this.wait(Math.max(this.intervalMs, 1000) * 2 ** attempt);
					continue;
				}
				throw new ZzapTooManyError(`ZZAP still refuses ${method} as too many requests after ${attempt + 1} tries: ${error}. Raise "Seconds Between Requests" in the ZZAP credential.`);
			}
			if (CREDENTIAL_WORDS.test(error)) {
				throw new ZzapCredentialError(`ZZAP refused the credential: ${error}. Check the login e-mail, password and API key (the key is issued by ZZAP support).`);
			}
			throw new VendorError(ZZAP, `ZZAP refused ${method}: ${error}`, answer);
		}
	}

	async statuses(): Promise<ZzapStatus[]> {
		return (await this.call<ZzapCodesTrackAnswer>('GetCodesTrack', {})).table ?? [];
	}

	/**
	 * Positions whose last event falls inside the window. ZZAP has no paging: when an answer is full, the window is
	 * halved until every part fits.
	 */
	async positions(fromMs: number, toMs: number, codesTrack: string[] = []): Promise<ZzapPosition[]> {
		const answer = await this.call<ZzapSellerOrdersAnswer>('GetSellerOrdersV3', {
			row_count: String(this.rowCount),
			call_data: '',
			codes_track: codesTrack.join(';'),
			date_from: toMoscow(fromMs),
			date_to: toMoscow(toMs),
		});
		const rows = answer.table ?? [];
		if (rows.length < this.rowCount) return rows;
		if (toMs - fromMs < 2000) {
			throw new VendorError(ZZAP, `ZZAP lists more than ${this.rowCount} positions with a last event at ${toMoscow(fromMs)} (Moscow); they cannot all be read`);
		}
		const middle = Math.floor((fromMs + toMs) / 2);
		const older = await this.positions(fromMs, middle, codesTrack);
		const newer = await this.positions(middle + 1000, toMs, codesTrack);
		const seen = new Set(older.map((r) => String(r.code_order)));
		return [...older, ...newer.filter((r) => !seen.has(String(r.code_order)))];
	}

	/** Sets one position's status; `response` is the text the buyer sees. Not repeated once ZZAP may have run it. */
	async setStatus(codeOrder: string, codeTrack: string, response: string): Promise<void> {
		await this.call('SetOrderStatusV3', { code_order: codeOrder, code_track: codeTrack, response, call_data: '' }, false);
	}
}
