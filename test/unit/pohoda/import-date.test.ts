import { addOrderRequest } from '../../../lib/connectors/pohoda/requests/order';
import type { Order } from '../../../lib/model';

const order = (createdAt: string): Order => ({
	system: 'woocommerce',
	id: '42',
	externalIds: {},
	status: { code: 'processing' },
	customer: { name: 'Jana Nová' },
	lines: [{ name: 'Tea', quantity: 1, unitPrice: 10 }],
	createdAt,
});
const options = { externalSystem: 'eshop', pricesIncludeVat: true, linkStockItems: false };
const dateOf = (xml: string) => /<ord:date>([^<]*)<\/ord:date>/.exec(xml)?.[1];

describe('POHODA document date of an imported order', () => {
	test('is the day the order was placed in POHODA local time, not in UTC', () => {
		expect(dateOf(addOrderRequest(order('2026-01-15T23:30:00.000Z'), '42', options))).toBe('2026-01-16');
		expect(dateOf(addOrderRequest(order('2026-07-15T22:30:00.000Z'), '42', options))).toBe('2026-07-16');
		expect(dateOf(addOrderRequest(order('2026-01-15T23:30:00.000Z'), '42', { ...options, timeZone: 'Europe/London' }))).toBe('2026-01-15');
	});

	test('a plain date or a given document date stays as it is', () => {
		expect(dateOf(addOrderRequest(order('2026-01-15'), '42', options))).toBe('2026-01-15');
		expect(dateOf(addOrderRequest(order('2026-01-15T23:30:00.000Z'), '42', { ...options, date: '2026-02-01' }))).toBe('2026-02-01');
	});
});
