import { nodeHttpSend } from '../../../lib/transport';
import { startWooSimulator } from '../../simulators/woocommerce';

const send = nodeHttpSend();

describe('WooCommerce simulator fidelity', () => {
	it('answers like WooCommerce: Basic auth errors, 413 above 100 batch objects, paging headers, Retry-After on 429', async () => {
		const sim = await startWooSimulator({ seed: { orders: Array.from({ length: 15 }, () => ({ status: 'processing' })) } });
		const auth = { authorization: `Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`, 'content-type': 'application/json' };
		try {
			const anonymous = await send({ method: 'GET', url: `${sim.url}/wp-json/wc/v3/orders` });
			expect(anonymous.status).toBe(401);
			expect(JSON.parse(anonymous.body.toString())).toEqual({
				code: 'woocommerce_rest_cannot_view',
				message: 'Sorry, you cannot list resources.',
				data: { status: 401 },
			});

			const tooMany = await send({
				method: 'POST',
				url: `${sim.url}/wp-json/wc/v3/orders/batch`,
				headers: auth,
				body: JSON.stringify({ update: Array.from({ length: 101 }, (_, i) => ({ id: 1000 + i, status: 'completed' })) }),
			});
			expect(tooMany.status).toBe(413);
			expect(JSON.parse(tooMany.body.toString()).code).toBe('woocommerce_rest_request_entity_too_large');

			const page = await send({ method: 'GET', url: `${sim.url}/wp-json/wc/v3/orders`, qs: { per_page: 10, page: 2 }, headers: auth });
			expect(page.headers['x-wp-total']).toBe('15');
			expect(page.headers['x-wp-totalpages']).toBe('2');
			expect(JSON.parse(page.body.toString())).toHaveLength(5);
			const tooBig = await send({ method: 'GET', url: `${sim.url}/wp-json/wc/v3/orders`, qs: { per_page: 101 }, headers: auth });
			expect(JSON.parse(tooBig.body.toString()).code).toBe('rest_invalid_param');

			// A Prague site reads `…Z` as local time, a zoneless value as it is; WordPress wants seconds.
			const modified = sim.orders.get(1000)!.date_modified_gmt as string;
			const before = new Date(Date.parse(`${modified}Z`) - 30_000).toISOString();
			const listed = async (modifiedAfter: string) => {
				const answer = await send({ method: 'GET', url: `${sim.url}/wp-json/wc/v3/orders`, qs: { modified_after: modifiedAfter, dates_are_gmt: 'true' }, headers: auth });
				return answer.status === 200 ? JSON.parse(answer.body.toString()).length : JSON.parse(answer.body.toString()).code;
			};
			expect(await listed(before)).toBe(0);
			expect(await listed(before.slice(0, 19))).toBe(10);
			expect(await listed(before.slice(0, 16))).toBe('rest_invalid_param');

			sim.failNext(429, { retryAfter: 3 });
			const limited = await send({ method: 'GET', url: `${sim.url}/wp-json/wc/v3/orders`, headers: auth });
			expect(limited.status).toBe(429);
			expect(limited.headers['retry-after']).toBe('3');
		} finally {
			await sim.close();
		}
	});
});
