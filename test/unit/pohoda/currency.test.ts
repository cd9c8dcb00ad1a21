import { toOrder } from '../../../lib/connectors/pohoda/mapping';
import { addOrderRequest } from '../../../lib/connectors/pohoda/requests/order';
import type { WireOrder } from '../../../lib/connectors/pohoda/wire';
import type { Order } from '../../../lib/model';

const item = {
	id: '7',
	text: 'Espresso beans',
	quantity: '2',
	homeCurrency: { unitPrice: '500', priceSum: '1000' },
	foreignCurrency: { unitPrice: '20', priceSum: '40' },
};

describe('POHODA order lines and currency', () => {
	test('an order in a foreign currency has its line prices in that currency, matching its total', () => {
		const wire: WireOrder = {
			orderHeader: { id: '12' },
			orderDetail: { orderItem: [item] },
			orderSummary: { homeCurrency: { priceHighSum: '1000' }, foreignCurrency: { currency: { ids: 'EUR' }, priceSum: '40' } },
		};
		const order = toOrder(wire);
		expect(order.currency).toBe('EUR');
		expect(order.totals?.gross).toBe(40);
		expect(order.lines[0]).toMatchObject({ unitPrice: 20, total: 40 });
	});

	test('an order in the home currency keeps the home prices', () => {
		const wire: WireOrder = {
			orderHeader: { id: '13' },
			orderDetail: { orderItem: [{ ...item, foreignCurrency: undefined }] },
			orderSummary: { homeCurrency: { priceHighSum: '1000' } },
		};
		const order = toOrder(wire);
		expect(order.currency).toBeUndefined();
		expect(order.lines[0]).toMatchObject({ unitPrice: 500, total: 1000 });
	});

	test('the rate POHODA keeps for an amount (100 HUF) is read as home currency per unit; the home currency names a home order', () => {
		const foreign: WireOrder = {
			orderHeader: { id: '14' },
			orderDetail: { orderItem: [item] },
			orderSummary: { foreignCurrency: { currency: { ids: 'HUF' }, rate: '6.4', amount: '100', priceSum: '40' } },
		};
		expect(toOrder(foreign, { homeCurrency: 'CZK' })).toMatchObject({ currency: 'HUF', exchangeRate: 0.064 });
		const home: WireOrder = { orderHeader: { id: '15' }, orderDetail: { orderItem: [{ ...item, foreignCurrency: undefined }] } };
		const order = toOrder(home, { homeCurrency: 'EUR' });
		expect(order.currency).toBe('EUR');
		expect(order.exchangeRate).toBeUndefined();
	});
});

describe('POHODA import request and currency', () => {
	const order = (fields: Partial<Order>): Order => ({
		system: 'woocommerce',
		id: '9',
		number: 'W-9',
		externalIds: {},
		status: { code: 'processing' },
		customer: {},
		lines: [{ name: 'Tea', quantity: 1, unitPrice: 4.5 }],
		...fields,
	});
	const options = { externalSystem: 'eshop', pricesIncludeVat: true, linkStockItems: false };

	test('the home currency defaults to CZK', () => {
		expect(addOrderRequest(order({ currency: 'CZK' }), '9', options)).not.toContain('foreignCurrency');
		expect(addOrderRequest(order({ currency: 'EUR' }), '9', options)).toContain('<typ:ids>EUR</typ:ids>');
	});

	test.each([
		['EURO', /Order W-9: currency "EURO" is not an ISO 4217 code/],
		['€', /Order W-9: currency "€" is not an ISO 4217 code/],
		[978, /Order W-9: currency 978 is not an ISO 4217 code/],
	])('currency %p is refused naming the order and the field', (currency, message) => {
		expect(() => addOrderRequest(order({ currency: currency as string }), '9', options)).toThrow(message);
	});

	test('a rate that is not a positive number is refused; a home currency that is no code too', () => {
		expect(() => addOrderRequest(order({ currency: 'EUR', exchangeRate: '25' as unknown as number }), '9', options)).toThrow(/Order W-9: exchangeRate "25"/);
		expect(() => addOrderRequest(order({ currency: 'EUR', exchangeRate: 0 }), '9', options)).toThrow(/exchangeRate 0 is not a positive number of CZK per 1 EUR/);
		expect(() => addOrderRequest(order({ currency: 'EUR' }), '9', { ...options, homeCurrency: 'Kč' })).toThrow(/Home currency "Kč" is not an ISO 4217 code/);
	});
});
