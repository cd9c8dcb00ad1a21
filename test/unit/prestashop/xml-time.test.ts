import { parsePs, psDocument, psErrorsOf, shopTimeFilterAfter, shopTimeToIso, xmlPart } from '../../../lib/connectors/prestashop';

describe('PrestaShop XML', () => {
	const order = '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><order><id><![CDATA[7]]></id><current_state xlink:href="http://x/api/order_states/3"><![CDATA[3]]></current_state><note><![CDATA[a ]]]]><![CDATA[> & <b>]]></note></order></prestashop>';

	it('reads CDATA, and values that carry an xlink', () => {
		const root = parsePs(order, 'GET orders/7');
		expect(root.order).toMatchObject({ id: '7', current_state: { '#text': '3', '@href': 'http://x/api/order_states/3' }, note: 'a ]]> & <b>' });
	});

	it('cuts off a PHP notice printed before the XML, and refuses what is not XML', () => {
		expect(parsePs(`<br />\n<b>Notice</b>: Undefined index in <b>x.php</b><br />\n${order}`, 'GET').order).toMatchObject({ id: '7' });
		expect(() => xmlPart('Invalid new order status', 'POST order_histories')).toThrow('POST order_histories: PrestaShop answered "Invalid new order status" instead of XML');
		expect(() => xmlPart('', 'GET orders/1')).toThrow('an empty body');
		expect(() => xmlPart('<!DOCTYPE html><html><body>Login</body></html>', 'GET')).toThrow(/HTML page/);
	});

	it('refuses a DOCTYPE before parsing, so no entity is expanded', () => {
		const evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><prestashop><order><id>&e;</id></order></prestashop>';
		expect(() => parsePs(evil, 'GET orders/1')).toThrow(/document type declaration \(<!DOCTYPE\)/);
	});

	it('escapes what it writes, and reads error lists with PHP warnings last', () => {
		expect(psDocument('customer_message', { message: 'a & <b> "c"', private: 1, skipped: undefined })).toContain('<customer_message><message>a &amp; &lt;b&gt; &quot;c&quot;</message><private>1</private></customer_message>');
		const errors = '<prestashop><errors><error><code><![CDATA[3]]></code><message><![CDATA[PHP Warning]]></message></error><error><code><![CDATA[32]]></code><message><![CDATA[This filter does not exist]]></message></error></errors></prestashop>';
		expect(psErrorsOf(errors)).toEqual([{ code: '32', message: 'This filter does not exist' }, { code: '3', message: 'PHP Warning' }]);
		expect(psErrorsOf('')).toEqual([]);
	});
});

describe('PrestaShop shop-local time', () => {
	it('reads wall times without an offset in the shop zone; "no date" is none', () => {
		expect(shopTimeToIso('2026-12-07 11:34:55', 'Europe/Bratislava')).toBe('2026-12-07T10:34:55Z');
		expect(shopTimeToIso('2026-07-07 11:34:55', 'Europe/Bratislava')).toBe('2026-07-07T09:34:55Z');
		expect(shopTimeToIso('0000-00-00 00:00:00', 'Europe/Bratislava')).toBeUndefined();
	});

	it('filters from an hour earlier when the clock goes back just after the instant (the autumn hour comes twice)', () => {
		expect(shopTimeFilterAfter('2026-12-07T10:34:55.900Z', 'Europe/Bratislava')).toBe('2026-12-07 11:34:55');
		// At 01:00 UTC on 2026-10-25 Bratislava goes from 03:00 back to 02:00: 00:45 UTC is 02:45, 01:15 UTC is 02:15.
		expect(shopTimeFilterAfter('2026-10-25T00:45:00Z', 'Europe/Bratislava')).toBe('2026-10-25 01:45:00');
		expect(shopTimeFilterAfter('2026-10-25T02:15:00Z', 'Europe/Bratislava')).toBe('2026-10-25 03:15:00');
	});
});
