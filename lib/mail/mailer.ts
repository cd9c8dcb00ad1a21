import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { safeHeaderText, type Mailbox } from './address';
import { explainSmtpError, MailError } from './errors';

export type SmtpSecurity = 'ssl' | 'starttls' | 'none';

/** The SMTP credential's connection settings. */
export interface SmtpSettings {
	host: string;
	port: number;
	security: SmtpSecurity;
	user?: string;
	password?: string;
	heloName?: string;
	allowUnauthorizedCerts?: boolean;
}

export interface MailerOptions {
	/** One pooled set of connections for the whole batch (default), or a new connection per mail */
	pool?: boolean;
	maxConnections?: number;
	/** At most this many messages a second (0: no limit) */
	perSecond?: number;
	/** Further attempts after a transient failure (4xx, dropped connection) */
	retries?: number;
	retryDelayMs?: number;
	timeoutMs?: number;
}

export interface OutgoingMail {
	from: Mailbox;
	to: Mailbox[];
	replyTo?: Mailbox;
	subject: string;
	html: string;
	text: string;
	headers?: Record<string, string>;
	attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
	/** `<id@domain>`; the same for every attempt at the same mail, so a mailbox shows a resend as one message */
	messageId?: string;
}

export interface SentMail {
	messageId: string;
	accepted: string[];
	response: string;
	attempts: number;
}

/** nodemailer's transport options for the settings; TLS is verified unless the user opted out. */
export function transportOptions(settings: SmtpSettings, options: MailerOptions = {}): SMTPPool.Options {
	const timeout = options.timeoutMs ?? 30_000;
	return {
		host: settings.host,
		port: settings.port,
		secure: settings.security === 'ssl',
		requireTLS: settings.security === 'starttls',
		ignoreTLS: settings.security === 'none',
		name: settings.heloName ? safeHeaderText(settings.heloName) : undefined,
		auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
		tls: { rejectUnauthorized: settings.allowUnauthorizedCerts !== true },
		connectionTimeout: timeout,
		greetingTimeout: timeout,
		socketTimeout: timeout * 2,
		disableFileAccess: true,
		disableUrlAccess: true,
		pool: true,
		maxConnections: options.maxConnections ?? 5,
		maxMessages: 500,
		rateLimit: options.perSecond && options.perSecond > 0 ? options.perSecond : undefined,
		rateDelta: 1000,
	};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends mails over SMTP. Pooled by default: connections are opened once and reused for the batch (nodemailer
 * sets TCP_NODELAY on them, so a message does not wait on a delayed ACK). Transient failures are retried with
 * backoff; a failure no mail can get past (login, TLS, host) makes every later send fail at once.
 */
export class Mailer {
	private transporter?: Transporter;
	private fatal?: MailError;
	/** Sends under way (at most maxConnections) and the sends waiting for one of them to finish */
	private sending = 0;
	private readonly waiting: Array<() => void> = [];
	private readonly server: { host: string; port: number; user?: string };

	constructor(
		private readonly settings: SmtpSettings,
		private readonly options: MailerOptions = {},
	) {
		this.server = { host: settings.host, port: settings.port, user: settings.user };
	}

	private transport(): Transporter {
		if (this.options.pool === false) return createTransport({ ...transportOptions(this.settings, this.options), pool: false } as never);
		this.transporter ??= createTransport(transportOptions(this.settings, this.options));
		return this.transporter;
	}

	/** Logs in (and negotiates TLS) without sending anything. */
	async verify(): Promise<void> {
		const transport = createTransport({ ...transportOptions(this.settings, this.options), pool: false } as never);
		try {
			await transport.verify();
		} catch (error) {
			throw explainSmtpError(error, this.server);
		} finally {
			transport.close();
		}
	}

	/**
	 * At most maxConnections sends at once, the others wait their turn here rather than in the pool's queue: one that
	 * finds a failure no mail gets past (a refused login) fails without trying the server again.
	 */
	async send(mail: OutgoingMail): Promise<SentMail> {
		if (this.sending < (this.options.maxConnections ?? 5)) this.sending++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await this.sendNow(mail);
		} finally {
			// The turn passes straight to the next waiting send, so none can slip in between.
			const next = this.waiting.shift();
			if (next) next();
			else this.sending--;
		}
	}

	private async sendNow(mail: OutgoingMail): Promise<SentMail> {
		if (this.fatal) throw this.fatal;
		const message = {
			from: mail.from,
			to: mail.to,
			replyTo: mail.replyTo,
			subject: safeHeaderText(mail.subject),
			html: mail.html,
			text: mail.text,
			headers: Object.fromEntries(Object.entries(mail.headers ?? {}).map(([name, value]) => [name, safeHeaderText(value)])),
			attachments: mail.attachments?.map((attachment) => ({ ...attachment, filename: safeHeaderText(attachment.filename) })),
			messageId: mail.messageId === undefined ? undefined : safeHeaderText(mail.messageId),
		};
		const retries = this.options.retries ?? 3;
		for (let attempt = 1; ; attempt++) {
			const transport = this.transport();
			try {
				const info = await transport.sendMail(message);
				return { messageId: info.messageId ?? '', accepted: (info.accepted ?? []).map(String), response: info.response ?? '', attempts: attempt };
			} catch (error) {
				const explained = explainSmtpError(error, this.server);
				if (explained.kind === 'transient' && attempt <= retries) {
					const base = (this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 1);
					await sleep(base / 2 + Math.random() * (base / 2));
					continue;
				}
				if (explained.fatal) this.fatal = explained;
				throw explained;
			} finally {
				if (this.options.pool === false) transport.close();
			}
		}
	}

	close(): void {
		this.transporter?.close();
		this.transporter = undefined;
	}
}
