import { nodeHttpSend, type HttpResponse } from '../../../lib/transport';
import { startIdoSellSimulator, type IdoSellSimulator } from '../../simulators/idosell';

/** The simulator itself, as strict as the issue reads IdoSell: what a careless client would get wrong. */
describe('IdoSell simulator', () => {
	let sim: IdoSellSimulator;
	const send = nodeHttpSend();
	const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, key?: string): Promise<HttpResponse> =>
		send({
			method,
			url: `${sim.apiUrl}${path}`,
			headers: { 'X-API-KEY': key ?? sim.apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	const json = (response: HttpResponse) => JSON.parse(response.body.toString('utf8'));

	beforeEach(async () => {
		sim = await startIdoSellSimulator({ rateLimitPerSecond: 1000 });
		sim.addOrder({ orderSerialNumber: 1, orderChangeDate: '2026-07-01 10:00:00', orderAddDate: '2026-07-01 09:00:00' });
		sim.addOrder({ orderSerialNumber: 2, orderChangeDate: '2026-07-01 10:00:01', orderAddDate: '2026-07-01 09:00:00' });
	});
	afterEach(() => sim.close());

	it('answers errors with an empty body and the reason in X-Error', async () => {
		const refused = await call('GET', '/orders/statuses', undefined, 'nope');
		expect(refused.status).toBe(401);
		expect(refused.body.length).toBe(0);
		expect(refused.headers['x-error']).toMatch(/API key/);
		const tooMany = await call('POST', '/orders/orders/search', { params: { resultsLimit: 101 } });
		expect(tooMany.status).toBe(422);
		expect(tooMany.headers['x-error']).toMatch(/resultsLimit/);
		const isoDate = await call('POST', '/orders/orders/search', { params: { ordersRange: { ordersDateRange: { ordersDateType: 'modified', ordersDateBegin: '2026-07-01T10:00:00Z' } } } });
		expect(isoDate.status).toBe(422);
		expect(isoDate.headers['x-error']).toMatch(/YYYY-MM-DD HH:MM:SS/);
	});

	it('gives the clock as a UNIX timestamp and the statuses as {id, parentId, panelName}, own ones under a built-in', async () => {
		sim.customStatuses.push({ id: 120, panelName: 'Spakowane przez Jana', parent: 'packed' });
		const { time } = json(await call('GET', '/system/serverTime'));
		expect(Number.isInteger(time)).toBe(true);
		expect(Math.abs(time - Date.now() / 1000)).toBeLessThan(5);
		const { statuses } = json(await call('GET', '/orders/statuses'));
		expect(statuses).toHaveLength(18);
		const packed = statuses.find((s: { panelName: string }) => s.panelName === 'Being picked');
		expect(packed).toEqual({ id: expect.any(Number), parentId: null, panelName: 'Being picked' });
		expect(statuses.find((s: { id: number }) => s.id === 120)).toEqual({ id: 120, parentId: packed.id, panelName: 'Spakowane przez Jana' });
		// An own status is reached by its id only; the order then shows the parent's code and the own id.
		const byCode = json(await call('PUT', '/orders/orders', { params: { orders: [{ orderSerialNumber: 1, orderStatus: '120' }] } }));
		expect(byCode.results.ordersResults[0]).toMatchObject({ faultCode: 5 });
		await call('PUT', '/orders/orders', { params: { orders: [{ orderSerialNumber: 1, orderStatusId: 120, settings: { dontSendMail: 'y', dontSendSMS: 'y' } }] } });
		const [order] = json(await call('POST', '/orders/orders/search', { params: { ordersSerialNumbers: [1] } })).Results;
		expect(order.orderDetails).toMatchObject({ orderStatus: 'packed', orderStatusId: 120 });
	});

	it('answers 403 naming scope and level to a key without the right, after a valid key has been told apart', async () => {
		await sim.close();
		sim = await startIdoSellSimulator({ keys: { reader: 'r', outsider: 'none' } });
		sim.addOrder({ orderSerialNumber: 1 });
		expect((await call('GET', '/system/serverTime', undefined, 'outsider')).status).toBe(200);
		const none = await call('GET', '/orders/statuses', undefined, 'outsider');
		expect(none.status).toBe(403);
		expect(none.headers['x-error']).toMatch(/Scope: orders, level: r$/);
		expect((await call('POST', '/orders/orders/search', { params: {} }, 'reader')).status).toBe(200);
		const write = await call('PUT', '/orders/orders', { params: { orders: [{ orderSerialNumber: 1, orderStatus: 'packed' }] } }, 'reader');
		expect(write.status).toBe(403);
		expect(write.headers['x-error']).toMatch(/level: rw/);
	});

	it('serves HTML, not JSON, outside the API path', async () => {
		const page = await send({ method: 'GET', url: `${sim.url}/orders/statuses` });
		expect(page.status).toBe(404);
		expect(page.headers['content-type']).toMatch(/text\/html/);
	});

	it('ranges are inclusive at both ends and a page past the end is fault 2 in a 207', async () => {
		const range = (begin: string, end: string) => ({ params: { ordersRange: { ordersDateRange: { ordersDateType: 'modified', ordersDateBegin: begin, ordersDateEnd: end } } } });
		const both = json(await call('POST', '/orders/orders/search', range('2026-07-01 10:00:00', '2026-07-01 10:00:01')));
		expect(both.Results.map((o: { orderSerialNumber: number }) => o.orderSerialNumber)).toEqual([1, 2]);
		const empty = await call('POST', '/orders/orders/search', { params: { ordersSerialNumbers: [1], resultsPage: 1 } });
		expect(empty.status).toBe(207);
		expect(json(empty)).toMatchObject({ errors: { faultCode: 2 }, resultsNumberAll: 1 });
		expect(json(empty).Results).toBeUndefined();
	});

	it('mails unless dontSendMail is exactly "y", moves orderChangeDate on a change, not on a repeat', async () => {
		await call('PUT', '/orders/orders', { params: { orders: [{ orderSerialNumber: 1, orderStatus: 'packed', settings: { dontSendMail: true, dontSendSMS: 'y' } }] } });
		expect(sim.mails).toEqual([expect.objectContaining({ orderSerialNumber: 1, channel: 'mail', status: 'packed' })]);
		const moved = sim.orders.get(1)?.orderChangeDate;
		expect(moved).not.toBe('2026-07-01 10:00:00');
		sim.orders.get(1)!.orderChangeDate = '2026-07-01 10:00:00';
		await call('PUT', '/orders/orders', { params: { orders: [{ orderSerialNumber: 1, orderStatus: 'packed' }] } });
		expect(sim.orders.get(1)?.orderChangeDate).toBe('2026-07-01 10:00:00');
		expect(sim.mails).toHaveLength(1);
	});

	it('a panel change through the demo control moves the change date and mails nothing', async () => {
		const changed = await send({ method: 'POST', url: `${sim.url}/_sim/status`, body: JSON.stringify({ orderSerialNumber: 1, orderStatus: 'packed_ready' }) });
		expect(changed.status).toBe(200);
		expect(sim.orders.get(1)).toMatchObject({ orderStatus: 'packed_ready' });
		expect(sim.orders.get(1)?.orderChangeDate).not.toBe('2026-07-01 10:00:00');
		expect(sim.mails).toEqual([]);
		const unknown = await send({ method: 'POST', url: `${sim.url}/_sim/status`, body: JSON.stringify({ orderSerialNumber: 1, orderStatus: 'shipped' }) });
		expect(unknown.status).toBe(400);
	});

	it('refuses a request over the rate with 429 and X-Error, without Retry-After', async () => {
		sim.setRateLimit(2);
		const answers = await Promise.all([1, 2, 3].map(() => call('GET', '/orders/statuses')));
		const refused = answers.find((a) => a.status === 429);
		expect(refused?.headers['x-error']).toMatch(/Too many requests/);
		expect(refused?.headers['retry-after']).toBeUndefined();
	});
});
