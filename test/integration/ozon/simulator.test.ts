import { nodeHttpSend } from '../../../lib/transport';
import { samplePostings, startOzonSimulator, type OzonSimulator } from '../../simulators/ozon';

const send = nodeHttpSend();

describe('Ozon simulator', () => {
	let sim: OzonSimulator;
	beforeEach(async () => {
		sim = await startOzonSimulator({ clientId: 'sim-c', apiKey: 'sim-k' });
	});
	afterEach(() => sim.close());

	const post = async (path: string, body: unknown, headers: Record<string, string> = { 'Client-Id': 'sim-c', 'Api-Key': 'sim-k' }) => {
		const response = await send({ method: 'POST', url: `${sim.url}${path}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
		return { status: response.status, headers: response.headers, json: JSON.parse(response.body.toString('utf8')) };
	};
	const window = { since: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString() };

	it('starts with sample postings in several statuses', () => {
		expect(new Set([...sim.postings.values()].map((p) => p.status))).toEqual(new Set(['awaiting_packaging', 'awaiting_deliver', 'delivered', 'cancelled']));
		expect(samplePostings().length).toBe(sim.postings.size);
	});

	it('answers with the header-auth errors Ozon uses', async () => {
		expect(await post('/v1/roles', {}, {})).toMatchObject({ status: 401, json: { code: 16, message: 'Client-Id and Api-Key headers are required', details: [] } });
		expect(await post('/v1/roles', {}, { 'Client-Id': 'x', 'Api-Key': 'sim-k' })).toMatchObject({ status: 400, json: { code: 3 } });
		expect(await post('/v1/roles', {}, { 'Client-Id': 'sim-c', 'Api-Key': 'x' })).toMatchObject({ status: 404, json: { code: 5 } });
		expect((await post('/v1/roles', {})).status).toBe(200);
	});

	it('pages the v3 list by offset with has_next, and the unfulfilled list with a count', async () => {
		const first = await post('/v3/posting/fbs/list', { dir: 'ASC', filter: window, limit: 2, offset: 0 });
		expect(first.json.result.postings).toHaveLength(2);
		expect(first.json.result.has_next).toBe(true);
		expect(typeof first.json.result.postings[0].products[0].price).toBe('string');
		const last = await post('/v3/posting/fbs/list', { dir: 'ASC', filter: window, limit: 2, offset: 4 });
		expect(last.json.result).toMatchObject({ has_next: false });
		expect(last.json.result.postings).toHaveLength(1);
		const open = await post('/v3/posting/fbs/unfulfilled/list', {
			filter: { cutoff_from: window.since, cutoff_to: new Date(Date.now() + 7 * 86_400_000).toISOString() },
			limit: 1,
			offset: 0,
		});
		expect(open.json.result.count).toBe(3);
		expect(open.json.result.postings).toHaveLength(1);
		expect((await post('/v4/posting/fbs/list', { filter: window, limit: 101 })).json).toMatchObject({ code: 3, message: 'limit must be between 1 and 100' });
		const v4 = await post('/v4/posting/fbs/list', { filter: { ...window, statuses: ['awaiting_packaging'] }, limit: 100 });
		expect(v4.json.postings.map((p: { posting_number: string }) => p.posting_number)).toEqual(['10000001-0001-1', '10000002-0001-1']);
		expect(v4.json.postings[0].products[0].price).toEqual({ amount: '2490.000000', currency: 'RUB' });
	});

	it('answers 429 code 8 above the rate, with Retry-After only when configured', async () => {
		sim.setRateLimit(3);
		const answers = await Promise.all(Array.from({ length: 5 }, () => post('/v1/roles', {})));
		expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429]);
		const limited = answers.find((a) => a.status === 429);
		expect(limited?.json).toEqual({ code: 8, message: 'You have reached request rate limit per second', details: [] });
		expect(limited?.headers['retry-after']).toBeUndefined();
	});

	it('injects latency', async () => {
		sim.setLatency(120);
		const started = Date.now();
		await post('/v1/roles', {});
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});

	it('has an HTTP control surface to add and list postings without keys', async () => {
		const created = await send({
			method: 'POST',
			url: `${sim.url}/_sim/postings`,
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ posting_number: 'DEMO-1', products: [{ sku: 9, offer_id: 'A', name: 'a', quantity: 1, price: '1.00', currency_code: 'RUB' }] }),
		});
		expect(created.status).toBe(201);
		expect(sim.postings.get('DEMO-1')?.status).toBe('awaiting_packaging');
		const listed = await send({ method: 'GET', url: `${sim.url}/_sim/postings` });
		expect(JSON.parse(listed.body.toString()).postings.map((p: { posting_number: string }) => p.posting_number)).toContain('DEMO-1');
	});

	it('validates ship packages against the posting', async () => {
		const wrong = await post('/v4/posting/fbs/ship', { posting_number: '10000001-0001-1', packages: [{ products: [{ product_id: 1001, quantity: 2 }] }] });
		expect(wrong).toMatchObject({ status: 400, json: { code: 3, message: 'quantity of product_id 1002 in packages must be 1' } });
		const twice = await post('/v4/posting/fbs/ship', { posting_number: '10000003-0001-1', packages: [{ products: [{ product_id: 1001, quantity: 1 }] }] });
		expect(twice.json.message).toMatch(/POSTING_ALREADY_SHIPPED/);
	});
});
