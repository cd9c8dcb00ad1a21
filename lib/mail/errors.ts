/** What nodemailer's errors carry besides the message. */
interface SmtpFailure {
	message?: string;
	code?: string;
	responseCode?: number;
	command?: string;
	response?: string;
}

export type MailFailureKind = 'auth' | 'tls' | 'unreachable' | 'recipient' | 'transient' | 'rejected' | 'address' | 'config';

/**
 * A mail that could not go out, with a message that names the reason and a hint that names the fix.
 * `permanent` means trying the same mail again will fail the same way; `fatal` means no mail over this
 * connection setting can succeed (login, TLS, host), so the rest of a batch fails at once.
 */
export class MailError extends Error {
	constructor(
		message: string,
		readonly kind: MailFailureKind,
		readonly hint: string,
		readonly smtp: { code?: string; responseCode?: number; command?: string } = {},
	) {
		super(message);
		this.name = 'MailError';
	}

	get permanent(): boolean {
		return this.kind !== 'transient' && this.kind !== 'unreachable';
	}

	get fatal(): boolean {
		return this.kind === 'auth' || this.kind === 'tls' || this.kind === 'unreachable' || this.kind === 'config';
	}
}

/** True for what a later attempt may get through: 4xx replies and dropped or timed-out connections. */
export function isTransientSmtpError(error: SmtpFailure): boolean {
	if (error.responseCode !== undefined) return error.responseCode >= 400 && error.responseCode < 500;
	return error.code === 'ECONNECTION' || error.code === 'ETIMEDOUT' || (error.code === 'ESOCKET' && /ECONNRESET|EPIPE/.test(error.message ?? ''));
}

const CERTIFICATE = /certificate|self[- ]signed|unable to verify|CERT_|altnames/i;
const TLS_MISMATCH = /wrong version number|unknown protocol|packet length too long|EPROTO|ssl3_get_record|tls_validate_record_header/i;
const UNREACHABLE = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|getaddrinfo/i;

/** Turns a nodemailer error into a MailError saying what went wrong and what to change. */
export function explainSmtpError(error: unknown, server: { host: string; port: number; user?: string }): MailError {
	const failure = (error ?? {}) as SmtpFailure;
	const reason = (failure.message ?? String(error)).trim();
	const smtp = { code: failure.code, responseCode: failure.responseCode, command: failure.command };
	const where = `${server.host}:${server.port}`;
	if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH') {
		return new MailError(
			`The SMTP server ${where} refused the login${server.user ? ` of user "${server.user}"` : ''}: ${reason}`,
			'auth',
			'Check the user and password in the SMTP credential (some providers need an app password), or clear the user if the server needs no login.',
			smtp,
		);
	}
	if (CERTIFICATE.test(reason)) {
		return new MailError(
			`The TLS certificate of the SMTP server ${where} is not trusted: ${reason}`,
			'tls',
			'Install a certificate from a trusted authority on the server, or turn on "Ignore Certificate Errors" in the credential if you trust this server.',
			smtp,
		);
	}
	if (TLS_MISMATCH.test(reason) || failure.code === 'ETLS' || /Greeting never received/i.test(reason)) {
		return new MailError(
			`TLS did not match between n8n and the SMTP server ${where}: ${reason}`,
			'tls',
			'Set Security to match the port: SSL/TLS for port 465, STARTTLS for 587 (and usually 25), None only for servers without encryption.',
			smtp,
		);
	}
	if (failure.code === 'EDNS' || UNREACHABLE.test(reason) || (failure.code === 'ETIMEDOUT' && failure.command === 'CONN')) {
		return new MailError(
			`Could not reach the SMTP server ${where}: ${reason}`,
			'unreachable',
			'Check the host and port in the SMTP credential, and that this n8n machine may connect out to that port.',
			smtp,
		);
	}
	if (isTransientSmtpError(failure)) {
		return new MailError(`The SMTP server ${where} refused the mail for now: ${reason}`, 'transient', 'The server asked to try again later; the next run retries this mail.', smtp);
	}
	if (failure.code === 'EENVELOPE' && failure.command === 'RCPT TO') {
		return new MailError(`The SMTP server refused the recipient: ${reason}`, 'recipient', "Check the recipient's e-mail address in the order.", smtp);
	}
	if (failure.code === 'ECONFIG') {
		return new MailError(`The SMTP settings are not usable: ${reason}`, 'config', 'Check the SMTP credential.', smtp);
	}
	return new MailError(`The SMTP server ${where} refused the mail: ${reason}`, 'rejected', "See the server's reply in the message; it is permanent, so fix the cause before the next run.", smtp);
}
