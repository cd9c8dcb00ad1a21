import { nodeHttpSend, type HttpRequest } from '../../../lib/transport';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../../simulators/prestashop';

const send = nodeHttpSend();

describe('PrestaShop simulator fidelity (as the real 8.1.2 answers)', () => {
	let sim: PrestaShopSimulator;
	const call = (method: HttpRequest['method'], path: string, qs: HttpRequest['qs'] = {}, body?: string, key = sim.key) =>
		send({ method, url: `${sim.url}/api/${path}`, qs, body, headers: key ? { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` } : {} }).then((r) => ({
			status: r.status,
			type: String(r.headers['content-type'] ?? ''),
			text: r.body.toString('utf8'),
		}));

	beforeEach(async () => {
		sim = await startPrestaShopSimulator();
	});
	afterEach(() => sim.close());

	it('refuses a missing, malformed or unknown key with 401 and its error code', async () => {
		const none = await call('GET', 'orders', {}, undefined, '');
		expect(none.status).toBe(401);
		expect(none.text).toContain('<code><![CDATA[17]]></code>');
		expect((await call('GET', 'orders', {}, undefined, 'BAD')).text).toContain('Invalid authentication key format');
		expect((await call('GET', 'orders', {}, undefined, 'X'.repeat(32))).text).toContain('No permission for this authentication key');
		expect((await call('GET', 'configurations')).status).toBe(401);
	});

	it('writes the XML envelope with CDATA and xlink links; a list without display is links only', async () => {
		const one = await call('GET', 'orders/1');
		expect(one.type).toBe('text/xml;charset=utf-8');
		expect(one.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<prestashop xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink">/);
		expect(one.text).toMatch(/<current_state xlink:href="http:\/\/127.0.0.1:\d+\/api\/order_states\/2"><!\[CDATA\[2\]\]><\/current_state>/);
		expect(one.text).toContain('<order_rows nodeType="order_row" virtualEntity="true">');
		const list = await call('GET', 'orders');
		expect(list.text).toMatch(/<order id="1" xlink:href="[^"]+\/api\/orders\/1"\/>/);
		expect(list.text).not.toContain('CDATA');
	});

	it('filters on dates only with date=1 (else HTTP 500, error 32 and PHP warnings); sorts, limits, filters ORs and ranges', async () => {
		const refused = await call('GET', 'orders', { 'filter[date_upd]': '>[2020-01-01 00:00:00]' });
		expect(refused.status).toBe(500);
		expect(refused.text).toContain('<code><![CDATA[32]]></code>');
		expect(refused.text).toContain('PHP Warning');
		expect((await call('GET', 'orders', { sort: '[date_upd_ASC]' })).status).toBe(500);
		const dated = await call('GET', 'orders', { 'filter[date_upd]': '>[2020-01-01 00:00:00]', date: 1, display: '[id]', sort: '[id_DESC]', limit: '1,2' });
		expect(dated.status).toBe(200);
		expect([...dated.text.matchAll(/<id><!\[CDATA\[(\d+)\]\]>/g)].map((m) => m[1])).toEqual(['3', '2']);
		const states = await call('GET', 'order_states', { display: '[id]', 'filter[id]': '[3|5|7]' });
		expect([...states.text.matchAll(/CDATA\[(\d+)\]/g)].map((m) => m[1]).sort()).toEqual(['3', '5', '7']);
		const range = await call('GET', 'order_states', { display: '[id]', 'filter[id]': '[4,2]', sort: '[id_ASC]' });
		expect([...range.text.matchAll(/CDATA\[(\d+)\]/g)].map((m) => m[1])).toEqual(['2', '3', '4']);
		const unsorted = await call('GET', 'order_states', { display: '[id]' });
		const ids = [...unsorted.text.matchAll(/CDATA\[(\d+)\]/g)].map((m) => Number(m[1]));
		expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
		expect((await call('GET', 'orders', { display: '[id,nope]' })).text).toContain('<code><![CDATA[35]]></code>');
	});

	it('keeps dates as shop-local wall times without an offset', async () => {
		const text = (await call('GET', 'orders/1', { display: '[id,date_upd]' })).text;
		const local = /<date_upd><!\[CDATA\[([^\]]+)\]\]>/.exec(text)?.[1] ?? '';
		expect(local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		const bratislava = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Bratislava', dateStyle: 'short', timeStyle: 'medium' }).format(new Date());
		expect(Math.abs(Date.parse(local.replace(' ', 'T')) - Date.parse(bratislava.replace(' ', 'T')))).toBeLessThan(5000);
	});

	it('answers an unknown id with an empty 404, an unknown state with an empty 500, JSON bodies with an XML parse error', async () => {
		const missing = await call('GET', 'orders/999');
		expect([missing.status, missing.text]).toEqual([404, '']);
		const unknown = await call('POST', 'order_histories', {}, '<prestashop><order_history><id_order>1</id_order><id_order_state>99</id_order_state></order_history></prestashop>');
		expect([unknown.status, unknown.text]).toEqual([500, '']);
		const json = await call('POST', 'order_histories', {}, JSON.stringify({ order_history: { id_order: 1, id_order_state: 3 } }));
		expect(json.status).toBe(500);
		expect(json.text).toContain('<code><![CDATA[127]]></code>');
	});

	it('mails per request: only with sendemail=1 and a template; the same state twice is a second row and a second mail', async () => {
		const post = (state: string, qs: HttpRequest['qs'] = {}) =>
			call('POST', 'order_histories', qs, `<prestashop><order_history><id_order>2</id_order><id_order_state>${state}</id_order_state></order_history></prestashop>`);
		expect((await post('2')).status).toBe(201);
		expect(sim.mails).toHaveLength(0);
		await post('3', { sendemail: 1 });
		await post('3', { sendemail: 1 });
		await post('5', { sendemail: 1 });
		expect(sim.mailsTo('jiri.dvorak@example.cz')).toEqual(['preparation', 'preparation']);
		expect(sim.mails[0]).toMatchObject({ subject: 'Zpracovává se', idLang: '3', uri: '/api/order_histories?sendemail=1' });
		expect(sim.history('2')).toEqual(['10', '2', '3', '3', '5']);
	});

	it('PUT replaces the whole object: a required field left out is refused, another is wiped; the body id picks the record', async () => {
		const partial = await call('PUT', 'order_carriers/2', {}, '<prestashop><order_carrier><id>2</id><tracking_number>X1</tracking_number></order_carrier></prestashop>');
		expect(partial.status).toBe(400);
		expect(partial.text).toContain('parameter "id_order" required');
		const patched = await call('PATCH', 'order_carriers/2', {}, '<prestashop><order_carrier><id>2</id><tracking_number>X1</tracking_number></order_carrier></prestashop>');
		expect(patched.status).toBe(200);
		expect(patched.text).toContain('<weight><![CDATA[0.500000]]></weight>');
		const wiped = await call('PUT', 'order_carriers/1', {}, '<prestashop><order_carrier><id>2</id><id_order>2</id_order><id_carrier>2</id_carrier><tracking_number>X2</tracking_number></order_carrier></prestashop>');
		expect(wiped.text).toContain('<weight><![CDATA[]]></weight>');
		expect(sim.db.order_carriers.get('2')?.tracking_number).toBe('X2');
		expect(sim.db.order_carriers.get('1')?.tracking_number).toBe('');
		expect((await call('PATCH', 'order_carriers/2', {}, '<prestashop><order_carrier><id>2</id><tracking_number>Č1</tracking_number></order_carrier></prestashop>')).status).toBe(400);
		// A PUT of an order without current_state sets it to 0; with a new one it mails, sendemail or not.
		const before = sim.mails.length;
		const order = (await call('GET', 'orders/3')).text.replace(/<associations>[\s\S]*<\/associations>/, '').replace(/<current_state[^>]*>.*<\/current_state>/, '<current_state>6</current_state>');
		await call('PUT', 'orders/3', {}, order);
		expect(sim.mails.length).toBe(before + 1);
		await call('PUT', 'orders/3', {}, order.replace('<current_state>6</current_state>', ''));
		expect(sim.db.orders.get('3')?.current_state).toBe('0');
	});

	it('serves /api/?url=… and, without URL rewriting, only that form', async () => {
		const plain = await startPrestaShopSimulator({ friendlyUrls: false });
		try {
			const auth = { authorization: `Basic ${Buffer.from(`${plain.key}:`).toString('base64')}` };
			expect((await send({ method: 'GET', url: `${plain.url}/api/orders/1`, headers: auth })).status).toBe(404);
			const viaQuery = await send({ method: 'GET', url: `${plain.url}/api/`, qs: { url: 'orders/1', display: '[id]' }, headers: auth });
			expect(viaQuery.status).toBe(200);
			expect(viaQuery.body.toString()).toContain('<id><![CDATA[1]]></id>');
		} finally {
			await plain.close();
		}
	});
});

describe('PrestaShop simulator release modes (what 1.7.8, 8.x and 9.x answer differently, from their source)', () => {
	const rootOf = async (version: string) => {
		const sim = await startPrestaShopSimulator({ version, rights: { order_states: ['GET', 'HEAD'] } });
		try {
			const auth = { authorization: `Basic ${Buffer.from(`${sim.key}:`).toString('base64')}` };
			const root = await send({ method: 'GET', url: `${sim.url}/api/`, headers: auth });
			const patch = await send({ method: 'PATCH', url: `${sim.url}/api/order_carriers/2`, headers: auth, body: '<prestashop><order_carrier><id>2</id><tracking_number>X1</tracking_number></order_carrier></prestashop>' });
			const refused = await send({ method: 'GET', url: `${sim.url}/api/orders`, headers: { authorization: `Basic ${Buffer.from(`${'X'.repeat(32)}:`).toString('base64')}` } });
			return { root: { header: root.headers['psws-version'], text: root.body.toString() }, patch: { status: patch.status, text: patch.body.toString() }, refusedHeader: refused.headers['psws-version'] };
		} finally {
			await sim.close();
		}
	};

	it('1.7.8: no PATCH (405, code 23) and no patch right at /api/; its version once the key is accepted', async () => {
		const { root, patch, refusedHeader } = await rootOf('1.7.8.11');
		expect(root.header).toBe('1.7.8.11');
		expect(refusedHeader).toBeUndefined();
		expect(root.text).toMatch(/<order_states xlink:href="[^"]+" get="true" put="false" post="false" delete="false" head="true">/);
		expect(root.text).not.toContain('patch=');
		expect(patch.status).toBe(405);
		expect(patch.text).toContain('Method PATCH is not valid');
	});

	it.each(['8.1.2', '9.0.1'])('%s: PATCH and the patch right', async (version) => {
		const { root, patch } = await rootOf(version);
		expect(root.header).toBe(version);
		expect(root.text).toMatch(/<api shopName="Real Presta">/);
		expect(root.text).toMatch(/<order_states xlink:href="[^"]+" get="true" put="false" post="false" patch="false" delete="false" head="true"><description /);
		expect(patch.status).toBe(200);
	});
});
