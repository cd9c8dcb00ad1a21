import { parseOrderList, parseResponsePack, parseStatus } from '../../../lib/connectors/pohoda/parse';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const withBom = (xml: string) => Buffer.concat([BOM, Buffer.from(xml, 'utf8')]);

const list =
	'<?xml version="1.0" encoding="UTF-8"?><rsp:responsePack xmlns:rsp="r" xmlns:lst="l" xmlns:ord="o" version="2.0" id="1" state="ok">' +
	'<rsp:responsePackItem version="2.0" id="1" state="ok"><lst:listOrder version="2.0" state="ok" dateTimeStamp="2026-11-22T10:00:00">' +
	'<lst:order version="2.0"><ord:orderHeader><ord:id>5</ord:id><ord:note>Žluťoučký kůň</ord:note></ord:orderHeader></lst:order>' +
	'</lst:listOrder></rsp:responsePackItem></rsp:responsePack>';

describe('POHODA answers that start with a UTF-8 byte order mark', () => {
	test('are read like any other XML', () => {
		expect(parseResponsePack(withBom(list)).items).toHaveLength(1);
		const page = parseOrderList(withBom(list));
		expect(page.orders.map((order) => order.orderHeader?.note)).toEqual(['Žluťoučký kůň']);
		expect(page.dateTimeStamp).toBe('2026-11-22T10:00:00');
		const status = parseStatus(withBom('<?xml version="1.0" encoding="UTF-8"?><mServer><status>idle</status><ico>12345678</ico></mServer>'));
		expect(status).toMatchObject({ status: 'idle', ico: '12345678' });
	});
});
