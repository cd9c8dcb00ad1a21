import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { dryRunSend, type HttpSend } from '../../lib/transport';

export type RequestContext =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer | ArrayBuffer | string | undefined;
}

/** Node's error code of a failed request (ECONNRESET, ETIMEDOUT, a certificate's…), which lib's retries and messages need. */
function errorCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; httpCode?: unknown; cause?: { code?: unknown } };
	// n8n wraps a failed request in a NodeApiError, which keeps that code only as its httpCode.
	const wrapped = typeof e.httpCode === 'string' && !/^\d+$/.test(e.httpCode) ? e.httpCode : undefined;
	const code = e.code ?? e.cause?.code ?? wrapped;
	return typeof code === 'string' ? code : undefined;
}

function toBuffer(body: FullResponse['body']): Buffer {
	if (body === undefined) return Buffer.alloc(0);
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * The lib transport's sender, made of n8n's own request helper: the credential type authenticates each request,
 * so no secret passes through lib. Any HTTP status resolves; only a missing answer rejects, keeping its code.
 */
export function n8nSend(
	context: RequestContext,
	credentialType: string,
	options: { allowUnauthorizedCerts?: boolean } = {},
): HttpSend {
	return async (request) => {
		const httpOptions: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: request.qs,
			headers: request.headers,
			body: request.body,
			timeout: request.timeoutMs,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: options.allowUnauthorizedCerts === true,
		};
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				credentialType,
				httpOptions,
			)) as FullResponse;
			return { status: response.statusCode, headers: response.headers ?? {}, body: toBuffer(response.body) };
		} catch (error) {
			throw Object.assign(new Error((error as Error).message), { code: errorCode(error) });
		}
	};
}

/**
 * The credential's fields and a sender it authenticates, verifying TLS unless the credential opts out. In a dry run
 * the sender sends reads only and stops at the first write (lib/transport/dry-run.ts).
 */
export async function credentialSend(
	context: RequestContext,
	credentialType: string,
	options: { dryRun?: boolean } = {},
): Promise<{ credentials: ICredentialDataDecryptedObject; send: HttpSend }> {
	const credentials = await context.getCredentials(credentialType);
	const send = n8nSend(context, credentialType, { allowUnauthorizedCerts: credentials.allowUnauthorizedCerts === true });
	return { credentials, send: options.dryRun ? dryRunSend(send) : send };
}
