import { fromShopTime, IDOSELL_CANONICAL, IDOSELL_STATUS_LABELS, toOrder, toShopTime } from '../../../lib/connectors/idosell';
import { apiBase } from '../../../lib/connectors/idosell/client';

describe('IdoSell mapping', () => {
	it('knows the 17 built-in statuses, with false and ready as IdoSell means them', () => {
		expect(Object.keys(IDOSELL_STATUS_LABELS)).toHaveLength(17);
		expect(IDOSELL_STATUS_LABELS.ready).toBe('Dispatched');
		expect(IDOSELL_CANONICAL.ready).toBe('shipped');
		expect(IDOSELL_CANONICAL.false).toBe('failed');
		expect(IDOSELL_CANONICAL.canceled).toBe('cancelled');
		expect(IDOSELL_CANONICAL.joined).toBeUndefined();
	});

	it('reads shop-local times in the shop zone, the earlier instant in the repeated autumn hour', () => {
		expect(fromShopTime('2026-07-01 14:30:00', 'Europe/Warsaw')).toBe('2026-07-01T12:30:00.000Z');
		expect(fromShopTime('2026-01-01 14:30:00', 'Europe/Warsaw')).toBe('2026-01-01T13:30:00.000Z');
		expect(fromShopTime('2026-10-25 02:30:00', 'Europe/Warsaw')).toBe('2026-10-25T00:30:00.000Z');
		expect(fromShopTime('2026-07-01T14:30:00', 'Europe/Warsaw')).toBeUndefined();
		expect(fromShopTime(undefined, 'Europe/Warsaw')).toBeUndefined();
		expect(toShopTime('2026-10-25T01:30:00.999Z', 'Europe/Warsaw')).toBe('2026-10-25 02:30:00');
		expect(() => toShopTime('yesterday', 'Europe/Warsaw')).toThrow(/not an ISO/);
	});

	it('maps a sparse order without inventing what IdoSell did not send', () => {
		const order = toOrder({ orderId: 'sklep-9', orderSerialNumber: 9, orderDetails: { orderStatus: 'my_status' } }, 'Europe/Warsaw');
		expect(order).toMatchObject({ system: 'idosell', id: '9', number: 'sklep-9', status: { code: 'my_status' }, lines: [], shipped: false });
		expect(order.canonicalStatus).toBeUndefined();
		expect(order.customer.email).toBeUndefined();
		expect(order.totals?.gross).toBeUndefined();
		expect(order.updatedAt).toBeUndefined();
	});

	it('builds the API base from the panel address, keeping a version the merchant typed', () => {
		expect(apiBase('https://shop.example.pl/')).toBe('https://shop.example.pl/api/admin/v6');
		expect(apiBase(' https://shop.example.pl/api/admin/v5 ')).toBe('https://shop.example.pl/api/admin/v5');
		expect(() => apiBase('shop.example.pl')).toThrow(/https:\/\//);
	});
});
