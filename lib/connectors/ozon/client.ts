import {
	HttpError,
	HttpTransport,
	rateLimiterFor,
	VendorError,
	type BudgetFactory,
	type HttpResponse,
	type HttpSend,
	type RetryPolicy,
} from '../../transport';
import type { OzonCancelReason, OzonErrorBody, OzonListV4Response, OzonPosting, OzonStatusResult } from './wire';

export const OZON_DEFAULT_URL = 'https://api-seller.ozon.ru';
/** Ozon allows 50 requests per second per Client-Id; rate plus burst stays under 50 in any one-second window. */
export const OZON_RATE_LIMIT = { perSecond: 45, burst: 5 };
/** The most postings /v4/posting/fbs/list returns per page. */
export const OZON_LIST_PAGE_LIMIT = 100;

export interface OzonClientOptions {
	baseUrl?: string;
	/** Not a secret; keys the shared rate limiter. The Api-Key never reaches lib: n8n's credential adds it. */
	clientId: string;
	send: HttpSend;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	pageLimit?: number;
	budget?: BudgetFactory;
}

/** The credential is wrong: Ozon answers a bad Api-Key with 404 code 5 and a bad Client-Id with 400 code 3. */
export class OzonCredentialError extends VendorError {
	constructor(message: string) {
		super('ozon', message);
		this.name = 'OzonCredentialError';
	}
}

function errorBody(response: HttpResponse | string | undefined): OzonErrorBody | undefined {
	if (response === undefined) return undefined;
	const parsed = parseJson(typeof response === 'string' ? response : response.body.toString('utf8'));
	return parsed && typeof parsed === 'object' ? (parsed as OzonErrorBody) : undefined;
}

function describeOzonError(response: HttpResponse): string | undefined {
	const body = errorBody(response);
	if (!body?.message && body?.code === undefined) return undefined;
	return `${body.message ?? 'error'} (code ${body.code ?? '?'})`;
}

/** The credential mistake a failed call reveals, if any. */
function credentialProblem(error: HttpError): string | undefined {
	const body = errorBody(error.vendorBody);
	const message = body?.message ?? '';
	if (error.status === 401 || body?.code === 16) return 'Ozon wants both a Client-Id and an Api-Key.';
	if (error.status === 404 && body?.code === 5 && /api.?key/i.test(message)) {
		return 'Ozon does not accept this Api-Key (it is wrong, deleted or expired).';
	}
	if (error.status === 400 && body?.code === 3 && /client.?id/i.test(message)) {
		return 'Ozon does not know this Client-Id.';
	}
	if (error.status === 403 || body?.code === 7) return 'This Api-Key has no rights for the FBS postings methods.';
	return undefined;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A credential mistake becomes an error that says which field to fix; anything else stays as it is. */
function withCredentialHint(error: unknown): unknown {
	const problem = error instanceof HttpError ? credentialProblem(error) : undefined;
	if (!problem) return error;
	return new OzonCredentialError(
		`${problem} Check the Client-Id and Api-Key in the Ozon credential (Ozon seller account → Settings → Seller API keys).`,
	);
}

/** Thin client of the Seller API's FBS methods; every call is a JSON POST. */
export class OzonClient {
	private readonly transport: HttpTransport;
	private readonly baseUrl: string;
	readonly pageLimit: number;

	constructor(options: OzonClientOptions) {
		this.baseUrl = (options.baseUrl || OZON_DEFAULT_URL).replace(/\/+$/, '');
		this.pageLimit = Math.min(options.pageLimit ?? OZON_LIST_PAGE_LIMIT, OZON_LIST_PAGE_LIMIT);
		this.transport = new HttpTransport({
			vendor: 'ozon',
			send: options.send,
			timeoutMs: options.timeoutMs,
			retry: options.retry,
			rateLimiter: (options.budget ?? rateLimiterFor)(`ozon:${options.clientId}`, OZON_RATE_LIMIT),
			describeError: describeOzonError,
		});
	}

	/** Ozon's reads are POSTs too: `readOnly` marks them, so a dry run still sends them. */
	async call<T>(path: string, body: unknown = {}, readOnly = false): Promise<T> {
		const outcome = await this.transport
			.request({
				method: 'POST',
				url: `${this.baseUrl}${path}`,
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify(body),
				readOnly,
			})
			.then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
		if ('error' in outcome) throw withCredentialHint(outcome.error);
		const parsed = parseJson(outcome.response.body.toString('utf8'));
		if (parsed === undefined) throw new VendorError('ozon', `Ozon answered ${path} with something that is not JSON`);
		return parsed as T;
	}

	roles(): Promise<unknown> {
		return this.call('/v1/roles', {}, true);
	}

	/** One page of postings that entered processing inside the window (cursor paging, at most 100 a page). */
	listPostings(since: string, to: string, cursor = ''): Promise<OzonListV4Response> {
		return this.call<OzonListV4Response>('/v4/posting/fbs/list', {
			filter: { since, to },
			sort_dir: 'ASC',
			cursor,
			limit: this.pageLimit,
			with: { analytics_data: true, financial_data: false },
		}, true);
	}

	async getPosting(postingNumber: string): Promise<OzonPosting> {
		const answer = await this.call<{ result?: OzonPosting }>('/v3/posting/fbs/get', {
			posting_number: postingNumber,
			with: { analytics_data: true },
		}, true);
		if (!answer.result) throw new VendorError('ozon', `Ozon sent no posting for ${postingNumber}`);
		return answer.result;
	}

	/** Packs the posting as one package and moves it to awaiting_deliver. `product_id` is the Ozon SKU. */
	async ship(postingNumber: string, products: Array<{ sku: number; quantity: number }>): Promise<void> {
		await this.call('/v4/posting/fbs/ship', {
			posting_number: postingNumber,
			packages: [{ products: products.map((p) => ({ product_id: p.sku, quantity: p.quantity })) }],
			with: { additional_data: false },
		});
	}

	async cancelPosting(postingNumber: string, reasonId: number, message?: string): Promise<void> {
		await this.call('/v2/posting/fbs/cancel', {
			posting_number: postingNumber,
			cancel_reason_id: reasonId,
			cancel_reason_message: message ?? '',
		});
	}

	async cancelProducts(postingNumber: string, items: Array<{ sku: number; quantity: number }>, reasonId: number, message?: string): Promise<void> {
		await this.call('/v2/posting/fbs/product/cancel', {
			posting_number: postingNumber,
			cancel_reason_id: reasonId,
			cancel_reason_message: message ?? '',
			items,
		});
	}

	async cancelReasons(): Promise<OzonCancelReason[]> {
		return (await this.call<{ result?: OzonCancelReason[] }>('/v2/posting/fbs/cancel-reason/list', {}, true)).result ?? [];
	}

	async setTracking(pairs: Array<{ postingNumber: string; trackingNumber: string }>): Promise<void> {
		const answer = await this.call<{ result?: OzonStatusResult[] }>('/v2/fbs/posting/tracking-number/set', {
			tracking_numbers: pairs.map((p) => ({ posting_number: p.postingNumber, tracking_number: p.trackingNumber })),
		});
		failedResults('set the tracking number of', answer.result);
	}

	/** rFBS status changes: /v2/fbs/posting/{delivering|last-mile|delivered|sent-by-seller}. */
	async setSellerStatus(endpoint: string, postingNumbers: string[]): Promise<void> {
		const answer = await this.call<{ result?: OzonStatusResult[] }>(endpoint, { posting_number: postingNumbers });
		failedResults('change the status of', answer.result);
	}
}

function failedResults(what: string, results: OzonStatusResult[] | undefined): void {
	const failed = (results ?? []).filter((r) => !r.result);
	if (failed.length > 0) {
		throw new VendorError(
			'ozon',
			`Ozon did not ${what} ${failed.map((f) => `${f.posting_number} (${(f.error ?? []).join(', ') || 'no reason given'})`).join('; ')}`,
			failed,
		);
	}
}
