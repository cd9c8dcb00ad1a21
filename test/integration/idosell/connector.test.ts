import { DateTime } from 'luxon';
import { IdoSellShop, fromShopTime, toShopTime } from '../../../lib/connectors/idosell';
import { nodeHttpSend, VendorError, type HttpSend, type RateLimit, type RequestPacer } from '../../../lib/transport';
import { startIdoSellSimulator, type IdoSellSimulator } from '../../simulators/idosell';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let run = 0;

/** What n8n's credential does: adds the X-API-KEY header. Each test has its own budget bucket. */
function shopFor(sim: IdoSellSimulator, extra: { apiKey?: string; timeZone?: string; budget?: (bucket: string, limit: RateLimit) => RequestPacer; retry?: false } = {}) {
	const plain = nodeHttpSend();
	const send: HttpSend = (request) => plain({ ...request, headers: { ...request.headers, 'X-API-KEY': extra.apiKey ?? sim.apiKey } });
	run++;
	return new IdoSellShop({
		url: sim.url,
		send,
		accountKey: `test-${run}`,
		settings: { timeZone: extra.timeZone ?? sim.timeZone },
		retry: extra.retry === false ? undefined : { baseDelayMs: 20, maxDelayMs: 1500 },
		budget: extra.budget,
	});
}

const apiCalls = (sim: IdoSellSimulator, path: string) => sim.requests.filter((r) => r.path.endsWith(path));

describe('IdoSell connector against the simulator', () => {
	let sim: IdoSellSimulator;
	beforeEach(async () => {
		sim = await startIdoSellSimulator({ customStatuses: [{ id: 101, panelName: 'Czeka na ERP', parent: 'on_order' }], rateLimitPerSecond: 1000 });
	});
	afterEach(() => sim.close());

	it('wraps the search in params, reads Results page by page and maps orders', async () => {
		for (let i = 0; i < 230; i++) sim.addOrder({ orderSerialNumber: 5000 + i });
		const orders = await shopFor(sim).listOrders({ modifiedAfter: new Date(Date.now() - 3_600_000).toISOString(), order: 'oldestModifiedFirst' });
		expect(orders).toHaveLength(230);
		const searches = apiCalls(sim, '/orders/orders/search').map((r) => r.body as { params: Record<string, unknown> });
		expect(searches.map((b) => b.params.resultsPage)).toEqual([0, 1, 2]);
		expect(searches.every((b) => b.params.resultsLimit === 100 && Object.keys(b).join() === 'params')).toBe(true);
		const first = orders.find((o) => o.id === '5000');
		expect(first).toMatchObject({
			system: 'idosell',
			number: 'sklep-5000',
			status: { code: 'new', label: 'Not handled' },
			canonicalStatus: 'new',
			customer: { email: 'klient5000@example.pl', name: 'Anna Kowalska', country: 'PL' },
			currency: 'PLN',
			linePricesIncludeTax: true,
		});
		expect(first?.lines[0]).toMatchObject({ sku: 'KUB-01', quantity: 2, unitPrice: 39.9, taxRate: 23, total: 79.8 });
		expect(first?.totals?.gross).toBe(94.79);
	});

	it('asks in shop-local time and reads shop-local dates back as UTC instants, both ends inclusive', async () => {
		const local = '2026-07-01 14:30:00';
		sim.addOrder({ orderSerialNumber: 7001, orderAddDate: local, orderChangeDate: local });
		sim.addOrder({ orderSerialNumber: 7002, orderAddDate: '2026-07-01 14:29:59', orderChangeDate: '2026-07-01 14:29:59' });
		const shop = shopFor(sim);
		// 14:30 in Warsaw in summer is 12:30 UTC: the boundary itself is included, a second earlier is not.
		const orders = await shop.listOrders({ modifiedAfter: '2026-07-01T12:30:00.000Z', order: 'oldestModifiedFirst' });
		expect(orders.map((o) => o.id)).toEqual(['7001']);
		expect(orders[0].updatedAt).toBe('2026-07-01T12:30:00.000Z');
		const range = (apiCalls(sim, '/orders/orders/search')[0].body as { params: { ordersRange: { ordersDateRange: Record<string, string> } } }).params.ordersRange.ordersDateRange;
		expect(range).toMatchObject({ ordersDateType: 'modified', ordersDateBegin: '2026-07-01 14:30:00' });
		expect(range.ordersDateEnd).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		expect(toShopTime('2026-01-15T12:00:00Z', 'Europe/Warsaw')).toBe('2026-01-15 13:00:00');
		expect(fromShopTime('2026-01-15 13:00:00', 'Europe/Warsaw')).toBe('2026-01-15T12:00:00.000Z');
	});

	it('reads fault 2 (empty result, HTTP 207) as no orders', async () => {
		const orders = await shopFor(sim).listOrders({ modifiedAfter: new Date().toISOString() });
		expect(orders).toEqual([]);
		expect(apiCalls(sim, '/orders/orders/search')[0].status).toBe(207);
	});

	it('finds the newest change without a date by widening the window', async () => {
		const old = DateTime.now().setZone('Europe/Warsaw').minus({ days: 10 }).toFormat('yyyy-MM-dd HH:mm:ss');
		sim.addOrder({ orderSerialNumber: 8001, orderAddDate: old, orderChangeDate: old });
		const [latest] = await shopFor(sim).listOrders({ limit: 1, order: 'newestModifiedFirst' });
		expect(latest.id).toBe('8001');
		expect(apiCalls(sim, '/orders/orders/search')).toHaveLength(2);
	});

	it('refuses to read by date when the credential\'s time zone puts fresh changes in the future', async () => {
		sim.addOrder({ orderSerialNumber: 6001 });
		const shop = shopFor(sim, { timeZone: 'America/New_York' });
		await expect(shop.listOrders({ modifiedAfter: new Date(Date.now() - 60_000).toISOString() })).rejects.toThrow(
			/order 6001 was changed at .* shop time, which in America\/New_York is still ahead of now: set the shop's time zone/,
		);
		const right = shopFor(sim);
		await right.listOrders({ modifiedAfter: new Date().toISOString() });
		await right.listOrders({ modifiedAfter: new Date().toISOString() });
		expect(apiCalls(sim, '/system/serverTime')).toHaveLength(2);
	});

	it('refuses to read by date when the shop\'s clock is far from ours', async () => {
		sim.setClockSkew(-45 * 60);
		await expect(shopFor(sim).listOrders({ modifiedAfter: new Date().toISOString() })).rejects.toThrow(/IdoSell's clock reads .* in Europe\/Warsaw, 45 minutes behind ours/);
		expect(apiCalls(sim, '/orders/orders/search')).toHaveLength(0);
		sim.setClockSkew(5 * 60);
		await expect(shopFor(sim).listOrders({ modifiedAfter: new Date().toISOString() })).resolves.toEqual([]);
	});

	it('lists the 17 built-in statuses and the shop\'s own, live', async () => {
		const statuses = await shopFor(sim).listStatuses();
		expect(statuses).toHaveLength(18);
		expect(statuses.find((s) => s.code === 'ready')).toMatchObject({ label: 'Dispatched', canonical: 'shipped' });
		expect(statuses.find((s) => s.code === 'canceled')).toMatchObject({ canonical: 'cancelled' });
		expect(statuses.find((s) => s.code === 'false')).toMatchObject({ label: 'False', canonical: 'failed' });
		expect(statuses.find((s) => s.code === 'joined')).toMatchObject({ assignable: false });
		expect(statuses.find((s) => s.code === '101')).toEqual({ code: '101', label: 'Czeka na ERP' });
	});

	it('reads and sets the shop\'s own status by its id, filtering by it through ordersStatusesIds', async () => {
		sim.addOrder({ orderSerialNumber: 3 });
		sim.addOrder({ orderSerialNumber: 4 });
		const shop = shopFor(sim);
		const [result] = await shop.updateStatuses([{ orderId: '3', status: '101' }]);
		expect(result.ok && result.order.status).toEqual({ code: '101', label: 'Czeka na ERP' });
		expect(result.ok && result.order.canonicalStatus).toBeUndefined();
		expect(sim.orders.get(3)).toMatchObject({ orderStatus: 'on_order', orderStatusId: 101 });
		const put = apiCalls(sim, '/orders/orders').find((r) => r.method === 'PUT')?.body as { params: { orders: Array<Record<string, unknown>> } };
		expect(put.params.orders[0]).toEqual({ orderSerialNumber: 3, orderStatusId: 101, settings: { dontSendMail: 'y', dontSendSMS: 'y' } });
		const own = await shop.listOrders({ statuses: ['101'] });
		expect(own.map((o) => o.id)).toEqual(['3']);
		expect((apiCalls(sim, '/orders/orders/search').pop()?.body as { params: Record<string, unknown> }).params).toMatchObject({ ordersStatusesIds: [101] });
		expect(apiCalls(sim, '/orders/statuses')).toHaveLength(1);
	});

	it('sets statuses in one batch with IdoSell\'s own mail and SMS off by default, each order with its own result', async () => {
		sim.addOrder({ orderSerialNumber: 1 });
		sim.addOrder({ orderSerialNumber: 2 });
		const before = sim.orders.get(1)?.orderChangeDate;
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const results = await shopFor(sim).updateStatuses([
			{ orderId: '1', status: 'on_order' },
			{ orderId: '404', status: 'on_order' },
			{ orderId: '2', status: 'no_such_status' },
			{ orderId: 'sklep-2', status: 'ready' },
		]);
		expect(results.map((r) => r.ok)).toEqual([true, false, false, false]);
		expect(results[0].ok && results[0].order.status.code).toBe('on_order');
		expect(!results[1].ok && results[1].error.message).toMatch(/order 404.*was not found \(fault 1\)/);
		expect(!results[2].ok && results[2].error.message).toMatch(/No such status: no_such_status \(fault 5\)/);
		expect(!results[3].ok && results[3].error).toBeInstanceOf(VendorError);
		expect(sim.mails).toEqual([]);
		expect(sim.orders.get(1)?.orderChangeDate).not.toBe(before);
		const puts = apiCalls(sim, '/orders/orders').filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].status).toBe(207);
		const sent = (puts[0].body as { params: { orders: Array<Record<string, unknown>> } }).params.orders;
		expect(sent).toHaveLength(3);
		expect(sent[0]).toEqual({ orderSerialNumber: 1, orderStatus: 'on_order', settings: { dontSendMail: 'y', dontSendSMS: 'y' } });
	});

	it('lets IdoSell mail when the shop is chosen to mail, and takes fault 3 as changed', async () => {
		sim.addOrder({ orderSerialNumber: 11 });
		sim.addOrder({ orderSerialNumber: 12 });
		sim.failMailFor(12);
		const results = await shopFor(sim).updateStatuses(
			[
				{ orderId: '11', status: 'ready' },
				{ orderId: '12', status: 'ready' },
			],
			{ shopMails: true },
		);
		expect(results.map((r) => r.ok)).toEqual([true, true]);
		expect(sim.orders.get(12)?.orderStatus).toBe('ready');
		expect(sim.mails.map((m) => `${m.orderSerialNumber}:${m.channel}`)).toEqual(['11:mail', '11:sms', '12:sms']);
	});

	it('repeats a silent status write whose answer was lost, never one that lets IdoSell mail', async () => {
		sim.addOrder({ orderSerialNumber: 91 });
		sim.addOrder({ orderSerialNumber: 92 });
		const plain = nodeHttpSend();
		let drop = 0;
		// The request reaches IdoSell, its answer is lost on the way back.
		const send: HttpSend = async (request) => {
			const response = await plain({ ...request, headers: { ...request.headers, 'X-API-KEY': sim.apiKey } });
			if (request.method === 'PUT' && drop-- > 0) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			return response;
		};
		const shop = new IdoSellShop({ url: sim.url, send, accountKey: `lost-${++run}`, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
		drop = 1;
		const [silent] = await shop.updateStatuses([{ orderId: '91', status: 'packed' }]);
		expect(silent.ok).toBe(true);
		drop = 1;
		const [mailing] = await shop.updateStatuses([{ orderId: '92', status: 'packed' }], { shopMails: true });
		expect(!mailing.ok && mailing.error.message).toMatch(/socket hang up/);
		const puts = apiCalls(sim, '/orders/orders').filter((r) => r.method === 'PUT').map((r) => (r.body as { params: { orders: Array<{ orderSerialNumber: number }> } }).params.orders[0].orderSerialNumber);
		expect(puts).toEqual([91, 91, 92]);
		expect(sim.mails.filter((m) => m.channel === 'mail')).toHaveLength(1);
	});

	it('puts 100 orders a request', async () => {
		for (let i = 0; i < 150; i++) sim.addOrder({ orderSerialNumber: 20_000 + i });
		const results = await shopFor(sim).updateStatuses(Array.from({ length: 150 }, (_, i) => ({ orderId: String(20_000 + i), status: 'packed' })));
		expect(results.every((r) => r.ok)).toBe(true);
		const puts = apiCalls(sim, '/orders/orders').filter((r) => r.method === 'PUT');
		expect(puts.map((p) => (p.body as { params: { orders: unknown[] } }).params.orders.length)).toEqual([100, 50]);
	});

	it('waits out a 429 and names the X-Error text when a call finally fails', async () => {
		sim.addOrder({ orderSerialNumber: 31 });
		sim.setRateLimit(1);
		// IdoSell's own pacing: without Retry-After it waits a second or more before repeating.
		const shop = shopFor(sim, { retry: false });
		const statuses = await shop.listStatuses();
		await shop.getOrder('31');
		expect(statuses.length).toBeGreaterThan(0);
		expect(sim.requests.some((r) => r.status === 429)).toBe(true);
		sim.setRateLimit(1000);
		const wrongKey = shopFor(sim, { apiKey: 'wrong' });
		const error = await wrongKey.getOrder('31').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(VendorError);
		expect((error as Error).message).toMatch(/HTTP 401.*Authorization failed: incorrect API key.*API key in the IdoSell credential/);
		expect((error as Error).message).not.toContain('wrong');
	});

	it('paces requests through the shared budget it is given', async () => {
		sim.addOrder({ orderSerialNumber: 41 });
		const taken: string[] = [];
		const shop = shopFor(sim, { budget: (bucket) => ({ take: async () => void taken.push(bucket) }) });
		await shop.getOrder('41');
		expect(taken).toHaveLength(sim.requests.length);
		expect(new Set(taken)).toEqual(new Set([`idosell:test-${run}`]));
	});

	it('appends notes to the order note; refuses a customer note', async () => {
		sim.addOrder({ orderSerialNumber: 51, orderNote: 'Paczka od frontu' });
		const shop = shopFor(sim);
		await shop.addNote('51', 'ERP: ZO/2026/51', false);
		expect(sim.orders.get(51)?.orderNote).toBe('Paczka od frontu\nERP: ZO/2026/51');
		await expect(shop.addNote('51', 'hi', true)).rejects.toThrow(/no customer-visible order note/);
		expect(sim.mails).toEqual([]);
	});

	it('adds the parcel through /orders/packages, wanting the numeric courier id', async () => {
		sim.addOrder({ orderSerialNumber: 61 });
		const shop = shopFor(sim);
		const { method, order } = await shop.setTracking('61', { carrier: '12', number: 'PL123456789' }, false);
		expect(method).toBe('packages');
		expect(sim.orders.get(61)?.packages).toEqual([expect.objectContaining({ courierId: 12, deliveryPackageNumber: 'PL123456789' })]);
		expect(order.id).toBe('61');
		await expect(shop.setTracking('61', { carrier: 'InPost', number: 'X' }, false)).rejects.toThrow(/numeric courier id/);
		await expect(shop.setTracking('404', { carrier: '12', number: 'X' }, false)).rejects.toThrow(/did not add the parcel to order 404: Order 404 was not found \(fault 1\)/);
		expect(apiCalls(sim, '/orders/packages').map((r) => r.status)).toEqual([200, 207]);
		await expect(shop.setTracking('61', { carrier: '12', number: 'X' }, true)).rejects.toThrow(/leave "Tell the Customer" off/);
	});

	it('uploads the invoice PDF as vat_invoice through /orders/documents, never asking IdoSell to issue its own', async () => {
		sim.addOrder({ orderSerialNumber: 71 });
		const shop = shopFor(sim);
		const { reference } = await shop.uploadInvoice('71', PDF, 'FV-2026-71.pdf');
		expect(reference).toMatch(/^idosell-document:71:/);
		expect(sim.documents).toEqual([{ orderSerialNumber: 71, name: 'FV-2026-71.pdf', type: 'vat_invoice', size: PDF.length }]);
		expect(sim.issuedDocuments).toEqual([]);
		await expect(shop.uploadInvoice('71', Buffer.from('not a pdf'), 'x.pdf')).rejects.toThrow(/not a PDF/);
		await expect(shop.uploadInvoice('999', PDF, 'x.pdf')).rejects.toThrow(/did not attach the invoice to order 999: Order 999 was not found \(fault 1\)/);
		expect(reference).toBe('idosell-document:71:1');
	});

	it('the simulator ignores a filter beside params: the search returns every order', async () => {
		sim.addOrder({ orderSerialNumber: 81 });
		sim.addOrder({ orderSerialNumber: 82 });
		const response = await nodeHttpSend()({
			method: 'POST',
			url: `${sim.apiUrl}/orders/orders/search`,
			headers: { 'X-API-KEY': sim.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ ordersSerialNumbers: [81] }),
		});
		expect(JSON.parse(response.body.toString()).resultsNumberAll).toBe(2);
	});

	it('refuses a panel address without a scheme and a zone that is not one', () => {
		expect(() => new IdoSellShop({ url: 'myshop.idosell.com', send: nodeHttpSend() })).toThrow(/https:\/\//);
		expect(() => new IdoSellShop({ url: sim.url, send: nodeHttpSend(), settings: { timeZone: 'Warsaw' } })).toThrow(/not a time zone/);
	});
});

describe('IdoSell credential test and own mails', () => {
	let sim: IdoSellSimulator;
	beforeEach(async () => {
		sim = await startIdoSellSimulator({ customStatuses: [{ id: 101, panelName: 'Czeka na ERP', parent: 'on_order' }], keys: { outsider: 'none' }, rateLimitPerSecond: 1000 });
	});
	afterEach(() => sim.close());

	it('reaches the shop through its clock and its statuses, and names the mails IdoSell sends itself', async () => {
		const check = await shopFor(sim).checkConnection();
		expect(check.reached).toMatch(
			/^Connected to IdoSell at 127\.0\.0\.1:\d+ \(Admin API v6\); the key reads orders and 18 order statuses \(17 built-in, 1 of the shop's own\); the shop's clock reads \d{4}-\d\d-\d\d \d\d:\d\d:\d\d in Europe\/Warsaw \(in step with ours\)$/,
		);
		expect(check.ownMails).toEqual([
			expect.stringMatching(/^Every status change made through the API: an e-mail and an SMS .*"IdoSell Mails the Customer" is on; otherwise .*dontSendMail\/dontSendSMS = "y"/),
			expect.stringMatching(/^Status changes staff make in the panel: as set in the IdoSell panel's e-mail and SMS notifications/),
		]);
		expect(sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/admin\/v6/, '')}`)).toEqual(['GET /system/serverTime', 'GET /orders/statuses']);
	});

	it('fails naming the key: a wrong one (401) and one without the right to the orders (403), never echoing it', async () => {
		const wrong = await shopFor(sim, { apiKey: 'wrong-key-123' }).checkConnection().catch((e: Error) => e);
		expect(wrong).toBeInstanceOf(VendorError);
		expect((wrong as Error).message).toMatch(/HTTP 401.*Authorization failed: incorrect API key.*API key in the IdoSell credential/);
		expect((wrong as Error).message).not.toContain('wrong-key-123');
		const outsider = await shopFor(sim, { apiKey: 'outsider' }).checkConnection().catch((e: Error) => e);
		expect((outsider as Error).message).toMatch(/HTTP 403.*Scope: orders, level: r\b.*may read and edit orders/);
		expect(sim.requests.filter((r) => r.status === 403).map((r) => r.path)).toEqual([expect.stringMatching(/\/orders\/statuses$/)]);
	});

	it('reports a small clock skew and fails on a large one, as the date filters would', async () => {
		sim.setClockSkew(240);
		expect((await shopFor(sim).checkConnection()).reached).toMatch(/\(4 min ahead of ours\)$/);
		sim.setClockSkew(-3600);
		await expect(shopFor(sim).checkConnection()).rejects.toThrow(/IdoSell's clock reads .* in Europe\/Warsaw, 60 minutes behind ours/);
	});

	it('fails naming the fault when IdoSell has blocked the shop (fault 2 beside the clock, HTTP 207)', async () => {
		await sim.close();
		sim = await startIdoSellSimulator({ blocked: true });
		await expect(shopFor(sim).checkConnection()).rejects.toThrow(/refused the shop's API at its clock check: The shop is blocked: IdoSell invoices are overdue \(fault 2\)/);
		expect(sim.requests.map((r) => r.status)).toEqual([207]);
	});

	it('names the mail (and SMS) IdoSell sends for a status, which the simulator then sends when IdoSell is let mail', async () => {
		sim.addOrder({ orderSerialNumber: 1 });
		sim.addOrder({ orderSerialNumber: 2 });
		const shop = shopFor(sim);
		expect(await shop.ownMail('ready', 'new')).toEqual({
			mail: 'Order status "Dispatched" (e-mail and SMS)',
			enabled: true,
			setting: `the IdoSell panel's e-mail and SMS notifications to customers about order status changes, or turn Shop Order's "IdoSell Mails the Customer" off`,
		});
		expect(await shop.ownMail('101')).toMatchObject({ mail: 'Order status "Czeka na ERP" (e-mail and SMS)', enabled: true });
		expect(await shop.ownMail('ready', 'ready')).toBeUndefined();
		await shop.updateStatuses([{ orderId: '1', status: 'ready' }], { shopMails: true });
		await shop.updateStatuses([{ orderId: '2', status: 'ready' }]);
		expect(sim.mails.map((m) => `${m.orderSerialNumber}:${m.channel}:${m.status}`)).toEqual(['1:mail:ready', '1:sms:ready']);
	});
});
