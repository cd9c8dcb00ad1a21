import { canonicalOf, fromMoscow, groupPositions, positionsToOrder, toMoscow, type ZzapPosition } from '../../../lib/connectors/zzap';

const row = (code: number, extra: Partial<ZzapPosition> = {}): ZzapPosition => ({
	code_order: code,
	create_date: '2026-12-07T12:00:00',
	partnumber: `P-${code}`,
	class_man: 'BRAND',
	qty_order: '1',
	price: '100,50',
	code_track: 1,
	descr_track: 'Новый',
	client_email: 'Buyer@Example.ru',
	...extra,
});

describe('ZZAP positions as orders', () => {
	it('groups one buyer’s positions of one moment, whatever the order of the rows, and keeps each position once', () => {
		const groups = groupPositions([row(12), row(10), row(11, { create_date: '2026-12-07T12:05:00' }), row(10), row(13, { client_email: 'other@example.ru' })]);
		expect(groups.map((g) => g.map((r) => r.code_order))).toEqual([[10, 12], [13], [11]]);
	});

	it('falls back to phone, then name, then the position itself as the buyer', () => {
		const byPhone = groupPositions([row(1, { client_email: '', client_phone: '+7 (916) 1' }), row(2, { client_email: '', client_phone: '+79161' })]);
		expect(byPhone).toHaveLength(1);
		const anonymous = groupPositions([row(1, { client_email: '' }), row(2, { client_email: '' })]);
		expect(anonymous).toHaveLength(2);
	});

	it('maps a group: decimal commas, the shared status, and "mixed" when the positions differ', () => {
		const order = positionsToOrder([row(10, { qty_order: '3' }), row(12)]);
		expect(order).toMatchObject({ id: '10', status: { code: '1', label: 'Новый' }, canonicalStatus: 'new', totals: { gross: 402 }, customer: { id: 'zzap:buyer@example.ru' } });
		expect(order.lines[0]).toMatchObject({ id: '10', sku: 'P-10', productId: 'BRAND:P-10', quantity: 3, unitPrice: 100.5, total: 301.5 });
		const mixed = positionsToOrder([row(10), row(12, { code_track: 6, descr_track: 'Отказ: нет в наличии' })]);
		expect(mixed.status.code).toBe('mixed');
		expect(mixed.canonicalStatus).toBeUndefined();
	});

	it('refuses a position without a whole quantity or with a price that is no number, naming it', () => {
		expect(() => positionsToOrder([row(10, { qty_order: '1.5' })])).toThrow(/position 10 without a whole quantity/);
		expect(() => positionsToOrder([row(10, { price: 'договорная' })])).toThrow(/price "договорная" for position 10/);
	});

	it('reads the canonical meaning of a status from the account’s own name for it', () => {
		expect(['Новый', 'В работе', 'Заказано у поставщика', 'Готов к выдаче', 'Выдано', 'Отказ: нет в наличии', 'Снят покупателем', 'Что-то своё'].map(canonicalOf)).toEqual([
			'new',
			'processing',
			'processing',
			'ready',
			'delivered',
			'cancelled',
			'cancelled',
			undefined,
		]);
	});

	it('reads and writes Moscow time without an offset', () => {
		expect(fromMoscow('2026-12-07T03:00:00')).toBe('2026-12-07T00:00:00.000Z');
		expect(fromMoscow('07.12.2026 03:00:00')).toBe('2026-12-07T00:00:00.000Z');
		expect(fromMoscow('yesterday')).toBeUndefined();
		expect(toMoscow(Date.parse('2026-12-07T00:00:00Z'))).toBe('2026-12-07T03:00:00');
	});
});
