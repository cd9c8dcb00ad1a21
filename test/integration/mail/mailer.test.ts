import * as net from 'node:net';
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { Mailer, MailError, mailbox, type OutgoingMail, type SmtpSettings } from '../../../lib/mail';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { selfSignedCert, startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';

const message = (to: string, subject = 'Hello'): OutgoingMail => ({
	from: mailbox('orders@shop.example', 'Shop'),
	to: [mailbox(to)],
	subject,
	html: '<p>Hi</p>',
	text: 'Hi',
});

const failure = (promise: Promise<unknown>) =>
	promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(error: unknown) => error as MailError,
	);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('Mailer against a real SMTP server', () => {
	let sink: SmtpSink | undefined;
	afterEach(async () => {
		await sink?.close();
		sink = undefined;
	});
	const settings = (port: number, extra: Partial<SmtpSettings> = {}): SmtpSettings => ({
		host: '127.0.0.1',
		port,
		security: 'none',
		...extra,
	});

	test('STARTTLS with a self-signed certificate is refused unless certificate errors are ignored', async () => {
		sink = await startSmtpSink({ starttlsCert: selfSignedCert(), auth: { user: 'u', pass: 'p' } });
		const strict = new Mailer(settings(sink.port, { security: 'starttls', user: 'u', password: 'p' }), { retries: 0 });
		const refused = await failure(strict.send(message('a@example.com')));
		expect(refused).toBeInstanceOf(MailError);
		expect(refused.kind).toBe('tls');
		expect(refused.message).toMatch(/TLS certificate of the SMTP server 127\.0\.0\.1:\d+ is not trusted: self-signed certificate/);
		expect(refused.hint).toContain('Ignore Certificate Errors');
		// a fatal failure fails the rest of the batch at once, without another connection
		const connections = sink.stats.connections;
		await expect(strict.send(message('b@example.com'))).rejects.toBe(refused);
		expect(sink.stats.connections).toBe(connections);
		strict.close();

		const trusting = new Mailer(settings(sink.port, { security: 'starttls', user: 'u', password: 'p', allowUnauthorizedCerts: true }));
		await trusting.send(message('a@example.com'));
		trusting.close();
		const [mail] = await sink.waitFor(1);
		expect(mail.secure).toBe(true);
		expect(mail.authenticatedAs).toBe('u');
		expect(sink.messages).toHaveLength(1);
	});

	test('SSL/TLS from the first byte, and SSL/TLS against a plain port reported as a TLS mismatch', async () => {
		sink = await startSmtpSink({ secure: true });
		const mailer = new Mailer(settings(sink.port, { security: 'ssl', allowUnauthorizedCerts: true }));
		await mailer.send(message('a@example.com'));
		mailer.close();
		expect((await sink.waitFor(1))[0].secure).toBe(true);

		const plain = await startSmtpSink();
		const mismatch = await failure(new Mailer(settings(plain.port, { security: 'ssl' }), { timeoutMs: 3000 }).verify());
		await plain.close();
		expect(mismatch.kind).toBe('tls');
		expect(mismatch.message).toContain('TLS did not match');
		expect(mismatch.hint).toContain('SSL/TLS for port 465, STARTTLS for 587');
	});

	test('a refused login says so and names the user', async () => {
		sink = await startSmtpSink({ auth: { user: 'shop', pass: 'right' } });
		const error = await failure(new Mailer(settings(sink.port, { user: 'shop', password: 'wrong' })).send(message('a@example.com')));
		expect(error.kind).toBe('auth');
		expect(error.message).toMatch(/refused the login of user "shop": Invalid login: 535/);
		expect(error.message).not.toContain('wrong');
		expect(error.hint).toContain('user and password');
	});

	test('a transient 451 is retried; a permanent 550 is not', async () => {
		sink = await startSmtpSink({ tempFail: 2, failRecipients: ['gone@example.com'] });
		const mailer = new Mailer(settings(sink.port), { retries: 3, retryDelayMs: 10 });
		const sent = await mailer.send(message('a@example.com'));
		expect(sent.attempts).toBe(3);
		expect(sink.stats.tempFailed).toBe(2);
		const refused = await failure(mailer.send(message('gone@example.com')));
		expect(refused.kind).toBe('recipient');
		expect(refused.smtp.responseCode).toBe(550);
		expect(refused.permanent).toBe(true);
		// a recipient failure is not fatal: the next mail goes out
		await mailer.send(message('b@example.com'));
		mailer.close();
		expect((await sink.waitFor(2)).map((m) => m.envelope.to[0])).toEqual(['a@example.com', 'b@example.com']);
	});

	test('4xx beyond the retries is reported as transient, so the caller releases it for the next run', async () => {
		sink = await startSmtpSink({ tempFail: 10 });
		const error = await failure(new Mailer(settings(sink.port), { retries: 1, retryDelayMs: 5 }).send(message('a@example.com')));
		expect(error.kind).toBe('transient');
		expect(error.permanent).toBe(false);
		expect(sink.stats.tempFailed).toBe(2);
	});

	test('the pool reuses its connections for a batch; one transport per mail opens one each', async () => {
		sink = await startSmtpSink({ auth: { user: 'u', pass: 'p' }, parse: false });
		const pooled = new Mailer(settings(sink.port, { user: 'u', password: 'p' }), { maxConnections: 3 });
		await Promise.all(Array.from({ length: 30 }, (_, i) => pooled.send(message(`p${i}@example.com`))));
		pooled.close();
		expect(sink.stats.connections).toBeLessThanOrEqual(3);
		const before = sink.stats.connections;
		const single = new Mailer(settings(sink.port, { user: 'u', password: 'p' }), { pool: false });
		for (let i = 0; i < 5; i++) await single.send(message(`s${i}@example.com`));
		expect(sink.stats.connections - before).toBe(5);
		expect((await sink.waitFor(35)).length).toBe(35);
	});

	test('pooled client sockets run with TCP_NODELAY (nodemailer sets it; we rely on it for speed)', async () => {
		sink = await startSmtpSink({ parse: false });
		const spy = jest.spyOn(net.Socket.prototype, 'setNoDelay');
		try {
			const pooled = new Mailer(settings(sink.port), { maxConnections: 2 });
			await Promise.all([pooled.send(message('a@example.com')), pooled.send(message('b@example.com'))]);
			pooled.close();
			const clientSockets = spy.mock.contexts.filter((socket) => (socket as net.Socket).remotePort === sink!.port);
			expect(clientSockets.length).toBeGreaterThanOrEqual(1);
			expect(spy.mock.calls.every(([noDelay]) => noDelay !== false)).toBe(true);
		} finally {
			spy.mockRestore();
		}
	});

	test('the messages-per-second limit spaces the sends', async () => {
		sink = await startSmtpSink({ parse: false });
		const limited = new Mailer(settings(sink.port), { perSecond: 10, maxConnections: 2 });
		const started = Date.now();
		await Promise.all(Array.from({ length: 15 }, (_, i) => limited.send(message(`r${i}@example.com`))));
		limited.close();
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	test('an unreachable host is reported with host and port', async () => {
		const port = await closedPort();
		const error = await failure(new Mailer(settings(port)).verify());
		expect(error.kind).toBe('unreachable');
		expect(error.message).toContain(`Could not reach the SMTP server 127.0.0.1:${port}`);
		expect(error.message).toContain('ECONNREFUSED');
	});
});

describe('credential test (testedBy)', () => {
	const test_ = new NotifyCustomer().methods.credentialTest.smtpConnectionTest;
	const run = (data: Record<string, unknown>) =>
		test_.call({} as ICredentialTestFunctions, { id: '1', name: 'smtp', type: 'orderSyncSmtpApi', data } as ICredentialsDecrypted);
	const base = { host: '127.0.0.1', security: 'starttls', fromEmail: 'orders@shop.example', user: 'u', password: 'p' };

	test('OK, auth refused, certificate not trusted, host unreachable', async () => {
		const sink = await startSmtpSink({ starttlsCert: selfSignedCert(), auth: { user: 'u', pass: 'p' } });
		try {
			expect(await run({ ...base, port: sink.port, allowUnauthorizedCerts: true })).toEqual({ status: 'OK', message: 'Connection successful' });
			const auth = await run({ ...base, port: sink.port, allowUnauthorizedCerts: true, password: 'bad' });
			expect(auth.status).toBe('Error');
			expect(auth.message).toContain('refused the login of user "u"');
			const tls = await run({ ...base, port: sink.port });
			expect(tls.message).toContain('is not trusted: self-signed certificate');
			expect(tls.message).toContain('Ignore Certificate Errors');
		} finally {
			await sink.close();
		}
		const unreachable = await run({ ...base, port: await closedPort() });
		expect(unreachable.message).toContain('Could not reach the SMTP server');
		const badFrom = await run({ ...base, port: 25, fromEmail: 'not an address' });
		expect(badFrom.message).toContain("Invalid e-mail address \"not an address\" in the SMTP credential's From Email");
	});
});
