import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';
import { buildUrl, type HttpSend } from './types';

function decode(body: Buffer, encoding: string | undefined): Buffer {
	if (encoding === 'gzip') return zlib.gunzipSync(body);
	if (encoding === 'deflate') return zlib.inflateSync(body);
	if (encoding === 'br') return zlib.brotliDecompressSync(body);
	return body;
}

/** A plain node:http sender (tests, benchmarks, the demo). TLS is verified unless told otherwise. */
export function nodeHttpSend(options: { rejectUnauthorized?: boolean; agent?: http.Agent } = {}): HttpSend {
	return (request) =>
		new Promise((resolve, reject) => {
			const url = new URL(buildUrl(request.url, request.qs));
			const client = url.protocol === 'https:' ? https : http;
			const req = client.request(
				url,
				{
					method: request.method,
					headers: { 'accept-encoding': 'gzip, deflate', ...request.headers },
					rejectUnauthorized: options.rejectUnauthorized ?? true,
					agent: options.agent,
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('error', reject);
					res.on('end', () => {
						try {
							resolve({
								status: res.statusCode ?? 0,
								headers: res.headers,
								body: decode(Buffer.concat(chunks), res.headers['content-encoding']),
							});
						} catch (error) {
							reject(error);
						}
					});
				},
			);
			req.setTimeout(request.timeoutMs ?? 30_000, () => {
				req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' }));
			});
			req.on('error', reject);
			if (request.body !== undefined) req.write(request.body);
			req.end();
		});
}
