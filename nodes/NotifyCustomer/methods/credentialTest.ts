import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { Mailer, MailError } from '../../../lib/mail';
import { smtpAccount } from '../actions/smtp';

/** Connects, negotiates TLS and logs in with nodemailer's verify(); the message says why it failed and what to change. */
export async function smtpConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const account = smtpAccount(credential.data ?? {});
		await new Mailer(account.settings, { timeoutMs: 15_000 }).verify();
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const hint = error instanceof MailError ? ` ${error.hint}` : '';
		return { status: 'Error', message: `${(error as Error).message}.${hint}` };
	}
}
