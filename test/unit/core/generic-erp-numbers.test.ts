import { rowToOrder } from '../../../lib/connectors/generic-erp/mapping';

const line = (quantity: unknown, unitPrice: unknown) =>
	rowToOrder({ id: 'A-1', status: 'open', lines: [{ sku: 'X', quantity, unitPrice }] }, { system: 'optima', orderId: 'id', status: 'status', lines: 'lines' }).lines[0];

describe('generic ERP numbers as exports write them', () => {
	test('thousands separators and decimal commas are read, not dropped', () => {
		expect(line('2', '1 234,50')).toMatchObject({ quantity: 2, unitPrice: 1234.5 });
		expect(line('1,5', '1.234,50')).toMatchObject({ quantity: 1.5, unitPrice: 1234.5 });
		expect(line(3, '1,234.50')).toMatchObject({ quantity: 3, unitPrice: 1234.5 });
		expect(line('4', '12.90')).toMatchObject({ quantity: 4, unitPrice: 12.9 });
	});

	test('text that is no number is still refused', () => {
		expect(line('2', 'ask us').unitPrice).toBeUndefined();
		expect(() => line('two', '1')).toThrow(/no numeric quantity/);
	});
});
