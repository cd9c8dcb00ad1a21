import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, HttpTransport, nodeHttpSend, parseRetryAfter, TokenBucket } from '../../../lib/transport';
import { listen, type RunningServer } from '../../helpers/http-server';

type Script = Array<(req: IncomingMessage, res: ServerResponse) => void>;

/** A server that plays one scripted answer per request, in order. */
async function scripted(script: Script) {
	const seen: IncomingMessage[] = [];
	const server = await listen((req, res) => {
		seen.push(req);
		const answer = script[Math.min(seen.length - 1, script.length - 1)];
		answer(req, res);
	});
	return { server, seen };
}

const ok = (_: IncomingMessage, res: ServerResponse) => res.end('{"ok":true}');
const status = (code: number, headers: Record<string, string> = {}, body = '') => (_: IncomingMessage, res: ServerResponse) => {
	res.writeHead(code, headers);
	res.end(body);
};
const reset = (req: IncomingMessage) => req.socket.destroy();
const stall = () => undefined;

function transport(delays: number[], extra: Partial<ConstructorParameters<typeof HttpTransport>[0]> = {}) {
	return new HttpTransport({
		vendor: 'TestShop',
		send: nodeHttpSend(),
		retry: { baseDelayMs: 10, maxDelayMs: 2000 },
		sleep: async (ms) => {
			delays.push(ms);
		},
		...extra,
	});
}

describe('HttpTransport over real HTTP', () => {
	let running: RunningServer | undefined;
	afterEach(async () => running?.close());

	it('waits the Retry-After seconds of a 429, then succeeds', async () => {
		const { server, seen } = await scripted([status(429, { 'Retry-After': '2' }), ok]);
		running = server;
		const delays: number[] = [];
		const response = await transport(delays).request({ method: 'GET', url: `${server.url}/orders` });
		expect(response.status).toBe(200);
		expect(seen).toHaveLength(2);
		expect(delays).toEqual([2000]);
	});

	it('reads Retry-After as an HTTP date', () => {
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	it('backs off exponentially on 503 and 502', async () => {
		const { server, seen } = await scripted([status(503), status(502), status(503), ok]);
		running = server;
		const delays: number[] = [];
		await transport(delays, { random: () => 1 }).request({ method: 'GET', url: server.url });
		expect(seen).toHaveLength(4);
		expect(delays).toEqual([10, 20, 40]);
	});

	it('retries a reset connection', async () => {
		const { server, seen } = await scripted([reset, ok]);
		running = server;
		const response = await transport([]).request({ method: 'GET', url: server.url });
		expect(response.body.toString()).toBe('{"ok":true}');
		expect(seen).toHaveLength(2);
	});

	it('gives up on a stalled server after the timeout and the retries', async () => {
		const { server, seen } = await scripted([stall]);
		running = server;
		const started = Date.now();
		const error = await transport([], { retry: { maxRetries: 1 }, timeoutMs: 150 })
			.request({ method: 'GET', url: `${server.url}/slow` })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HttpError);
		expect((error as HttpError).status).toBe(0);
		expect((error as HttpError).message).toContain('no response within 150 ms');
		expect(seen).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('never retries another 4xx, and keeps the vendor body without secrets in the request', async () => {
		const body = '{"code":"woocommerce_rest_shop_order_invalid_id","message":"Invalid ID."}';
		const { server, seen } = await scripted([status(404, { 'content-type': 'application/json' }, body)]);
		running = server;
		const error = (await transport([], {
			describeError: (r) => JSON.parse(r.body.toString()).message,
		})
			.request({
				method: 'GET',
				url: `${server.url}/orders/9?consumer_key=ck_secret&page=2`,
				headers: { Authorization: 'Basic c2VjcmV0', 'STW-Authorization': 'Basic eA==' },
			})
			.catch((e: unknown) => e)) as HttpError;
		expect(seen).toHaveLength(1);
		expect(error.status).toBe(404);
		expect(error.message).toBe('TestShop answered HTTP 404 to GET /orders/9: Invalid ID.');
		expect(error.vendorBody).toBe(body);
		const serialized = JSON.stringify(error.request);
		expect(serialized).not.toContain('c2VjcmV0');
		expect(serialized).not.toContain('ck_secret');
		expect(serialized).toContain('page=2');
	});

	it('stops after the last retry and says how often it tried', async () => {
		const { server, seen } = await scripted([status(429)]);
		running = server;
		const error = (await transport([], { retry: { maxRetries: 2 } })
			.request({ method: 'POST', url: server.url, body: '{}' })
			.catch((e: unknown) => e)) as HttpError;
		expect(seen).toHaveLength(3);
		expect(error.attempts).toBe(3);
	});

	it('paces requests through the token bucket', async () => {
		const { server, seen } = await scripted([ok]);
		running = server;
		const bucket = new TokenBucket({ perSecond: 20, burst: 2 });
		const started = Date.now();
		const client = transport([], { rateLimiter: bucket });
		await Promise.all(Array.from({ length: 6 }, () => client.request({ method: 'GET', url: server.url })));
		expect(seen).toHaveLength(6);
		// 2 at once, then 4 more at 20/s: at least ~200 ms
		expect(Date.now() - started).toBeGreaterThanOrEqual(180);
	});
});
