import {
	addOrderRequest,
	clip,
	dataPack,
	escapeXml,
	invoiceFromOrderRequest,
	listOrderRequest,
	printPdfRequest,
} from '../../../lib/connectors/pohoda';
import type { Order } from '../../../lib/model';
import { describeWith } from '../../helpers/requires';
import { pohodaSchemasMissing, validateDataPacks } from '../../helpers/xsd';

const NASTY = `Žluťoučký kůň & <b>"úpěl"</b> 'ďábelské' ódy — Słoń źdźbło, Ďateľ Ľubo, Щука Жёлтый \u0001\u0008\uFFFE`;
const LONG = 'Příliš dlouhý text objednávky & <spol.> '.repeat(10); // ~400 characters

const header = { id: 'pack-1', ico: '12345678', application: 'n8n "Order" <Sync> & co', note: NASTY };

function order(overrides: Partial<Order> = {}): Order {
	return {
		system: 'woocommerce',
		id: '1001',
		number: LONG,
		externalIds: { woocommerce: '1001' },
		status: { code: 'processing' },
		customer: { email: 'jan.novak@example.cz', name: NASTY },
		billingAddress: { name: LONG, company: LONG, street: LONG, city: LONG, postcode: '602 00 & 1234567890', country: 'cz', phone: '+420 777 123 456' },
		shippingAddress: { name: NASTY, street: 'Dlouhá 1', city: 'Kraków', postcode: '30-001', country: 'PL' },
		lines: [
			{ name: LONG, sku: 'ČAJ-01&<x>', quantity: 2, unitPrice: 89.9, taxRate: 21 },
			{ name: NASTY, quantity: 1.5, unitPrice: 0, taxRate: 12 },
			{ name: 'Poštovné', quantity: 1, taxRate: 0 },
		],
		note: LONG,
		createdAt: '2026-11-20T08:30:00Z',
		...overrides,
	};
}

const options = { externalSystem: 'eshop & "woo"', pricesIncludeVat: true, linkStockItems: true };

const documents: Record<string, string> = {
	'list with every filter and limit': dataPack(header, [
		{
			id: '1',
			body: listOrderRequest({
				extSystem: LONG + NASTY,
				filter: {
					id: 7,
					extId: { ids: NASTY, system: LONG },
					dateFrom: '2026-01-01',
					dateTill: '2026-12-31',
					numbers: ['OP00001', LONG],
					lastChanges: '2026-11-22T10:00:00',
				},
				idFrom: 1,
				count: 50_000,
			}),
		},
	]),
	'list without filter': dataPack(header, [{ id: '1', body: listOrderRequest({ extSystem: 'woocommerce' }) }]),
	'order add with hostile texts': dataPack(header, [{ id: '1', body: addOrderRequest(order(), `${NASTY}${LONG}`, options) }]),
	'order add with the minimum': dataPack(header, [
		{
			id: '1',
			body: addOrderRequest(
				{ system: 'x', id: '1', externalIds: {}, status: { code: 'new' }, customer: {}, lines: [] },
				'1',
				{ externalSystem: 'eshop', pricesIncludeVat: false, linkStockItems: false },
			),
		},
	]),
	'order add in a foreign currency at POHODA’s rate': dataPack(header, [{ id: '1', body: addOrderRequest(order({ currency: 'EUR' }), '1001', options) }]),
	'order add in a foreign currency with the order’s rate': dataPack(header, [
		{ id: '1', body: addOrderRequest(order({ currency: 'HUF', exchangeRate: 0.0642 }), '1001', options) },
	]),
	'order add in the home currency of POHODA SK': dataPack(header, [
		{ id: '1', body: addOrderRequest(order({ currency: 'EUR' }), '1001', { ...options, homeCurrency: 'EUR' }) },
	]),
	'invoice from order': dataPack(header, [{ id: '1', body: invoiceFromOrderRequest(42, LONG + NASTY) }]),
	'print to PDF': dataPack(header, [
		{ id: '1', body: printPdfRequest({ agenda: 'vydane_faktury', recordId: 3, reportId: 114, fileName: `C:\\PDF\\${NASTY}.pdf` }) },
	]),
	'several items in one pack': dataPack(header, [
		{ id: '1', body: listOrderRequest({ extSystem: 'eshop', filter: { id: 1 } }) },
		{ id: '2', body: invoiceFromOrderRequest(1) },
	]),
};

describeWith('POHODA schemas and xmllint', pohodaSchemasMissing(), () => {
	let results: string[][];
	beforeAll(async () => {
		results = await validateDataPacks(Object.values(documents));
	});

	it.each(Object.keys(documents).map((name, index) => [name, index]))('%s', (_name, index) => {
		expect(results[index as number]).toEqual([]);
	});

	it('the validator does report an invalid dataPack', async () => {
		const broken = documents['list without filter'].replace('orderType="receivedOrder"', 'orderType="sale"');
		const tooLong = documents['invoice from order'].replace(/<inv:text>[^<]*<\/inv:text>/, `<inv:text>${'x'.repeat(241)}</inv:text>`);
		const [brokenErrors, longErrors] = await validateDataPacks([broken, tooLong]);
		expect(brokenErrors.join('\n')).toMatch(/orderType/);
		expect(longErrors.join('\n')).toMatch(/length/);
	});
});

describe('POHODA requests', () => {
	it('escapes markup and keeps the letters', () => {
		const xml = documents['order add with hostile texts'];
		expect(xml).not.toMatch(/<b>|\u0001|\uFFFE/);
		expect(xml).toContain('&lt;b&gt;&quot;úpěl&quot;&lt;/b&gt; &apos;ďábelské&apos;');
		expect(xml).toContain('Słoń źdźbło, Ďateľ Ľubo, Щука Жёлтый');
		expect(xml).toContain('<ord:code>ČAJ-01&amp;&lt;x&gt;</ord:code>');
	});

	it('never sends an update of an order', () => {
		for (const xml of Object.values(documents)) expect(xml).not.toMatch(/<ord:update|actionType>\s*<ord:update/);
		expect(documents['order add with hostile texts']).toContain('<ord:actionType><ord:add/></ord:actionType>');
	});

	it('names the external system whose ids POHODA is to export, clipped to its 64 characters', () => {
		expect(documents['list without filter']).toMatch(/<lst:listOrderRequest [^>]*\bextSystem="woocommerce"/);
		const long = /\bextSystem="([^"]*)"/.exec(documents['list with every filter and limit'])![1];
		expect(long).toBe(escapeXml(clip(LONG + NASTY, 64)));
	});

	it('caps the page size at 10,000', () => {
		expect(documents['list with every filter and limit']).toContain('<ftr:count>10000</ftr:count>');
	});
});

describe('XML writer', () => {
	it('escapes the five markup characters and strips what XML 1.0 forbids', () => {
		expect(escapeXml(`a&b<c>d"e'f\u0000\u001F\uD800g\t\n`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;fg\t\n');
	});

	it('clips by characters, not UTF-16 units', () => {
		expect(clip('😀😀😀', 2)).toBe('😀😀');
		expect(clip('ščř', 5)).toBe('ščř');
	});
});
