import * as iconv from 'iconv-lite';
import { detectChanges, snapshotOf } from '../../../lib/changes/detect';
import { parseOrderList, toOrder } from '../../../lib/connectors/pohoda';
import { chooseLanguage } from '../../../lib/mail';

const NS = ['rsp:response', 'typ:type', 'lst:list', 'ord:order']
	.map((e) => ` xmlns:${e.split(':')[0]}="http://www.stormware.cz/schema/version_2/${e.split(':')[1]}.xsd"`)
	.join('');

/** A received order as mServer lists it; `header` adds header elements, `partner` the partner identity, `after` elements after the lines. */
function listed(header: string, partner = '<typ:address><typ:name>Jana</typ:name><typ:country><typ:ids>SK</typ:ids></typ:country></typ:address>', after = '') {
	const xml = `<?xml version="1.0" encoding="Windows-1250"?>
<rsp:responsePack version="2.0" id="p1" state="ok" ico="12345678"${NS}><rsp:responsePackItem version="2.0" id="1" state="ok">
<lst:listOrder version="2.0" dateTimeStamp="2026-11-22T10:15:30" state="ok"><lst:order version="2.0"><ord:orderHeader><ord:id>9</ord:id>
<ord:orderType>receivedOrder</ord:orderType><ord:date>2026-11-20</ord:date><ord:partnerIdentity>${partner}</ord:partnerIdentity>${header}</ord:orderHeader>
<ord:orderDetail><ord:orderItem><ord:text>Čaj</ord:text><ord:quantity>2</ord:quantity><ord:delivered>2</ord:delivered><ord:code>TEA</ord:code></ord:orderItem></ord:orderDetail>${after}</lst:order>
</lst:listOrder></rsp:responsePackItem></rsp:responsePack>`;
	return toOrder(parseOrderList(iconv.encode(xml, 'win1250')).orders[0]);
}

describe('POHODA: a delivered order (Dodáno) is shipped', () => {
	it('ord:isDelivered true makes the order shipped; false or absent does not', () => {
		expect(listed('<ord:isDelivered>true</ord:isDelivered>').shipped).toBe(true);
		expect(listed('<ord:isDelivered>false</ord:isDelivered>').shipped).toBeUndefined();
		expect(listed('').shipped).toBeUndefined();
	});

	it('a consignment (Zásilky, agenda "shipments") linked to the order makes it shipped; an issue slip alone does not', () => {
		const link = (agenda: string) =>
			`<ord:linkedDocuments><typ:link><typ:sourceAgenda>${agenda}</typ:sourceAgenda><typ:sourceDocument><typ:id>5</typ:id><typ:number>Z-5</typ:number></typ:sourceDocument></typ:link></ord:linkedDocuments>`;
		expect(listed('', undefined, link('shipments')).shipped).toBe(true);
		expect(listed('', undefined, link('issueSlip')).shipped).toBeUndefined();
	});

	it('becoming delivered is one shipped event, and seen again none', () => {
		const before = listed('<ord:isDelivered>false</ord:isDelivered>');
		const after = listed('<ord:isDelivered>true</ord:isDelivered>');
		const kinds = detectChanges(snapshotOf(before), after, undefined, { shipped: true }).map((e) => e.kind);
		expect(kinds).toEqual(['shipped']);
		expect(detectChanges(snapshotOf(after), after, undefined, { shipped: true })).toEqual([]);
	});

	it('an order invoiced (Vyřízeno) and delivered at once is completed, not shipped: one mail, the completed one', () => {
		const before = listed('<ord:isDelivered>false</ord:isDelivered>');
		const after = listed('<ord:isExecuted>true</ord:isExecuted><ord:isDelivered>true</ord:isDelivered>');
		expect(detectChanges(snapshotOf(before), after, undefined, { shipped: true }).map((e) => e.kind)).toEqual(['completed']);
	});

	it('the customer\'s country comes from the partner address, else from the delivery address, and picks the language', () => {
		expect(chooseLanguage(listed(''), 'en').language).toBe('sk');
		const shipTo = listed('', '<typ:address><typ:name>Jan</typ:name></typ:address><typ:shipToAddress><typ:name>Jan</typ:name><typ:country><typ:ids>PL</typ:ids></typ:country></typ:shipToAddress>');
		expect(shipTo.customer.country).toBe('PL');
		expect(chooseLanguage(shipTo, 'en')).toEqual({ language: 'pl', source: 'country' });
	});
});
