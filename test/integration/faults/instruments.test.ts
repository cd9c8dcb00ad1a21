// The fault suite's instruments measured against real sockets: the flaky proxy injects what it reports, the mail
// sink's temporary failures, dropped connections and in-flight count are what an SMTP client sees, and the tally
// counts duplicates by recipient and event with their Message-IDs.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';

// The suite's harness is plain JavaScript.
const { startFlakyProxy } = require('../../faults/flaky-proxy');
const { mailTally } = require('../../faults/observe');
const { startMailCatcher } = require('../../e2e/mail-catcher');

interface Answer {
	status: number;
	body: string;
	retryAfter?: string;
	error?: string;
}

function request(url: string, body = '{"x":1}'): Promise<Answer> {
	return new Promise((resolve) => {
		const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
			let text = '';
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, retryAfter: res.headers['retry-after'] as string | undefined }));
		});
		req.on('error', (error) => resolve({ status: 0, body: '', error: (error as NodeJS.ErrnoException).code ?? error.message }));
		req.end(body);
	});
}

describe('flaky proxy', () => {
	let upstream: http.Server;
	let reached: string[];
	let target: string;

	beforeAll(async () => {
		reached = [];
		upstream = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				reached.push(`${req.method} ${req.url} ${body}`);
				res.writeHead(201, { 'content-type': 'application/json', 'x-vendor': 'sim' });
				res.end(JSON.stringify({ echoed: body }));
			});
		});
		await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
		target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise((resolve) => upstream.close(resolve)));

	it('forwards method, path, body and answer unchanged when no fault is due', async () => {
		const proxy = await startFlakyProxy({ target, rate: 0 });
		try {
			reached.length = 0;
			const answer = await request(`${proxy.url}/wp-json/wc/v3/orders?page=2`, '{"a":"ž"}');
			expect(answer).toMatchObject({ status: 201, body: JSON.stringify({ echoed: '{"a":"ž"}' }) });
			expect(reached).toEqual(['POST /wp-json/wc/v3/orders?page=2 {"a":"ž"}']);
			expect(proxy.stats).toMatchObject({ requests: 1, overRateLimit: 0 });
		} finally {
			await proxy.close();
		}
	});

	it('gives the queued faults first, in order, then forwards', async () => {
		const proxy = await startFlakyProxy({ target, rate: 0, holdMs: 100 });
		try {
			reached.length = 0;
			proxy.failNext('503', 'reset');
			expect(() => proxy.failNext('418')).toThrow(/unknown fault/);
			const answers = [await request(proxy.url), await request(proxy.url), await request(proxy.url)];
			expect(answers.map((a) => a.status)).toEqual([503, 0, 201]);
			expect(reached).toHaveLength(2);
			expect(proxy.stats.faults).toMatchObject({ '503': 1, reset: 1 });
		} finally {
			await proxy.close();
		}
	});

	it('injects every fault it counts: 5xx and 429 stop at the proxy, lost answers reach the vendor', async () => {
		const proxy = await startFlakyProxy({ target, rate: 1, seed: 7, retryAfterSeconds: 60, holdMs: 100 });
		try {
			reached.length = 0;
			const answers: Answer[] = [];
			for (let i = 0; i < 40; i++) answers.push(await request(`${proxy.url}/xml`, `{"n":${i}}`));
			const { faults } = proxy.stats;
			for (const kind of ['500', '502', '503', '429', 'timeout', 'reset']) expect(faults[kind]).toBeGreaterThan(0);
			for (const code of [500, 502, 503, 429]) expect(answers.filter((a) => a.status === code)).toHaveLength(faults[String(code)]);
			expect(answers.filter((a) => a.status === 429).every((a) => a.retryAfter === '60')).toBe(true);
			// Timeouts and resets: the vendor did the work, the client got no answer.
			expect(answers.filter((a) => a.status === 0)).toHaveLength(faults.timeout + faults.reset);
			expect(reached).toHaveLength(faults.timeout + faults.reset);
			// Every request after the first 429 came while its Retry-After ran.
			const first429 = answers.findIndex((a) => a.status === 429);
			expect(proxy.stats.overRateLimit).toBe(answers.length - first429 - 1);
		} finally {
			await proxy.close();
		}
	});
});

describe('mail sink faults', () => {
	const send = (port: number, to: string, messageId: string) =>
		createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true } as never).sendMail({
			from: 'shop@faults.test',
			to,
			subject: 'Order 1 completed',
			text: 'done',
			messageId,
			headers: { 'X-Order-Sync-Event': 'completed' },
		});

	it('answers 451 without storing, stores a mail whose connection it drops, and counts a held reply as in flight', async () => {
		const sink = await startMailCatcher();
		try {
			const faults: Array<number | string | undefined> = [451, 'drop', undefined];
			sink.fault = () => faults.shift();
			await expect(send(sink.smtpPort, 'a@faults.test', '<a@faults.test>')).rejects.toMatchObject({ responseCode: 451 });
			expect(sink.mails).toHaveLength(0);
			await expect(send(sink.smtpPort, 'b@faults.test', '<b@faults.test>')).rejects.toThrow();
			expect(sink.mails.map((m: { envelopeTo: string[] }) => m.envelopeTo)).toEqual([['b@faults.test']]);
			const settled = Date.now() + 5000;
			while (sink.inFlight > 0 && Date.now() < settled) await new Promise((r) => setTimeout(r, 20));
			expect(sink.inFlight).toBe(0);

			sink.replyDelayMs = 300;
			const held = send(sink.smtpPort, 'c@faults.test', '<c@faults.test>');
			const deadline = Date.now() + 5000;
			while (sink.mails.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			expect(sink.inFlight).toBe(1);
			await held;
			// The reply counts as read once the sender acts on it: here its QUIT, which closes the connection.
			const closed = Date.now() + 5000;
			while (sink.inFlight > 0 && Date.now() < closed) await new Promise((r) => setTimeout(r, 20));
			expect(sink.inFlight).toBe(0);
		} finally {
			await sink.close();
		}
	});
});

describe('mail tally', () => {
	const mail = (to: string, event: string, messageId: string) => ({ envelopeTo: [to], subject: '', headers: { 'x-order-sync-event': event, 'message-id': messageId } });

	it('counts a second mail to a recipient for the same event as a duplicate and compares Message-IDs', () => {
		const tally = mailTally([
			mail('a@x.test', 'completed', '<1@x>'),
			mail('A@x.test', 'completed', '<1@x>'),
			mail('a@x.test', 'cancelled', '<2@x>'),
			mail('b@x.test', 'completed', '<3@x>'),
			mail('b@x.test', 'completed', '<4@x>'),
			mail('b@x.test', 'completed', '<3@x>'),
		]);
		expect(tally.duplicateMails).toBe(3);
		expect(tally.duplicates).toEqual([
			{ key: 'a@x.test completed', count: 2, messageIds: ['<1@x>', '<1@x>'], sameMessageId: true },
			{ key: 'b@x.test completed', count: 3, messageIds: ['<3@x>', '<4@x>', '<3@x>'], sameMessageId: false },
		]);
		expect(tally.count('a@x.test', 'cancelled')).toBe(1);
		expect(tally.count('c@x.test', 'completed')).toBe(0);
	});
});
