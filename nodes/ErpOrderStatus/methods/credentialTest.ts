import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { OrderSyncPohodaApi } from '../../../credentials/OrderSyncPohodaApi.credentials';
import { PohodaClient } from '../../../lib/connectors/pohoda';
import { credentialTestSend } from '../../shared/credential-test';
import { HOME_CURRENCY_FIX, homeCurrencyOf } from '../actions/shared';

/**
 * GET /status?companyDetail: reports the company and accounting year reached, and an IČO that does not match.
 * A Home Currency that is no currency code is reported first: every order import would stop on it.
 */
export async function pohodaConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const ico = String(data.ico ?? '').trim();
	if (!homeCurrencyOf(data)) return { status: 'Error', message: `Home Currency "${String(data.homeCurrency)}" is not a currency code. ${HOME_CURRENCY_FIX}` };
	try {
		const client = new PohodaClient({
			url: String(data.url ?? ''),
			ico,
			application: String(data.application ?? ''),
			send: credentialTestSend(this, new OrderSyncPohodaApi(), data),
			timeoutMs: 20_000,
			retry: { maxRetries: 0 },
		});
		const status = await client.status();
		const unit = `${status.company ?? 'unknown company'} (IČO ${status.ico ?? '?'}), accounting year ${status.year ?? '?'}`;
		if (status.ico && ico && status.ico.replace(/\s/g, '') !== ico.replace(/\s/g, '')) {
			return {
				status: 'Error',
				message: `mServer serves ${unit}, but the credential's IČO is ${ico}. Fix the IČO or open the right company in mServer.`,
			};
		}
		return { status: 'OK', message: `Connected to ${unit}` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
