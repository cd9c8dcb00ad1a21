import { NodeOperationError, type ICredentialDataDecryptedObject, type IExecuteFunctions, type INode } from 'n8n-workflow';
import { checkAddress, InvalidAddressError, MailError, mailbox, UnknownPlaceholderError, type Mailbox, type SmtpSecurity, type SmtpSettings } from '../../../lib/mail';
import { toNodeError, whereOf, type ErrorContext } from '../../shared/errors';

const SMTP_CREDENTIAL = 'orderSyncSmtpApi';

export interface SmtpAccount {
	settings: SmtpSettings;
	from: Mailbox;
	fromName: string;
}

/** The credential's fields as the mailer takes them; the From address must be valid. */
export function smtpAccount(data: ICredentialDataDecryptedObject): SmtpAccount {
	const security = ['ssl', 'starttls', 'none'].includes(String(data.security)) ? (data.security as SmtpSecurity) : 'starttls';
	const fromName = String(data.fromName ?? '').trim();
	return {
		settings: {
			host: String(data.host ?? '').trim(),
			port: Number(data.port) || (security === 'ssl' ? 465 : 587),
			security,
			user: String(data.user ?? '').trim() || undefined,
			password: String(data.password ?? ''),
			heloName: String(data.heloName ?? '').trim() || undefined,
			allowUnauthorizedCerts: data.allowUnauthorizedCerts === true,
		},
		from: mailbox(checkAddress(data.fromEmail, "the SMTP credential's From Email"), fromName),
		fromName,
	};
}

export async function readSmtpAccount(context: IExecuteFunctions): Promise<SmtpAccount> {
	const data = await context.getCredentials(SMTP_CREDENTIAL);
	try {
		return smtpAccount(data);
	} catch (error) {
		throw asNodeError(context.getNode(), error, {});
	}
}

/** n8n's error for what the mail code throws, naming the order and event and the fix. */
export function asNodeError(node: INode, error: unknown, context: ErrorContext) {
	const suffix = whereOf(context);
	if (error instanceof MailError || error instanceof UnknownPlaceholderError) {
		return new NodeOperationError(node, `${error.message}${suffix}`, { itemIndex: context.itemIndex, description: error.hint });
	}
	if (error instanceof InvalidAddressError) {
		return new NodeOperationError(node, `${error.message}${suffix}`, {
			itemIndex: context.itemIndex,
			description: `Correct the address in ${error.field}; one plain address such as name@example.com.`,
		});
	}
	return toNodeError(node, error, context);
}
