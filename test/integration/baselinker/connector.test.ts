import { BaseLinkerError, BaseLinkerShop, baseLinkerAccountKey, blockedUntil } from '../../../lib/connectors/baselinker';
import type { ShopConnector } from '../../../lib/connectors/shop';
import { nodeHttpSend, type HttpSend } from '../../../lib/transport';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { credentialTestFunctions } from '../../helpers/credential-test';
import { startBaseLinkerSimulator, warsawTime, type BaseLinkerSimulator } from '../../simulators/baselinker';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0xfb, 0xff, 0xfe, 0x3e, 0x3f]), Buffer.from('\n%%EOF\n')]);

let run = 0;
/** What n8n's credential does: adds X-BLToken. Each connector gets its own budget key unless one is given. */
function shopFor(sim: BaseLinkerSimulator, options: Partial<ConstructorParameters<typeof BaseLinkerShop>[0]> = {}) {
	const plain = nodeHttpSend();
	const send: HttpSend = (request) => plain({ ...request, headers: { ...request.headers, 'X-BLToken': sim.token } });
	return new BaseLinkerShop({ url: sim.url, send, accountKey: `${baseLinkerAccountKey(sim.token)}#${++run}`, perMinute: 60_000, now: sim.now, ...options });
}

/** A raw form POST, to see what the simulator accepts. */
async function post(sim: BaseLinkerSimulator, body: string, token = sim.token) {
	const response = await nodeHttpSend()({
		method: 'POST',
		url: sim.url,
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-BLToken': token },
		body,
	});
	return JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
}

describe('BaseLinker simulator', () => {
	let sim: BaseLinkerSimulator;
	beforeEach(async () => (sim = await startBaseLinkerSimulator({ ratePerMinute: 5, windowMs: 1000, blockSeconds: 2 })));
	afterEach(() => sim.close());

	it('refuses a wrong token with HTTP 200 and status ERROR', async () => {
		expect(await post(sim, 'method=getOrderStatusList&parameters=%7B%7D', 'nope')).toMatchObject({ status: 'ERROR', error_code: 'ERROR_BAD_TOKEN' });
	});

	it('blocks the token past the limit, naming the time in Warsaw time', async () => {
		const answers = [];
		for (let i = 0; i < 7; i++) answers.push(await post(sim, 'method=getOrderStatusList&parameters=%7B%7D'));
		expect(answers.slice(0, 5).every((a) => a.status === 'SUCCESS')).toBe(true);
		expect(answers[5]).toMatchObject({ status: 'ERROR', error_code: 'ERROR_BLOCKED_TOKEN' });
		expect(String(answers[5].error_message)).toContain(warsawTime(sim.blockedUntil()));
		expect(blockedUntil(String(answers[5].error_message), 0)).toBe(Math.floor(sim.blockedUntil() / 1000) * 1000);
	});

	it('breaks a base64 file whose + was not URL-encoded', async () => {
		const order = sim.addOrder();
		const { invoice_id } = await post(sim, `method=addInvoice&parameters=${encodeURIComponent(JSON.stringify({ order_id: order.order_id, series_id: sim.series[0].id }))}`);
		const file = `data:${PDF.toString('base64')}`;
		expect(file).toContain('+');
		const raw = `method=addOrderInvoiceFile&parameters=${JSON.stringify({ invoice_id, file, external_invoice_number: 'FV 1/2026' })}`;
		expect(await post(sim, raw)).toMatchObject({ status: 'ERROR', error_code: 'ERROR_BAD_FILE' });
	});

	it('sends an empty body from getJournalList while the journal is off', async () => {
		sim.setJournalEnabled(false);
		const response = await nodeHttpSend()({
			method: 'POST',
			url: sim.url,
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-BLToken': sim.token },
			body: 'method=getJournalList&parameters=%7B%22last_log_id%22%3A0%7D',
		});
		expect(response.body.length).toBe(0);
	});
});

describe('BaseLinker connector against the simulator', () => {
	let sim: BaseLinkerSimulator;
	beforeEach(async () => (sim = await startBaseLinkerSimulator()));
	afterEach(() => sim.close());

	it('maps an order: gross lines, total = lines + delivery, loose flags, the marketplace link in externalIds', async () => {
		const order = sim.addOrder({
			order_source: 'allegro',
			external_order_id: '29b3f2a0-5c1e-11ef',
			want_invoice: '1',
			delivery_price: 9.99,
			products: [
				{ name: 'Filtr oleju', sku: 'OIL-7', price_brutto: 39.9, quantity: 2, tax_rate: 23 },
				{ name: 'Pióro wycieraczki', sku: 'WIP-1', price_brutto: 25, quantity: 1, tax_rate: 23 },
			] as never,
		});
		const mapped = await shopFor(sim).getOrder(String(order.order_id));
		expect(mapped).toMatchObject({
			system: 'baselinker',
			id: String(order.order_id),
			externalIds: { allegro: '29b3f2a0-5c1e-11ef' },
			status: { code: String(sim.statusId('Nowe zamówienia')), label: 'Nowe zamówienia' },
			currency: 'PLN',
			linePricesIncludeTax: true,
			totals: { shipping: 9.99, gross: 114.79 },
		});
		expect(mapped.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.total])).toEqual([
			['OIL-7', 2, 39.9, 79.8],
			['WIP-1', 1, 25, 25],
		]);
		await expect(shopFor(sim).getOrder('12ab')).rejects.toThrow(/not a BaseLinker order id/);
		await expect(shopFor(sim).getOrder('1')).rejects.toThrow(/has no order 1/);
	});

	it('lists the account\'s own status ids by getOrderStatusList', async () => {
		const statuses = await shopFor(sim).listStatuses();
		expect(statuses.map((s) => s.code)).toEqual(sim.statuses.map((s) => String(s.id)));
		expect(statuses.map((s) => s.label)).toContain('Wysłane');
	});

	it('pages getOrders from the same second and drops repeats, where "+1 second" loses orders', async () => {
		const second = Math.floor(sim.now() / 1000) - 3600;
		for (let i = 0; i < 130; i++) sim.addOrder({ date_add: second });
		for (let i = 0; i < 120; i++) sim.addOrder({ date_add: second + 1 + Math.floor(i / 60) });
		sim.addOrder({ date_add: second + 5, confirmed: false });
		const shop = shopFor(sim);
		const orders = await shop.listOrders({ createdAfter: new Date(second * 1000).toISOString() });
		expect(orders).toHaveLength(250);
		expect(new Set(orders.map((o) => o.id)).size).toBe(250);
		// The documented way: next page from the last date_confirmed + 1 s.
		const first = (await shop.client.call<{ orders: Array<{ date_confirmed: number }> }>('getOrders', { date_confirmed_from: second })).orders;
		const next = (await shop.client.call<{ orders: unknown[] }>('getOrders', { date_confirmed_from: first.at(-1)!.date_confirmed + 1 })).orders;
		expect(first.length + next.length).toBeLessThan(250);
	});

	it('reads the journal\'s orders confirmed in bulk and leaves unconfirmed ones out unless asked for', async () => {
		const since = new Date(sim.now() - 1000).toISOString();
		for (let i = 0; i < 150; i++) sim.addOrder();
		const draft = sim.addOrder({ confirmed: false });
		const changed = await shopFor(sim).listOrders({ modifiedAfter: since, order: 'oldestModifiedFirst' });
		expect(changed).toHaveLength(150);
		expect(sim.requests.filter((r) => r.method === 'getOrders').length).toBeLessThanOrEqual(4);
		const all = await shopFor(sim, { includeUnconfirmed: true }).listOrders({ modifiedAfter: since, order: 'newestModifiedFirst' });
		expect(all.map((o) => o.id)).toContain(String(draft.order_id));
	});

	it('reads changes from the journal: a status change of an old order, newest first, reading on where it stopped', async () => {
		const old = sim.addOrder({ date_add: Math.floor(sim.now() / 1000) - 86_400 });
		const since = new Date(sim.now() - 1000).toISOString();
		const shop = shopFor(sim);
		expect(await shop.listOrders({ modifiedAfter: since, order: 'oldestModifiedFirst' })).toEqual([]);
		sim.setStatus(old.order_id, sim.statusId('Do wysłania'));
		const fresh = sim.addOrder();
		const changed = await shop.listOrders({ modifiedAfter: since, order: 'oldestModifiedFirst' });
		expect(changed.map((o) => o.id).sort()).toEqual([String(old.order_id), String(fresh.order_id)].sort());
		expect(changed.find((o) => o.id === String(old.order_id))?.status.label).toBe('Do wysłania');
		expect(shop.drainNotices()).toEqual([]);
		const journalCalls = sim.requests.filter((r) => r.method === 'getJournalList');
		expect(journalCalls.at(-1)?.parameters.last_log_id).toBeGreaterThan(0);
		expect(sim.requests.some((r) => r.method === 'getOrders' && r.parameters.date_confirmed_from !== undefined)).toBe(false);
	});

	it('falls back to getOrders and says so when the journal is off', async () => {
		sim.setJournalEnabled(false);
		const order = sim.addOrder();
		const shop = shopFor(sim);
		const changed = await shop.listOrders({ modifiedAfter: new Date(sim.now() - 60_000).toISOString(), order: 'oldestModifiedFirst' });
		expect(changed.map((o) => o.id)).toEqual([String(order.order_id)]);
		expect(shop.drainNotices().join(' ')).toMatch(/journal .* not enabled/);
	});

	it('catches up by getOrders when the trigger was off longer than the journal keeps, and says so', async () => {
		const start = sim.now();
		const early = sim.addOrder();
		sim.advance(4 * 86_400_000);
		const late = sim.addOrder();
		const shop = shopFor(sim);
		const changed = await shop.listOrders({ modifiedAfter: new Date(start - 1000).toISOString(), order: 'oldestModifiedFirst' });
		expect(changed.map((o) => o.id).sort()).toEqual([String(early.order_id), String(late.order_id)].sort());
		expect(sim.journal.some((e) => e.order_id === early.order_id)).toBe(true);
		expect(shop.drainNotices().join(' ')).toMatch(/off longer than the BaseLinker journal keeps/);
	});

	it('updates statuses in one setOrderStatuses call per status; a bad order fails alone; nobody is mailed by the API', async () => {
		const shipped = sim.statusId('Wysłane');
		const [a, b, c] = [sim.addOrder(), sim.addOrder(), sim.addOrder()];
		const results = await shopFor(sim).updateStatuses([
			{ orderId: String(a.order_id), status: String(shipped) },
			{ orderId: '999', status: String(shipped) },
			{ orderId: String(b.order_id), status: 'Wysłane' },
			{ orderId: String(c.order_id), status: 'Zapłacone' },
		]);
		expect(results.map((r) => r.ok)).toEqual([true, false, true, false]);
		expect(results[0].ok && results[0].order.status).toEqual({ code: String(shipped), label: 'Wysłane' });
		expect(!results[1].ok && results[1].error.message).toMatch(/999/);
		expect(!results[3].ok && results[3].error.message).toMatch(/no order status "Zapłacone"/);
		expect(sim.orders.get(c.order_id)?.order_status_id).toBe(sim.statusId('Nowe zamówienia'));
		expect(sim.requests.filter((r) => r.method === 'setOrderStatuses')).toHaveLength(1);
		expect(sim.mails).toEqual([]);
		expect(sim.journal.filter((e) => e.log_type === 18).map((e) => e.order_id).sort()).toEqual([a.order_id, b.order_id].sort());
	});

	it('writes a note into admin_comments, cut to 200 characters with a notice; refuses a note for the buyer', async () => {
		const order = sim.addOrder();
		const shop = shopFor(sim);
		await shop.addNote(String(order.order_id), 'Faktura wystawiona w Optimie.', false);
		expect(sim.orders.get(order.order_id)?.admin_comments).toBe('Faktura wystawiona w Optimie.');
		expect(shop.drainNotices()).toEqual([]);
		await shop.addNote(String(order.order_id), 'ż'.repeat(250), false);
		expect(sim.orders.get(order.order_id)?.admin_comments).toBe('ż'.repeat(200));
		expect(shop.drainNotices().join(' ')).toMatch(/cut to 200 characters.*50 characters were dropped/);
		await expect(shop.addNote(String(order.order_id), 'x', true)).rejects.toThrow(/Notify Customer/);
	});

	it('adds a parcel by createPackageManual and reads it back by getOrderPackages', async () => {
		const order = sim.addOrder();
		const shop = shopFor(sim);
		const { method, order: updated } = await shop.setTracking(String(order.order_id), { carrier: 'inpost', number: '6200123456789' }, false);
		expect(method).toBe('createPackageManual');
		expect(updated.tracking).toEqual([{ carrier: 'inpost', number: '6200123456789' }]);
		expect(sim.packages).toHaveLength(1);
		await expect(shop.setTracking(String(order.order_id), { number: '1' }, false)).rejects.toThrow(/courier code/);
		await expect(shop.setTracking(String(order.order_id), { carrier: 'dpd', number: '1' }, true)).rejects.toThrow(/Notify Customer/);
	});

	it('attaches the invoice PDF with its + intact, issuing the invoice in the configured series first', async () => {
		const order = sim.addOrder();
		await expect(shopFor(sim).uploadInvoice(String(order.order_id), PDF, 'FV 12/2026.pdf')).rejects.toThrow(/Invoice Series ID/);
		const shop = shopFor(sim, { invoiceSeriesId: sim.series[0].id });
		const { reference } = await shop.uploadInvoice(String(order.order_id), PDF, 'FV 12/2026.pdf');
		const invoice = sim.invoices.find((i) => String(i.invoice_id) === reference);
		expect(invoice?.file?.equals(PDF)).toBe(true);
		expect(invoice?.external_invoice_number).toBe('FV 12/2026');
		// A second document goes onto the same invoice, not a new one.
		await shop.uploadInvoice(String(order.order_id), PDF, 'FV 13/2026.pdf');
		expect(sim.invoices).toHaveLength(1);
		await expect(shop.uploadInvoice(String(order.order_id), PDF, `${'9'.repeat(31)}.pdf`)).rejects.toThrow(/longer than the 30 characters/);
		await expect(shop.uploadInvoice(String(order.order_id), Buffer.from('hello'), 'FV 1.pdf')).rejects.toThrow(/not a PDF/);
	});

	it('edits lines: add, set quantity and gross price from a net one, remove; the total follows the lines', async () => {
		const order = sim.addOrder({ delivery_price: 10, products: [{ name: 'Klocki', sku: 'BRK-01', price_brutto: 100, quantity: 1, tax_rate: 23 }, { name: 'Tarcza', sku: 'DSC-2', price_brutto: 200, quantity: 1, tax_rate: 23 }] as never });
		const shop = shopFor(sim);
		const updated = await shop.updateLines(String(order.order_id), [
			{ action: 'setQuantity', sku: 'BRK-01', quantity: 3, price: { unitPrice: 100, includesTax: false } },
			{ action: 'remove', sku: 'DSC-2' },
		]);
		expect(updated.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['BRK-01', 3, 123]]);
		expect(updated.totals?.gross).toBe(379);
		const added = await shop.applyLineDiff(String(order.order_id), {
			added: [{ sku: 'OIL-7', name: 'Filtr oleju', quantity: 2, unitPrice: 40, taxRate: 8 }],
			removed: [],
			changed: [],
			pricesIncludeTax: true,
			currency: 'PLN',
		});
		expect(added.lines.find((l) => l.sku === 'OIL-7')).toMatchObject({ quantity: 2, unitPrice: 40, taxRate: 8 });
		await expect(shop.updateLines(String(order.order_id), [{ action: 'remove', sku: 'NOPE' }])).rejects.toThrow(/no line with SKU NOPE/);
		await expect(
			shop.updateLines(String(order.order_id), [{ action: 'setPrice', sku: 'BRK-01', price: { unitPrice: 5, includesTax: true, currency: 'EUR' } }]),
		).rejects.toThrow(/in EUR/);
	});

	it('lacks what BaseLinker\'s API cannot do, so the nodes say so', () => {
		const shop: ShopConnector = shopFor(sim);
		expect([shop.splitOrder, shop.resendConfirmation, shop.deriveFulfilment, shop.webhooks]).toEqual([undefined, undefined, undefined, undefined]);
		expect(typeof shop.uploadInvoice).toBe('function');
	});

	it('waits until the time a block names, then goes on', async () => {
		await sim.close();
		sim = await startBaseLinkerSimulator({ ratePerMinute: 3, windowMs: 60_000, blockSeconds: 2 });
		const shop = shopFor(sim);
		const started = Date.now();
		for (let i = 0; i < 5; i++) await shop.listStatuses();
		expect(shop.client.blocks).toBe(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
		expect(sim.requests.filter((r) => r.errorCode === 'ERROR_BLOCKED_TOKEN')).toHaveLength(1);
	}, 20_000);

	it('fails naming the credential when BaseLinker refuses the token', async () => {
		const shop = new BaseLinkerShop({ url: sim.url, send: nodeHttpSend(), accountKey: 'x', now: sim.now });
		await expect(shop.listStatuses()).rejects.toThrow(BaseLinkerError);
		await expect(shop.listStatuses()).rejects.toThrow(/API token in the BaseLinker credential/);
	});

	it('the credential test (Shop Order, over n8n\'s bare request helper) reads the statuses and says where BaseLinker\'s own mails are set up', async () => {
		const test = new ShopOrder().methods.credentialTest.baselinkerConnectionTest;
		const credential = { url: sim.url, token: sim.token, requestsPerMinute: 90 };
		const ok = await test.call(credentialTestFunctions() as never, { data: credential } as never);
		expect(ok.status).toBe('OK');
		expect(ok.message).toMatch(/^Connected: the token reads the account's \d+ order statuses\. BaseLinker itself mails customers: .*Automatic actions/);
		const bad = await test.call(credentialTestFunctions() as never, { data: { ...credential, token: 'not-the-token' } } as never);
		expect(bad).toMatchObject({ status: 'Error', message: expect.stringMatching(/API token in the BaseLinker credential/) });
		expect(bad.message).not.toContain('not-the-token');
	});
});
