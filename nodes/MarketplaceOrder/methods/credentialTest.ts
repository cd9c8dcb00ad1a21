import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { OrderSyncZzapApi } from '../../../credentials/OrderSyncZzapApi.credentials';
import { ZzapClient } from '../../../lib/connectors/zzap';
import { credentialTestSend } from '../../shared/credential-test';

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
			send: credentialTestSend(this, new OrderSyncZzapApi(), data),
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
