/**
 * A dry run sends reads and stops at the first write, which it describes without secrets; the transport neither
 * retries it nor turns it into an HTTP error. Over real HTTP against a loopback server that counts what arrives.
 */
import { DryRunWrite, dryRunSend, HttpTransport, nodeHttpSend } from '../../../lib/transport';
import { listen, readBody, type RunningServer } from '../../helpers/http-server';

let server: RunningServer;
const received: string[] = [];
beforeEach(async () => {
	received.length = 0;
	server = await listen(async (req, res) => {
		await readBody(req);
		received.push(`${req.method} ${req.url}`);
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
	});
});
afterEach(() => server.close());

const transport = () => new HttpTransport({ vendor: 'test', send: dryRunSend(nodeHttpSend()), sleep: async () => undefined });

describe('dryRunSend', () => {
	it('sends GETs and POSTs marked read-only', async () => {
		await transport().request({ method: 'GET', url: `${server.url}/orders` });
		await transport().request({ method: 'POST', url: `${server.url}/search`, body: '{}', readOnly: true });
		expect(received).toEqual(['GET /orders', 'POST /search']);
	});

	it('stops at a write: nothing reaches the server, the planned request names method, URL and body', async () => {
		const attempt = transport().request({
			method: 'PUT',
			url: `${server.url}/orders/7`,
			qs: { consumer_key: 'ck_live', lang: 'sk' },
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ status: 'completed', auth: { password: 'p4ss', token: 't0k' } }),
		});
		const error = await attempt.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DryRunWrite);
		expect((error as DryRunWrite).write).toEqual({
			method: 'PUT',
			url: `${server.url}/orders/7?consumer_key=redacted&lang=sk`,
			body: { status: 'completed', auth: { password: '[redacted]', token: '[redacted]' } },
		});
		expect(received).toEqual([]);
	});

	it('describes form bodies field by field and keeps XML as text', async () => {
		const form = await transport()
			.request({
				method: 'POST',
				url: `${server.url}/SetOrderStatusV3`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'login=a%40b.cz&password=secret&api_key=k&code_order=15&response=Ano+%26+hned',
			})
			.catch((e: DryRunWrite) => e.write.body);
		expect(form).toEqual({ login: 'a@b.cz', password: '[redacted]', api_key: '[redacted]', code_order: '15', response: 'Ano & hned' });
		const xml = await transport()
			.request({ method: 'POST', url: `${server.url}/xml`, headers: { 'Content-Type': 'text/xml' }, body: Buffer.from('<dat:dataPack/>') })
			.catch((e: DryRunWrite) => e.write.body);
		expect(xml).toBe('<dat:dataPack/>');
		expect(received).toEqual([]);
	});
});
