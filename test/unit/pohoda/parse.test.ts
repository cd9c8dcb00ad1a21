import * as iconv from 'iconv-lite';
import { parseOrderList, parseResponsePack, parseStatus, toOrder } from '../../../lib/connectors/pohoda';
import { VendorError } from '../../../lib/transport';

const NS = ['rsp:response', 'rdc:documentresponse', 'typ:type', 'lst:list', 'ord:order']
	.map((e) => ` xmlns:${e.split(':')[0]}="http://www.stormware.cz/schema/version_2/${e.split(':')[1]}.xsd"`)
	.join('');

function listResponse(orders: string, extra = ''): Buffer {
	const xml = `<?xml version="1.0" encoding="Windows-1250"?>
<rsp:responsePack version="2.0" id="p1" state="ok" ico="12345678"${NS}>
<rsp:responsePackItem version="2.0" id="1" state="ok">
<lst:listOrder version="2.0" dateTimeStamp="2026-11-22T10:15:30" dateValidFrom="2026-11-22" state="ok">${extra}${orders}</lst:listOrder>
</rsp:responsePackItem></rsp:responsePack>`;
	return iconv.encode(xml, 'win1250');
}

const line = (id: number, text: string, qty: number, price: number, code = `K-${id}`) =>
	`<ord:orderItem><ord:id>${id}</ord:id><ord:text>${text}</ord:text><ord:quantity>${qty}</ord:quantity><ord:delivered>0</ord:delivered><ord:rateVAT>high</ord:rateVAT><ord:homeCurrency><typ:unitPrice>${price}</typ:unitPrice><typ:priceSum>${qty * price}</typ:priceSum></ord:homeCurrency><ord:code>${code}</ord:code></ord:orderItem>`;

const order = (id: number, lines: string[], header = '') =>
	`<lst:order version="2.0"><ord:orderHeader><ord:id>${id}</ord:id><ord:extId><typ:ids>W-${id}</typ:ids><typ:exSystemName>eshop</typ:exSystemName></ord:extId><ord:orderType>receivedOrder</ord:orderType><ord:number><typ:numberRequested>OP${id}</typ:numberRequested></ord:number><ord:date>2026-11-20</ord:date><ord:partnerIdentity><typ:address><typ:name>Jiří Šťastný &amp; syn</typ:name><typ:city>Plzeň</typ:city><typ:country><typ:ids>CZ</typ:ids></typ:country><typ:email>jiri@example.cz</typ:email></typ:address></ord:partnerIdentity>${header}</ord:orderHeader>${
		lines.length ? `<ord:orderDetail>${lines.join('')}</ord:orderDetail>` : ''
	}</lst:order>`;

describe('parsing a list of received orders', () => {
	it('reads one order with one line as arrays, with Czech letters from Windows-1250', () => {
		const page = parseOrderList(listResponse(order(1, [line(11, 'Čaj Ťeň', 2, 45.5)], '<ord:isExecuted>false</ord:isExecuted>')));
		expect(page.dateTimeStamp).toBe('2026-11-22T10:15:30');
		expect(page.orders).toHaveLength(1);
		const mapped = toOrder(page.orders[0]);
		expect(mapped).toMatchObject({
			system: 'pohoda',
			id: '1',
			number: 'OP1',
			externalIds: { pohoda: '1', shop: 'W-1', eshop: 'W-1' },
			status: { code: 'new' },
			canonicalStatus: 'new',
			customer: { email: 'jiri@example.cz', name: 'Jiří Šťastný & syn', country: 'CZ' },
			billingAddress: { city: 'Plzeň' },
			lines: [{ id: '11', sku: 'K-11', name: 'Čaj Ťeň', quantity: 2, unitPrice: 45.5, total: 91 }],
		});
	});

	it('reads many orders with many lines', () => {
		const page = parseOrderList(
			listResponse([order(1, [line(1, 'a', 1, 1), line(2, 'b', 2, 2), line(3, 'c', 3, 3)]), order(2, [line(4, 'd', 1, 9)]), order(3, [])].join('')),
		);
		const orders = page.orders.map((o) => toOrder(o));
		expect(orders.map((o) => o.id)).toEqual(['1', '2', '3']);
		expect(orders.map((o) => o.lines.length)).toEqual([3, 1, 0]);
	});

	it('reads an empty list', () => {
		expect(parseOrderList(listResponse('')).orders).toEqual([]);
	});

	it('tolerates missing optional fields', () => {
		const bare = '<lst:order version="2.0"><ord:orderHeader><ord:id>9</ord:id></ord:orderHeader><ord:orderDetail><ord:orderItem><ord:text>x</ord:text></ord:orderItem></ord:orderDetail></lst:order>';
		const mapped = toOrder(parseOrderList(listResponse(bare)).orders[0]);
		expect(mapped).toMatchObject({ id: '9', externalIds: { pohoda: '9' }, customer: {}, lines: [{ name: 'x', quantity: 0 }], status: { code: 'new' } });
		expect(mapped.number).toBeUndefined();
		expect(mapped.billingAddress).toBeUndefined();
	});

	it('maps executed, partly delivered and cancelled orders', () => {
		const executed = order(1, [line(1, 'a', 1, 1)], '<ord:isExecuted>true</ord:isExecuted>');
		const partial = order(2, [line(2, 'b', 2, 1).replace('<ord:delivered>0</ord:delivered>', '<ord:delivered>1</ord:delivered>')]);
		const cancelled = order(3, [], '<ord:storno>cancelledDocument</ord:storno><ord:dateCancellation>2026-11-21</ord:dateCancellation>');
		const orders = parseOrderList(listResponse(executed + partial + cancelled)).orders.map((o) => toOrder(o));
		expect(orders.map((o) => [o.status.code, o.canonicalStatus])).toEqual([
			['executed', 'completed'],
			['processing', 'processing'],
			['cancelled', 'cancelled'],
		]);
		expect(orders[0].status.label).toBe('Vyřízeno');
	});

	it('keeps the warnings of the list', () => {
		const warning = '<lst:importDetails><rdc:detail><rdc:state>warning</rdc:state><rdc:errno>5</rdc:errno><rdc:note>Příliš mnoho záznamů</rdc:note></rdc:detail></lst:importDetails>';
		const page = parseOrderList(listResponse(order(1, []), warning));
		expect(page.warnings).toEqual([{ state: 'warning', errno: 5, note: 'Příliš mnoho záznamů', xpath: undefined }]);
	});

	it('finds the linked invoice', () => {
		const linked = order(1, []).replace(
			'</lst:order>',
			'<ord:linkedDocuments><typ:link><typ:sourceAgenda>issuedInvoice</typ:sourceAgenda><typ:sourceDocument><typ:id>77</typ:id><typ:number>FV2026001</typ:number></typ:sourceDocument></typ:link></ord:linkedDocuments></lst:order>',
		);
		expect(toOrder(parseOrderList(listResponse(linked)).orders[0]).documents).toEqual({ invoiceId: '77', invoiceNumber: 'FV2026001' });
	});

	it('reports a number field that is not a number, naming the order', () => {
		const bad = parseOrderList(listResponse(order(5, [line(1, 'a', 1, 1).replace('<ord:quantity>1', '<ord:quantity>jedna')]))).orders[0];
		expect(() => toOrder(bad)).toThrow(/order 5: orderItem\/quantity "jedna" is not a number/);
	});
});

describe('bad answers become errors naming the fix', () => {
	const expectVendorError = (fn: () => unknown, pattern: RegExp) => {
		let caught: unknown;
		try {
			fn();
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(VendorError);
		expect((caught as Error).message).toMatch(pattern);
	};

	it('malformed XML', () => {
		const cut = listResponse(order(1, [line(1, 'a', 1, 1)])).subarray(0, 400);
		expectVendorError(() => parseOrderList(cut), /malformed XML|cut off/);
		expectVendorError(() => parseResponsePack(Buffer.from('<?xml version="1.0"?><rsp:responsePack><a></rsp:responsePack>')), /malformed XML.*line 1/);
	});

	it('a declaration that says UTF-8 over Windows-1250 bytes', () => {
		const lying = Buffer.from(listResponse(order(1, [line(1, 'Žluťoučký', 1, 1)])).toString('latin1').replace('Windows-1250', 'UTF-8'), 'latin1');
		expectVendorError(() => parseOrderList(lying), /declares UTF-8 but is not UTF-8/);
	});

	it('a declaration that says Windows-1250 over UTF-8 bytes', () => {
		const utf8 = Buffer.from(iconv.decode(listResponse(order(1, [line(1, 'Žluťoučký', 1, 1)])), 'win1250'), 'utf8');
		expectVendorError(() => parseOrderList(utf8), /declares Windows-1250 but whose bytes are UTF-8/);
	});

	it('an HTML page', () => {
		const html = Buffer.from('<!DOCTYPE html><html><body>Přihlášení</body></html>');
		expectVendorError(() => parseResponsePack(html), /HTML page instead of XML.*mServer address/);
		expectVendorError(() => parseOrderList(Buffer.from('<html></html>'), 'text/html'), /HTML page/);
	});

	it('a responsePack in state error', () => {
		const error = iconv.encode(`<?xml version="1.0" encoding="Windows-1250"?><rsp:responsePack version="2.0" id="x" state="error" note="IČO neodpovídá"${NS}/>`, 'win1250');
		expectVendorError(() => parseResponsePack(error), /refused the request: IČO neodpovídá/);
	});

	it('a status page of something else than mServer', () => {
		expectVendorError(() => parseStatus(Buffer.from('<?xml version="1.0"?><status>ok</status>')), /did not answer like POHODA mServer/);
	});
});
