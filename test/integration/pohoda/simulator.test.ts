import { nodeHttpSend } from '../../../lib/transport';
import { startPohodaSimulator, type SimOrder } from '../../simulators/pohoda';
import { connectorFor } from './support';

describe('POHODA simulator control surface (used by the demo)', () => {
	it('seeds, lists, executes, cancels and edits orders over HTTP; big answers come gzip-compressed', async () => {
		const sim = await startPohodaSimulator({ port: 0 });
		const send = nodeHttpSend();
		const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
			const response = await send({ method, url: `${sim.url}${path}`, body: body === undefined ? undefined : JSON.stringify(body) });
			return { status: response.status, json: JSON.parse(response.body.toString('utf8')) };
		};
		try {
			const seeded = await call('POST', '/_sim/orders', [{ partner: { name: 'Dana' }, lines: [{ text: 'Čaj', quantity: 1 }] }, { partner: {}, lines: [] }]);
			expect(seeded.status).toBe(201);
			const [first, second] = seeded.json as SimOrder[];
			expect((await call('POST', `/_sim/orders/${first.id}/execute`)).json.isExecuted).toBe(true);
			expect((await call('POST', `/_sim/orders/${second.id}/cancel`)).json).toMatchObject({ storno: true, dateCancellation: expect.any(String) });
			expect((await call('POST', `/_sim/orders/${first.id}/lines`, { index: 0, change: { quantity: 4 } })).json.lines[0].quantity).toBe(4);
			expect((await call('POST', '/_sim/orders/999/execute')).status).toBe(400);
			expect((await call('GET', '/_sim/orders')).json).toHaveLength(2);

			const connector = connectorFor(sim);
			const orders = await connector.client.listPage({});
			expect(orders.orders.map((o) => [o.id, o.canonicalStatus])).toEqual([
				[String(first.id), 'completed'],
				[String(second.id), 'cancelled'],
			]);
			const list = sim.requests.at(-1)!;
			expect(list.headers['accept-encoding']).toMatch(/gzip/);
			expect(list.headers['content-type']).toBe('text/xml');
			expect(list.headers['stw-application']).toBe('jest');
			expect(list.headers['stw-check-duplicity']).toBe('true');
		} finally {
			await sim.close();
		}
	});
});
