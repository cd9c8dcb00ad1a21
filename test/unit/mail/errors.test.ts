import { explainSmtpError, isTransientSmtpError } from '../../../lib/mail';

const server = { host: 'smtp.example', port: 587, user: 'shop' };

describe('explainSmtpError', () => {
	// The shapes are those nodemailer produced against the loopback server (see test/integration/mail).
	test.each([
		[{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', message: 'Invalid login: 535 no' }, 'auth', true],
		[{ code: 'ESOCKET', command: 'CONN', message: 'self-signed certificate' }, 'tls', true],
		[{ code: 'ESOCKET', command: 'CONN', message: 'unable to verify the first certificate' }, 'tls', true],
		[{ code: 'ESOCKET', command: 'CONN', message: 'ssl3_get_record:wrong version number' }, 'tls', true],
		[{ code: 'ETLS', responseCode: 500, command: 'STARTTLS', message: 'Error upgrading connection with STARTTLS' }, 'tls', true],
		[{ code: 'ETIMEDOUT', command: 'CONN', message: 'Greeting never received' }, 'tls', true],
		[{ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'unreachable', true],
		[{ code: 'EDNS', command: 'CONN', message: 'getaddrinfo ENOTFOUND smtp.invalid' }, 'unreachable', true],
		[{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', message: '451 busy' }, 'transient', false],
		[{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'transient', false],
		[{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', message: '550 no such user' }, 'recipient', false],
		[{ code: 'EMESSAGE', responseCode: 554, command: 'DATA', message: '554 spam' }, 'rejected', false],
	])('%j → %s', (error, kind, fatal) => {
		const explained = explainSmtpError(error, server);
		expect(explained.kind).toBe(kind);
		expect(explained.fatal).toBe(fatal);
		expect(explained.message).toContain(error.message);
		expect(explained.hint.length).toBeGreaterThan(10);
	});

	test('transient means 4xx or a dropped connection', () => {
		expect(isTransientSmtpError({ responseCode: 421 })).toBe(true);
		expect(isTransientSmtpError({ responseCode: 554 })).toBe(false);
		expect(isTransientSmtpError({ code: 'ESOCKET', message: 'read ECONNRESET' })).toBe(true);
		expect(isTransientSmtpError({ code: 'EAUTH' })).toBe(false);
	});
});
