import type { FetchedOrder } from '../../../lib/connectors/marketplace';
import { OzonCredentialError, OzonMarketplace } from '../../../lib/connectors/ozon';
import { sendDecisionStatuses, decideByStock } from '../../../lib/rules';
import { HttpError, nodeHttpSend, VendorError, type HttpSend } from '../../../lib/transport';
import { makePosting, startOzonSimulator, type OzonSimulator } from '../../simulators/ozon';

let run = 0;
/** What n8n's credential does: adds the two headers. Each test gets its own Client-Id, so its own rate bucket. */
function connectorFor(sim: OzonSimulator, keys: { clientId?: string; apiKey?: string } = {}) {
	const plain = nodeHttpSend();
	const clientId = keys.clientId ?? sim.clientId;
	const send: HttpSend = (request) =>
		plain({ ...request, headers: { ...request.headers, 'Client-Id': clientId, 'Api-Key': keys.apiKey ?? sim.apiKey } });
	return new OzonMarketplace({ baseUrl: sim.url, clientId: `${clientId}#${run}`, send, retry: { baseDelayMs: 50, maxDelayMs: 2000 } });
}

async function collect(iterable: AsyncIterable<FetchedOrder[]>) {
	const pages: FetchedOrder[][] = [];
	for await (const page of iterable) pages.push(page);
	return pages;
}

const twoLines = () =>
	makePosting({
		posting_number: 'P-2L-1',
		products: [
			{ sku: 1001, offer_id: 'BRK-PAD-01', name: 'Brake pads', quantity: 2, price: '2490.000000', currency_code: 'RUB' },
			{ sku: 1002, offer_id: 'OIL-FLT-07', name: 'Oil filter', quantity: 1, price: '690.000000', currency_code: 'RUB' },
		],
	});

describe('Ozon connector against the simulator', () => {
	let sim: OzonSimulator;
	beforeEach(async () => {
		run++;
		sim = await startOzonSimulator({ seed: [], clientId: `client-${run}`, apiKey: 'key-ok' });
	});
	afterEach(() => sim.close());

	it('pages /v4/posting/fbs/list by cursor, 100 a page, and maps postings to orders', async () => {
		const start = Date.now() - 3_600_000;
		for (let i = 0; i < 230; i++) sim.addPosting({ posting_number: `P-${i}-1`, in_process_at: new Date(start + i * 1000).toISOString() });
		const pages = await collect(connectorFor(sim).ordersCreated({ since: new Date(start - 1000).toISOString(), to: new Date().toISOString() }));
		expect(pages.map((p) => p.length)).toEqual([100, 100, 30]);
		const ids = pages.flat().map((f) => (f.ok ? f.order.id : 'failed'));
		expect(new Set(ids).size).toBe(230);
		const calls = sim.requests.filter((r) => r.path === '/v4/posting/fbs/list').map((r) => r.body as { limit: number; cursor: string });
		expect(calls.map((c) => c.limit)).toEqual([100, 100, 100]);
		expect(calls[0].cursor).toBe('');
		expect(calls[1].cursor).not.toBe('');
		const first = pages[0][0];
		expect(first.ok && first.order.lines[0]).toMatchObject({ id: '1001', sku: 'BRK-PAD-01', quantity: 1, unitPrice: 2490 });
	});

	it('keeps the rest of a page when one posting cannot be read', async () => {
		sim.addPosting({ posting_number: 'GOOD-1' });
		sim.addPosting({ posting_number: 'BAD-1', products: [{ sku: 7, offer_id: 'X', name: 'x', quantity: 1, price: 'abc', currency_code: 'RUB' }] });
		const [page] = await collect(connectorFor(sim).ordersCreated({ since: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() }));
		expect(page.filter((f) => f.ok).map((f) => f.ok && f.order.id)).toEqual(['GOOD-1']);
		const bad = page.find((f) => !f.ok);
		expect(bad && !bad.ok && bad.orderId).toBe('BAD-1');
		expect(bad && !bad.ok && bad.error.message).toMatch(/price "abc"/);
	});

	it('rejects one position and accepts the other of the same posting', async () => {
		sim.seed([twoLines()]);
		const ozon = connectorFor(sim);
		const order = await ozon.getOrder('P-2L-1');
		const decision = decideByStock(order, { 'BRK-PAD-01': 5, 'OIL-FLT-07': 0 }, { allowPartial: true });
		expect(decision.outcome).toBe('partial');
		const sent = await sendDecisionStatuses(ozon, order, decision.positions, { accepted: 'awaiting_deliver', rejected: 'cancelled' }, { id: '352' });
		expect(sent.map((s) => [s.status, s.whole])).toEqual([
			['cancelled', false],
			['awaiting_deliver', true],
		]);
		const posting = sim.postings.get('P-2L-1');
		expect(posting?.status).toBe('awaiting_deliver');
		expect(posting?.products.map((p) => p.sku)).toEqual([1001]);
		expect(sim.cancelledProducts).toEqual([{ posting_number: 'P-2L-1', sku: 1002, quantity: 1, reason_id: 352 }]);
		const ship = sim.requests.find((r) => r.path === '/v4/posting/fbs/ship')?.body;
		expect(ship).toMatchObject({ posting_number: 'P-2L-1', packages: [{ products: [{ product_id: 1001, quantity: 2 }] }] });
	});

	it('cancels the whole posting when every position is rejected', async () => {
		sim.seed([twoLines()]);
		const ozon = connectorFor(sim);
		const order = await ozon.getOrder('P-2L-1');
		await ozon.reject(order, order.lines.map((l) => ({ positionId: l.id as string, quantity: l.quantity })), { id: '402', message: 'No stock' });
		expect(sim.postings.get('P-2L-1')?.status).toBe('cancelled');
		expect(sim.postings.get('P-2L-1')?.cancellation.cancel_reason_id).toBe(402);
		expect(sim.requests.some((r) => r.path === '/v2/posting/fbs/cancel')).toBe(true);
	});

	it('refuses to ship part of a posting and says what to do', async () => {
		sim.seed([twoLines()]);
		const ozon = connectorFor(sim);
		const order = await ozon.getOrder('P-2L-1');
		await expect(ozon.accept(order, [{ positionId: '1001', quantity: 2 }])).rejects.toThrow(/ships posting P-2L-1 whole.*OIL-FLT-07 × 1.*Reject those positions first/);
		expect(sim.requests.some((r) => r.path === '/v4/posting/fbs/ship')).toBe(false);
	});

	it('reports an invalid reject reason clearly', async () => {
		sim.seed([twoLines()]);
		const ozon = connectorFor(sim);
		const order = await ozon.getOrder('P-2L-1');
		const error = await ozon.reject(order, [{ positionId: '1002', quantity: 1 }], { id: '999' }).catch((e) => e);
		expect(error).toBeInstanceOf(HttpError);
		expect(error.message).toMatch(/HTTP 400 to POST \/v2\/posting\/fbs\/product\/cancel: cancel_reason_id 999 is not a valid cancellation reason \(code 3\)/);
		expect(sim.postings.get('P-2L-1')?.products).toHaveLength(2);
		await expect(ozon.reject(order, [{ positionId: '1002', quantity: 1 }], { id: 'out-of-stock' })).rejects.toThrow(VendorError);
	});

	it('lists only the reasons a seller may use', async () => {
		const reasons = await connectorFor(sim).rejectReasons();
		expect(reasons.map((r) => r.id)).toEqual(['352', '400', '402', '665', '666', '667']);
	});

	it('retries HTTP 429 (code 8) with backoff and gets through', async () => {
		sim.seed([twoLines()]);
		sim.failNext('/v3/posting/fbs/get', { status: 429, body: { code: 8, message: 'You have reached request rate limit per second', details: [] }, times: 2 });
		const started = Date.now();
		const order = await connectorFor(sim).getOrder('P-2L-1');
		expect(order.id).toBe('P-2L-1');
		const calls = sim.requests.filter((r) => r.path === '/v3/posting/fbs/get');
		expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(50);
	});

	it('stays within a rate limit the server enforces', async () => {
		await sim.close();
		sim = await startOzonSimulator({ seed: [twoLines()], clientId: `client-${run}`, apiKey: 'key-ok', rateLimitPerSecond: 5, retryAfterSeconds: 1 });
		const ozon = connectorFor(sim);
		const orders = await Promise.all(Array.from({ length: 8 }, () => ozon.getOrder('P-2L-1')));
		expect(orders.every((o) => o.id === 'P-2L-1')).toBe(true);
		const statuses = sim.requests.map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(8);
		expect(statuses).toContain(429);
	});

	it('turns a wrong Api-Key, a wrong Client-Id and missing keys into credential errors', async () => {
		const wrongKey = await connectorFor(sim, { apiKey: 'nope' }).rejectReasons().catch((e) => e);
		expect(wrongKey).toBeInstanceOf(OzonCredentialError);
		expect(wrongKey.message).toMatch(/does not accept this Api-Key.*Check the Client-Id and Api-Key in the Ozon credential/);
		expect(wrongKey.message).not.toContain('nope');
		const wrongClient = await connectorFor(sim, { clientId: 'someone-else' }).rejectReasons().catch((e) => e);
		expect(wrongClient).toBeInstanceOf(OzonCredentialError);
		expect(wrongClient.message).toMatch(/does not know this Client-Id/);
		const missing = await connectorFor(sim, { clientId: '', apiKey: '' }).rejectReasons().catch((e) => e);
		expect(missing.message).toMatch(/wants both a Client-Id and an Api-Key/);
	});

	it('sets tracking and rFBS statuses, and reports a posting Ozon does not know', async () => {
		sim.seed([twoLines()]);
		const ozon = connectorFor(sim);
		await ozon.setTracking('P-2L-1', { number: 'TRK-42' });
		expect(sim.postings.get('P-2L-1')?.tracking_number).toBe('TRK-42');
		await expect(ozon.setTracking('NOPE-1', { number: 'TRK-43' })).rejects.toThrow(/did not set the tracking number of NOPE-1 \(POSTING_NOT_FOUND\)/);
		await ozon.setStatus(await ozon.getOrder('P-2L-1'), 'delivering', []);
		expect(sim.postings.get('P-2L-1')?.status).toBe('delivering');
		await expect(ozon.getOrder('NOPE-1')).rejects.toThrow(/HTTP 404.*Posting not found \(code 5\)/);
	});
});
