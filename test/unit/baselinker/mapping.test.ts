import { blockedUntil, flag, toOrder, type BlOrder } from '../../../lib/connectors/baselinker';

const wire = (partial: Partial<BlOrder>): BlOrder => ({
	order_id: 1,
	order_status_id: '7',
	confirmed: true,
	date_confirmed: 1_765_000_100,
	date_add: 1_765_000_000,
	date_in_status: 1_765_000_500,
	products: [],
	...partial,
});

describe('BaseLinker mapping', () => {
	it('reads flags however BaseLinker writes them', () => {
		expect([true, 1, '1', 'true'].map(flag)).toEqual([true, true, true, true]);
		expect([false, 0, '0', '', undefined].map(flag)).toEqual([false, false, false, false, false]);
	});

	it('computes the total from gross lines and delivery, prices given as strings too', () => {
		const order = toOrder(
			wire({
				delivery_price: '15,50',
				products: [
					{ order_product_id: 5, name: 'A', price_brutto: '123.00', tax_rate: '23', quantity: '2' },
					{ order_product_id: 6, name: 'B', product_id: '0', price_brutto: 10.8, tax_rate: 8, quantity: 1 },
				],
			}),
		);
		expect(order.totals).toEqual({ shipping: 15.5, tax: 46.8, gross: 272.3 });
		expect(order.lines[1]).not.toHaveProperty('productId');
		expect(order.updatedAt).toBe('2025-12-06T05:55:00Z');
	});

	it('keeps the marketplace link, and no empty one', () => {
		expect(toOrder(wire({ order_source: 'allegro', external_order_id: ' 123 ', shop_order_id: 0 })).externalIds).toEqual({ allegro: '123' });
		expect(toOrder(wire({ order_source: 'personal', external_order_id: '' })).externalIds).toEqual({});
	});

	it('reads the "blocked until" time as Warsaw time, summer and winter', () => {
		expect(new Date(blockedUntil('Token blocked until 2026-12-07 12:03:04.', 0)!).toISOString()).toBe('2026-12-07T11:03:04.000Z');
		expect(new Date(blockedUntil('token blocked until 2026-07-01 12:00:00', 0)!).toISOString()).toBe('2026-07-01T10:00:00.000Z');
		expect(blockedUntil('Query limit exceeded', 0)).toBeUndefined();
	});
});
