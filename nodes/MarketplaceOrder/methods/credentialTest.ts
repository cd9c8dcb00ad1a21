import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { OrderSyncZzapApi } from '../../../credentials/OrderSyncZzapApi.credentials';
import { ZzapClient } from '../../../lib/connectors/zzap';
import { buildUrl, type HttpSend } from '../../../lib/transport';

interface RequestResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer | string | undefined;
}

/** The test's sender: n8n's request helper, authenticated by the credential type's own function. */
function testSend(context: ICredentialTestFunctions, data: ICredentialDataDecryptedObject): HttpSend {
	const credentialType = new OrderSyncZzapApi();
	return async (request) => {
		const authenticated = await credentialType.authenticate(data, { url: request.url, method: request.method, headers: request.headers, body: request.body?.toString() });
		const response = (await context.helpers.request({
			uri: buildUrl(request.url, request.qs),
			method: request.method,
			headers: authenticated.headers,
			body: authenticated.body,
			encoding: null,
			resolveWithFullResponse: true,
			simple: false,
			timeout: request.timeoutMs,
			rejectUnauthorized: data.allowUnauthorizedCerts !== true,
		})) as RequestResponse;
		const body = response.body;
		return { status: response.statusCode, headers: response.headers ?? {}, body: Buffer.isBuffer(body) ? body : Buffer.from(body ?? '') };
	};
}

/**
 * GetCodesTrack with the credential: ZZAP answers a wrong login, password or key with HTTP 200 and an `error`
 * inside the XML, which only reading the answer reveals.
 */
export async function zzapConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		const client = new ZzapClient({
			baseUrl: String(data.url ?? ''),
			login: String(data.login ?? ''),
			send: testSend(this, data),
			intervalMs: 0,
			tooManyRetries: 0,
			timeoutMs: 20_000,
			retry: { maxRetries: 0 },
		});
		const statuses = await client.statuses();
		return { status: 'OK', message: `Connected; the account has ${statuses.length} order statuses` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
