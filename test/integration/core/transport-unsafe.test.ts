import type { IncomingMessage, ServerResponse } from 'node:http';
import { WooCommerceShop } from '../../../lib/connectors/woocommerce';
import { HttpError, HttpTransport, nodeHttpSend } from '../../../lib/transport';
import { listen, readBody, type RunningServer } from '../../helpers/http-server';

const running: RunningServer[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A server that plays one scripted answer per request and counts the requests. */
async function scripted(script: Array<(req: IncomingMessage, res: ServerResponse) => void>) {
	const seen: string[] = [];
	const server = await listen(async (req, res) => {
		seen.push(`${req.method} ${req.url} ${await readBody(req)}`);
		script[Math.min(seen.length - 1, script.length - 1)](req, res);
	});
	running.push(server);
	return { url: server.url, seen };
}

const answer = (code: number, body = '{}') => (_: IncomingMessage, res: ServerResponse) => {
	res.writeHead(code, { 'content-type': 'application/json' });
	res.end(body);
};
const reset = (req: IncomingMessage) => req.socket.destroy();

const transport = () =>
	new HttpTransport({ vendor: 'TestShop', send: nodeHttpSend(), retry: { baseDelayMs: 1, maxDelayMs: 5 }, sleep: async () => undefined });

describe('requests that must not run twice', () => {
	test('a gateway timeout or a reset after sending is not repeated: the vendor may have run it', async () => {
		const { url, seen } = await scripted([answer(504), answer(200)]);
		await expect(transport().request({ method: 'POST', url: `${url}/notes`, body: '{}', idempotent: false })).rejects.toBeInstanceOf(HttpError);
		expect(seen).toHaveLength(1);

		const second = await scripted([reset, answer(200)]);
		await expect(transport().request({ method: 'POST', url: `${second.url}/notes`, body: '{}', idempotent: false })).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(second.seen).toHaveLength(1);
	});

	test('a 429 or 503 refusal is repeated: the vendor did not run it', async () => {
		const { url, seen } = await scripted([answer(429), answer(503), answer(200)]);
		const response = await transport().request({ method: 'POST', url: `${url}/notes`, body: '{}', idempotent: false });
		expect(response.status).toBe(200);
		expect(seen).toHaveLength(3);
	});

	test('reads and updates are still repeated after a gateway timeout', async () => {
		const { url, seen } = await scripted([answer(504), answer(200)]);
		expect((await transport().request({ method: 'GET', url: `${url}/orders` })).status).toBe(200);
		expect(seen).toHaveLength(2);
	});

	test('a WooCommerce customer note is posted once even when the gateway times out', async () => {
		const { url, seen } = await scripted([answer(502), answer(201, '{"id":7}')]);
		const shop = new WooCommerceShop({ url, send: nodeHttpSend(), transport: { sleep: async () => undefined } });
		await expect(shop.addNote('12', 'Your parcel is on its way', true)).rejects.toBeInstanceOf(HttpError);
		expect(seen).toEqual([expect.stringMatching(/^POST \/wp-json\/wc\/v3\/orders\/12\/notes /)]);
	});

	test('a WooCommerce line addition is put once: each repeat would add the line again', async () => {
		const order = { id: 12, status: 'processing', line_items: [], meta_data: [] };
		const { url, seen } = await scripted([
			answer(200, JSON.stringify(order)),
			answer(200, '{"id":5,"sku":"","name":"Cup"}'),
			// the throw-away draft that checks WooCommerce's re-tax keeps the order's taxes, deleted at once
			answer(201, '{"id":99,"line_items":[]}'),
			answer(200, '{"id":99}'),
			answer(504),
			answer(200, JSON.stringify(order)),
		]);
		const shop = new WooCommerceShop({ url, send: nodeHttpSend(), transport: { sleep: async () => undefined } });
		await expect(shop.updateLines('12', [{ action: 'add', productId: '5', quantity: 1 }])).rejects.toBeInstanceOf(HttpError);
		expect(seen.filter((request) => request.startsWith('PUT '))).toHaveLength(1);
	});
});
