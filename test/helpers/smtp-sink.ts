/**
 * A loopback SMTP server that keeps every mail it accepts, parsed with mailparser. Used by the mail tests, the
 * notify benchmark, the e2e harness and the demo's mail catcher. Runs from plain Node via tsx:
 *   npx tsx test/helpers/smtp-sink.ts [--port 2525] [--user u --pass p]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface TlsPair {
	key: string;
	cert: string;
}

export interface SmtpSinkOptions {
	/** Fixed port; a free one when absent */
	port?: number;
	host?: string;
	/** Implicit TLS from the first byte (SMTPS, port 465 style), with `starttlsCert` or a generated certificate */
	secure?: boolean;
	/** Offer STARTTLS with this certificate; without it (and without `secure`) STARTTLS is not offered */
	starttlsCert?: TlsPair;
	/** Require AUTH with this user and password */
	auth?: { user: string; pass: string };
	/** Recipients refused permanently with 550 at RCPT TO */
	failRecipients?: string[] | ((address: string) => boolean);
	/** Answer this many RCPT TO commands with a transient 451 before accepting */
	tempFail?: number;
	/** Parse each mail with mailparser (default true); off, a mail has only envelope, raw, authenticatedAs and secure */
	parse?: boolean;
	/** Look up the client's host name by reverse DNS before greeting, as most real servers do (default false) */
	reverseLookup?: boolean;
}

/** A mail as mailparser reads it (subject, from, to, html, text, attachments, headers…), with the SMTP envelope. */
export type ReceivedMail = ParsedMail & {
	envelope: { from: string; to: string[] };
	/** The bytes received after DATA */
	raw: Buffer;
	authenticatedAs?: string;
	/** The name the client gave in EHLO/HELO */
	helo: string;
	/** Whether the session was TLS (SSL/TLS or after STARTTLS) */
	secure: boolean;
};

export interface SmtpSink {
	host: string;
	port: number;
	messages: ReceivedMail[];
	/** Connections opened so far, and the RCPT TO commands answered with 451 */
	stats: { connections: number; tempFailed: number; authFailures: number };
	/** Resolves once `count` mails were received (rejects after `timeoutMs`) */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

let generated: TlsPair | undefined;

/** A throwaway self-signed certificate for localhost/127.0.0.1, made by openssl for this process only. */
export function selfSignedCert(): TlsPair {
	if (generated) return generated;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-sink-'));
	const keyFile = path.join(dir, 'key.pem');
	const certFile = path.join(dir, 'cert.pem');
	try {
		execFileSync(
			'openssl',
			[
				'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
				'-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
				'-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
			],
			{ stdio: 'pipe' },
		);
		generated = { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
		return generated;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function smtpError(message: string, responseCode: number): Error {
	return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
	const host = options.host ?? '127.0.0.1';
	const messages: ReceivedMail[] = [];
	const stats = { connections: 0, tempFailed: 0, authFailures: 0 };
	const waiters: Array<{ count: number; resolve: (mails: ReceivedMail[]) => void }> = [];
	const refused =
		typeof options.failRecipients === 'function'
			? options.failRecipients
			: (address: string) => (options.failRecipients as string[] | undefined)?.includes(address.toLowerCase()) ?? false;
	let tempFailuresLeft = options.tempFail ?? 0;
	const tls = options.starttlsCert ?? (options.secure ? selfSignedCert() : undefined);

	const deliver = (mail: ReceivedMail) => {
		messages.push(mail);
		for (const waiter of [...waiters]) {
			if (messages.length >= waiter.count) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(messages.slice());
			}
		}
	};

	const serverOptions: SMTPServerOptions = {
		secure: options.secure === true,
		key: tls?.key,
		cert: tls?.cert,
		disabledCommands: [...(tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
		authOptional: !options.auth,
		allowInsecureAuth: true,
		logger: false,
		disableReverseLookup: options.reverseLookup !== true,
		banner: 'order-sync test sink',
		size: 30 * 1024 * 1024,
		onConnect(_session, callback) {
			stats.connections++;
			callback();
		},
		onAuth(auth, _session, callback) {
			if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
				callback(null, { user: auth.username });
				return;
			}
			stats.authFailures++;
			callback(smtpError('Invalid username or password', 535));
		},
		onRcptTo(address, _session, callback) {
			if (tempFailuresLeft > 0) {
				tempFailuresLeft--;
				stats.tempFailed++;
				callback(smtpError('Mailbox busy, try again later', 451));
				return;
			}
			if (refused(address.address.toLowerCase())) {
				callback(smtpError(`Mailbox ${address.address} does not exist`, 550));
				return;
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('error', callback);
			stream.on('end', () => {
				const raw = Buffer.concat(chunks);
				const received = {
					envelope: {
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
					},
					raw,
					authenticatedAs: typeof session.user === 'string' ? session.user : undefined,
					helo: session.hostNameAppearsAs,
					secure: session.secure,
				};
				callback();
				if (options.parse === false) {
					deliver(received as ReceivedMail);
					return;
				}
				simpleParser(raw, (error, parsed) => {
					if (error) throw error;
					deliver({ ...parsed, ...received });
				});
			});
		},
	};
	const server = new SMTPServer(serverOptions);
	const sockets = new Set<Socket>();
	server.server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		// Replies go out as written, as from a server that sends its pipelined replies together (Postfix does),
		// instead of waiting on Nagle for the client's delayed ACK.
		socket.setNoDelay(true);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.removeListener('error', reject);
			resolve();
		});
	});
	server.on('error', () => undefined);
	const { port } = server.server.address() as AddressInfo;

	return {
		host,
		port,
		messages,
		stats,
		waitFor(count, timeoutMs = 5000) {
			if (messages.length >= count) return Promise.resolve(messages.slice());
			return new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`smtp sink: ${messages.length} of ${count} mails after ${timeoutMs} ms`)),
					timeoutMs,
				);
				waiters.push({
					count,
					resolve: (mails) => {
						clearTimeout(timer);
						resolve(mails);
					},
				});
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

if (require.main === module) {
	const arg = (name: string) => {
		const index = process.argv.indexOf(`--${name}`);
		return index > 0 ? process.argv[index + 1] : undefined;
	};
	const user = arg('user');
	startSmtpSink({
		port: Number(arg('port') ?? 2525),
		auth: user ? { user, pass: arg('pass') ?? '' } : undefined,
	}).then((sink) => {
		console.log(`SMTP sink listening on ${sink.host}:${sink.port}`);
		let shown = 0;
		setInterval(() => {
			for (; shown < sink.messages.length; shown++) {
				const { envelope, subject, attachments } = sink.messages[shown];
				console.log(JSON.stringify({ to: envelope.to, subject, attachments: attachments.length }));
			}
		}, 200);
		process.on('SIGINT', () => void sink.close().then(() => process.exit(0)));
	});
}
