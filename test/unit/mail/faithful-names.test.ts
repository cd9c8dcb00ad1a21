import * as iconv from 'iconv-lite';
import { parseOrderList, toOrder } from '../../../lib/connectors/pohoda';
import { composeMail, faithfulOrder, hasLostLetters, type MailLanguage } from '../../../lib/mail';
import type { Order } from '../../../lib/model';

const NS = ['rsp:response', 'typ:type', 'lst:list', 'ord:order']
	.map((e) => ` xmlns:${e.split(':')[0]}="http://www.stormware.cz/schema/version_2/${e.split(':')[1]}.xsd"`)
	.join('');

/** A POHODA order as mServer lists it, encoded in Windows-1250 as POHODA stores it: letters it lacks become "?". */
function pohodaOrder(name: string, lineText: string, country: string): Order {
	const xml = `<?xml version="1.0" encoding="Windows-1250"?>
<rsp:responsePack version="2.0" id="p1" state="ok" ico="12345678"${NS}><rsp:responsePackItem version="2.0" id="1" state="ok">
<lst:listOrder version="2.0" dateTimeStamp="2026-11-22T10:15:30" state="ok"><lst:order version="2.0"><ord:orderHeader><ord:id>7</ord:id>
<ord:extId><typ:ids>1007</typ:ids></ord:extId><ord:orderType>receivedOrder</ord:orderType><ord:date>2026-11-20</ord:date>
<ord:partnerIdentity><typ:address><typ:name>${name}</typ:name><typ:country><typ:ids>${country}</typ:ids></typ:country><typ:email>c@example.com</typ:email></typ:address></ord:partnerIdentity>
</ord:orderHeader><ord:orderDetail><ord:orderItem><ord:text>${lineText}</ord:text><ord:quantity>1</ord:quantity><ord:code>TEA</ord:code></ord:orderItem></ord:orderDetail></lst:order>
</lst:listOrder></rsp:responsePackItem></rsp:responsePack>`;
	return toOrder(parseOrderList(iconv.encode(xml, 'win1250')).orders[0]);
}

/** The shop's record of the same order, which keeps every letter. */
const shopOrder = (name: string, lineText: string): Partial<Order> => ({
	customer: { name },
	billingAddress: { name },
	lines: [{ sku: 'TEA', name: lineText, quantity: 1 }],
});

const mail = (order: Order, language: MailLanguage, faithful?: Partial<Order>) =>
	composeMail({ event: 'shipped', order, language, shopName: 'Shop', faithful });

describe('names POHODA cannot store (Windows-1250) never reach a mail as "?"', () => {
	it('POHODA really loses Cyrillic, Å and ø, and keeps ß and Polish letters', () => {
		expect(pohodaOrder('Ольга Иванова', 'Чай', 'RU').customer.name).toBe('????? ???????');
		expect(pohodaOrder('Åsa Lindström', 'Te', 'SE').customer.name).toBe('?sa Lindström');
		expect(pohodaOrder('Søren Strauß', 'Te', 'DE').customer.name).toBe('S?ren Strauß');
		expect(pohodaOrder('Łucja Wąż-Źdźbło', 'Herbata żółta', 'PL').customer.name).toBe('Łucja Wąż-Źdźbło');
	});

	it.each([
		['Ольга Иванова', 'Чай улун', 'RU', 'ru', 'Здравствуйте!'],
		['Åsa Lindström', 'Te från Åland', 'SE', 'sv', 'Hej!'],
		['Søren Strauß', 'Tee für Søren', 'DE', 'de', 'Guten Tag,'],
	] as const)('%s: without the shop order the greeting is neutral and the line is named by its SKU', (name, line, country, language, greeting) => {
		const composed = mail(pohodaOrder(name, line, country), language);
		expect(composed.text).not.toMatch(/\?/);
		expect(composed.text).toContain(greeting);
		expect(faithfulOrder(pohodaOrder(name, line, country)).lines[0].name).toBe('TEA');
	});

	it.each([
		['Ольга Иванова', 'Чай улун', 'RU', 'ru'],
		['Åsa Lindström', 'Te från Åland', 'SE', 'sv'],
		['Søren Strauß', 'Tee für Søren', 'DE', 'de'],
	] as const)('%s: with the shop order the mail greets and lists by the shop\'s own text', (name, line, country, language) => {
		const order = pohodaOrder(name, line, country);
		const composed = mail(order, language, shopOrder(name, line));
		expect(composed.text).toContain(name);
		expect(composed.text).not.toMatch(/\?/);
		expect(faithfulOrder(order, shopOrder(name, line)).lines[0].name).toBe(line);
	});

	it('Polish and German letters POHODA keeps are used as they are', () => {
		const composed = mail(pohodaOrder('Łucja Wąż-Źdźbło', 'Herbata żółta', 'PL'), 'pl');
		expect(composed.text).toContain('Łucja Wąż-Źdźbło');
		expect(faithfulOrder(pohodaOrder('Jürgen Groß', 'Tee', 'DE')).customer.name).toBe('Jürgen Groß');
	});

	it('the shop\'s name wins over the ERP\'s, but a shop name that lost letters too is not used', () => {
		const order = pohodaOrder('Åsa Lindström', 'Te', 'SE');
		expect(faithfulOrder(order, { customer: { name: 'Åsa Lindström-Berg' } }).customer.name).toBe('Åsa Lindström-Berg');
		expect(faithfulOrder(order, { customer: { name: '?sa' } }).customer.name).toBeUndefined();
	});

	it('tells a lost letter from a question mark', () => {
		expect(['?sa', 'Lindstr?m', '?????', 'Jan ?', '? Petrov'].map(hasLostLetters)).toEqual([true, true, true, true, true]);
		expect(['Ready?', 'Why? Tea', 'Łucja', '', undefined].map(hasLostLetters)).toEqual([false, false, false, false, false]);
	});

	it('a shipped mail without a tracking number (POHODA marks an order delivered without one) leaves out the empty tracking line', () => {
		const order = pohodaOrder('Åsa Lindström', 'Te', 'SE');
		expect(mail(order, 'sv').text).not.toContain('Spårningsnummer');
		const tracked = mail({ ...order, tracking: [{ number: 'SE123', url: 'https://track.example/SE123' }] }, 'sv');
		expect(tracked.text).toContain('Spårningsnummer: SE123');
		expect(tracked.text).toContain('https://track.example/SE123');
	});
});
