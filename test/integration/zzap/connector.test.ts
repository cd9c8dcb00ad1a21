import type { FetchedOrder } from '../../../lib/connectors/marketplace';
import { decodeAnswer, toMoscow, ZzapCredentialError, ZzapMarketplace, ZzapTooManyError, type ZzapMarketplaceOptions } from '../../../lib/connectors/zzap';
import { decideByStock, sendDecisionStatuses } from '../../../lib/rules';
import { nodeHttpSend, VendorAnswerError, VendorError, type HttpSend } from '../../../lib/transport';
import { DEFAULT_STATUSES, moscowTime, startZzapSimulator, type SimAccount, type ZzapSimulator } from '../../simulators/zzap';

let run = 0;

/** What n8n's credential does: appends login, password and api_key to the form body. */
function sendAs(account: Pick<SimAccount, 'login' | 'password' | 'apiKey'>): HttpSend {
	const plain = nodeHttpSend();
	return (request) => {
		const form = new URLSearchParams(String(request.body ?? ''));
		form.set('login', account.login);
		form.set('password', account.password);
		form.set('api_key', account.apiKey);
		return plain({ ...request, body: form.toString() });
	};
}

function connectorFor(sim: ZzapSimulator, options: Partial<ZzapMarketplaceOptions> & { password?: string } = {}) {
	const account = { ...sim.account, password: options.password ?? sim.account.password };
	return new ZzapMarketplace({ baseUrl: sim.url, login: `${account.login}#${run}`, send: sendAs(account), intervalMs: 0, wait: async () => undefined, ...options });
}

async function collect(iterable: AsyncIterable<FetchedOrder[]>) {
	const all: FetchedOrder[] = [];
	for await (const page of iterable) all.push(...page);
	return all;
}

const lastHour = () => ({ since: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() });
const orders = (fetched: FetchedOrder[]) => fetched.map((f) => (f.ok ? f.order : undefined)).filter((o) => o !== undefined);

describe('ZZAP connector against the simulator', () => {
	let sim: ZzapSimulator;
	beforeEach(async () => {
		run++;
		sim = await startZzapSimulator();
	});
	afterEach(() => sim.close());

	it('groups one buyer’s positions created together into one order, each position once', async () => {
		const [a, b] = sim.addOrder([{ partnumber: 'W712/95', price: 690, qty_order: 2 }, { partnumber: 'OC90', class_man: 'KNECHT', price: 450 }]);
		const other = sim.addPosition({ client_email: 'petrov@example.ru', client_name: 'Пётр Петров', partnumber: '0986494', price: 2100 });
		const found = orders(await collect(connectorFor(sim).ordersCreated(lastHour())));
		expect(found.map((o) => [o.id, o.lines.map((l) => l.id)])).toEqual([
			[String(a.code_order), [String(a.code_order), String(b.code_order)]],
			[String(other.code_order), [String(other.code_order)]],
		]);
		expect(found[0]).toMatchObject({
			system: 'zzap',
			status: { code: '1', label: 'Новый' },
			canonicalStatus: 'new',
			customer: { id: 'zzap:ivanov@example.ru', email: 'ivanov@example.ru', phone: '+79161234567', region: 'Московская область' },
			totals: { gross: 1830 },
		});
		expect(found[0].lines[0]).toMatchObject({ sku: 'W712/95', productId: 'MANN-FILTER:W712/95', quantity: 2, unitPrice: 690, total: 1380 });
		const call = sim.requests.find((r) => r.name === 'GetSellerOrdersV3');
		expect(call?.params).toMatchObject({ row_count: '10000', call_data: '', codes_track: '' });
		expect(call?.params.date_from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
	});

	it('filters on the last event in Moscow time and leaves out older orders updated in the window', async () => {
		const old = sim.addPosition({ create_date: moscowTime(Date.now() - 5 * 86_400_000), date_last: moscowTime(Date.now() - 60_000) });
		const fresh = sim.addPosition({ create_date: moscowTime(Date.now() - 20 * 60_000) });
		const outside = sim.addPosition({ create_date: moscowTime(Date.now() - 3 * 3_600_000) });
		const found = orders(await collect(connectorFor(sim).ordersCreated(lastHour())));
		expect(found.map((o) => o.id)).toEqual([String(fresh.code_order)]);
		const listed = sim.requests.length;
		expect(listed).toBe(1);
		// both sent dates are Moscow wall-clock: 3 h ahead of UTC
		const sent = sim.requests[0].params.date_to;
		expect(Math.abs(Date.parse(`${sent}Z`) - 3 * 3_600_000 - Date.now())).toBeLessThan(5000);
		expect([old, outside].map((p) => String(p.code_order))).not.toContain(found[0].id);
		expect(found[0].createdAt).toBe(new Date(Date.parse(`${fresh.create_date}Z`) - 3 * 3_600_000).toISOString());
	});

	it('splits the window when an answer is full, since GetSellerOrdersV3 has no paging', async () => {
		const start = Date.now() - 50 * 60_000;
		for (let i = 0; i < 25; i++) sim.addPosition({ client_email: `b${i}@example.ru`, create_date: moscowTime(start + i * 60_000) });
		const found = orders(await collect(connectorFor(sim, { rowCount: 10 }).ordersCreated(lastHour())));
		expect(new Set(found.map((o) => o.id)).size).toBe(25);
		expect(sim.requests.filter((r) => r.name === 'GetSellerOrdersV3').length).toBeGreaterThan(3);
	});

	it('reads the account’s own status codes and sets a status per position with the buyer reply', async () => {
		await sim.close();
		const codes = DEFAULT_STATUSES.map((s) => ({ ...s, code_track: s.code_track + 100 }));
		sim = await startZzapSimulator({ accounts: [{ login: 'other@example.ru', password: 'p', apiKey: 'k', statuses: codes }] });
		const [a, b] = sim.addOrder([{ partnumber: 'A1', code_track: 101 }, { partnumber: 'B2', code_track: 101 }], { login: 'other@example.ru' });
		const zzap = connectorFor(sim);
		const statuses = await zzap.loadStatuses();
		expect(statuses).toMatchObject({ accepted: '102', rejected: '106' });
		expect((await zzap.rejectReasons()).map((r) => r.id)).toEqual(['106', '107', '108', '101', '102', '103', '104', '105']);
		const order = await zzap.getOrder(String(a.code_order));
		expect(zzap.awaitsDecision(order)).toBe(true);

		const decision = decideByStock(order, [{ sku: 'A1', stock: 5 }], { allowPartial: true });
		await sendDecisionStatuses(zzap, order, decision.positions, statuses, { id: '107', message: 'Цена изменилась, извините' });
		expect(sim.positions.get(a.code_order)).toMatchObject({ code_track: 102, descr_track: 'В работе', response: 'Заказ принят в работу' });
		expect(sim.positions.get(b.code_order)).toMatchObject({ code_track: 107, response: 'Цена изменилась, извините' });
		const after = await zzap.getOrder(String(a.code_order));
		expect(after.status.code).toBe('mixed');
		expect(zzap.awaitsDecision(after)).toBe(false);
	});

	it('refuses part of a position, a status not in the list, and tracking numbers', async () => {
		const [a] = sim.addOrder([{ qty_order: 3 }]);
		const zzap = connectorFor(sim);
		const order = await zzap.getOrder(String(a.code_order));
		await expect(zzap.accept(order, [{ positionId: String(a.code_order), quantity: 1 }])).rejects.toThrow(/whole \(3 pcs\)/);
		await expect(zzap.setStatus(order, '55', [{ positionId: String(a.code_order), quantity: 3 }])).rejects.toThrow(/no status "55"/);
		await expect(zzap.setTracking(order.id)).rejects.toThrow(/no method for a tracking number/);
		expect(sim.requests.filter((r) => r.name === 'SetOrderStatusV3')).toEqual([]);
	});

	it('names the credential fields when ZZAP refuses the login, without echoing the password', async () => {
		const error = await connectorFor(sim, { password: 'wrong-secret' }).loadStatuses().catch((e) => e);
		expect(error).toBeInstanceOf(ZzapCredentialError);
		expect(error.message).toMatch(/login e-mail, password and API key/);
		expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('wrong-secret');
	});

	it('waits and tries again when ZZAP answers "too many", and gives up with the setting to change', async () => {
		sim.setMinInterval(200);
		const waits: number[] = [];
		const zzap = connectorFor(sim, { intervalMs: 0, wait: async (ms) => {
			waits.push(ms);
			await new Promise((r) => setTimeout(r, 250));
		} });
		await zzap.loadStatuses();
		await collect(zzap.ordersCreated(lastHour()));
		expect(sim.requests.filter((r) => r.error === 'too many').length).toBeGreaterThan(0);
		expect(waits.length).toBeGreaterThan(0);

		const impatient = connectorFor(sim, { tooManyRetries: 1, wait: async () => undefined });
		await impatient.loadStatuses().catch(() => undefined);
		const error = await impatient.client.statuses().catch((e) => e);
		expect(error).toBeInstanceOf(ZzapTooManyError);
		expect(error.message).toMatch(/Seconds Between Requests/);
	});

	it('paces requests of one login at the configured interval so ZZAP never refuses them', async () => {
		sim.setMinInterval(150);
		const zzap = new ZzapMarketplace({ baseUrl: sim.url, login: `paced-${run}`, send: sendAs(sim.account), intervalMs: 200 });
		const started = Date.now();
		await zzap.client.statuses();
		await zzap.client.statuses();
		await zzap.client.statuses();
		expect(Date.now() - started).toBeGreaterThanOrEqual(380);
		expect(sim.requests.filter((r) => r.error)).toEqual([]);
	});

	it('refuses answers that are not ZZAP’s XML: a DOCTYPE, HTML, broken JSON, a plain-text ASMX failure', async () => {
		const zzap = connectorFor(sim, { retry: { maxRetries: 0 } });
		sim.failNext('GetCodesTrack', { body: '<?xml version="1.0"?><!DOCTYPE string [<!ENTITY x "boom">]><string>&x;</string>' });
		await expect(zzap.client.statuses()).rejects.toThrow(/DOCTYPE or ENTITY; it was refused unread/);
		sim.failNext('GetCodesTrack', { body: '<html><body>Login</body></html>', contentType: 'text/html' });
		await expect(zzap.client.statuses()).rejects.toBeInstanceOf(VendorAnswerError);
		sim.failNext('GetCodesTrack', { body: '<string xmlns="http://www.zzap.ru/">{"error": </string>' });
		await expect(zzap.client.statuses()).rejects.toThrow(/not a JSON object/);
		sim.failNext('GetCodesTrack', { status: 500, body: 'System.InvalidOperationException: Missing parameter: api_key.\r\n   at System.Web', contentType: 'text/plain' });
		await expect(zzap.client.statuses()).rejects.toThrow(/HTTP 500.*Missing parameter: api_key\.$/);
	});

	it('decodes escaped markup inside the JSON and sends every declared parameter as a form field', async () => {
		expect(decodeAnswer('X', Buffer.from('<string>{"error":"","note":"a &lt;b&gt; &amp; c"}</string>'))).toEqual({ error: '', note: 'a <b> & c' });
		const [a] = sim.addOrder([{}]);
		const zzap = connectorFor(sim);
		const order = await zzap.getOrder(String(a.code_order));
		await zzap.setStatus(order, (await zzap.loadStatuses()).accepted, [{ positionId: order.id, quantity: 1 }]);
		const set = sim.requests.find((r) => r.name === 'SetOrderStatusV3');
		expect(Object.keys(set?.params ?? {}).sort()).toEqual(['api_key', 'call_data', 'code_order', 'code_track', 'login', 'password', 'response']);
		expect(sim.requests.every((r) => r.method === 'POST')).toBe(true);
	});

	it('reports a position it cannot read and keeps the rest', async () => {
		sim.addPosition({ client_email: 'ok@example.ru' });
		sim.addPosition({ client_email: 'bad@example.ru', price: 'n/a' as never });
		const all = await collect(connectorFor(sim).ordersCreated(lastHour()));
		expect(all.filter((f) => f.ok)).toHaveLength(1);
		const bad = all.find((f) => !f.ok);
		expect(bad && !bad.ok && bad.error).toBeInstanceOf(VendorError);
		expect(bad && !bad.ok && bad.error.message).toMatch(/price "n\/a"/);
	});

	it('writes the Moscow time ZZAP reads', () => {
		expect(toMoscow(Date.UTC(2026, 11, 7, 21, 30, 5))).toBe('2026-12-08T00:30:05');
	});
});
