'use strict';
// A loopback HTTP proxy in front of a simulator that answers a share of the requests as a flaky vendor does: 500, 502
// or 503 (the request never reached the vendor), 429 with Retry-After, or the vendor did the work and the answer is
// lost (the connection held open until the client gives up, or reset). Counts what it did and every request that
// arrived while a Retry-After it sent was still running (over the vendor's rate limit).
const http = require('node:http');

const FAULTS = ['500', '502', '503', '429', 'timeout', 'reset'];

/** Deterministic numbers in [0, 1) (mulberry32), so a run's faults can be reproduced from its seed. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @param {{target: string, rate?: number, seed?: number, retryAfterSeconds?: number, holdMs?: number}} options
 *   `rate` is the share of requests that fail (settable later as `proxy.rate`, and `failNext()` queues given faults
 *   first); a held request is cut after `holdMs`
 */
async function startFlakyProxy({ target, rate = 0, seed = 13, retryAfterSeconds = 2, holdMs = 120000 }) {
	const upstream = new URL(target);
	const random = seededRandom(seed);
	const state = { rate, blockedUntil: 0, queue: [] };
	const stats = { requests: 0, faults: Object.fromEntries(FAULTS.map((f) => [f, 0])), overRateLimit: 0 };
	const held = new Set();

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			stats.requests++;
			const now = Date.now();
			if (now < state.blockedUntil) stats.overRateLimit++;
			const fault = state.queue.length ? state.queue.shift() : random() < state.rate ? FAULTS[Math.floor(random() * FAULTS.length)] : null;
			if (fault) stats.faults[fault]++;
			if (fault === '429') {
				state.blockedUntil = now + retryAfterSeconds * 1000;
				res.writeHead(429, { 'retry-after': String(retryAfterSeconds), 'content-type': 'text/plain' });
				return res.end('Too Many Requests');
			}
			if (fault && fault.startsWith('5')) {
				res.writeHead(Number(fault), { 'content-type': 'text/html' });
				return res.end(`<html><body><h1>${fault}</h1><p>upstream unavailable</p></body></html>`);
			}
			forward(req, Buffer.concat(chunks), (answer) => {
				if (fault === 'reset') return req.socket.destroy();
				if (fault === 'timeout') {
					const timer = setTimeout(() => req.socket.destroy(), holdMs);
					held.add(timer);
					req.socket.once('close', () => {
						clearTimeout(timer);
						held.delete(timer);
					});
					return;
				}
				res.writeHead(answer.status, answer.headers);
				res.end(answer.body);
			}, res);
		});
	});

	function forward(req, body, done, res) {
		const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
		const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
			const parts = [];
			answer.on('data', (c) => parts.push(c));
			answer.on('end', () => {
				const { 'transfer-encoding': _chunked, connection: _connection, ...rest } = answer.headers;
				done({ status: answer.statusCode, headers: rest, body: Buffer.concat(parts) });
			});
		});
		out.on('error', (error) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`proxy: ${error.message}`);
		});
		out.end(body);
	}

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		stats,
		get rate() {
			return state.rate;
		},
		set rate(value) {
			state.rate = value;
		},
		/** The next requests get these faults, in order, before the random ones. */
		failNext(...faults) {
			const unknown = faults.filter((f) => !FAULTS.includes(f));
			if (unknown.length) throw new Error(`unknown fault(s) ${unknown.join(', ')}; known: ${FAULTS.join(', ')}`);
			state.queue.push(...faults);
		},
		close: () =>
			new Promise((resolve) => {
				for (const timer of held) clearTimeout(timer);
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

module.exports = { startFlakyProxy, seededRandom };
