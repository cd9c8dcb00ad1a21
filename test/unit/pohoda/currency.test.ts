import { toOrder } from '../../../lib/connectors/pohoda/mapping';
import type { WireOrder } from '../../../lib/connectors/pohoda/wire';

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
});
