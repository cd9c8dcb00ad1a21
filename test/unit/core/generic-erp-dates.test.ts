import { rowToOrder, type GenericFieldMapping } from '../../../lib/connectors/generic-erp/mapping';

const mapping: GenericFieldMapping = { system: 'optima', orderId: 'id', status: 'status', updatedAt: 'changed', timeZone: 'Europe/Prague' };
const updatedAt = (changed: unknown, zone: string | undefined = 'Europe/Prague') =>
	rowToOrder({ id: 'Z-1', status: 'open', changed }, { ...mapping, timeZone: zone }).updatedAt;

describe('generic ERP updated-at dates', () => {
	test('a local date-time without offset is read in the given zone, with a space or a T', () => {
		expect(updatedAt('2026-01-15 10:00:00')).toBe('2026-01-15T09:00:00.000Z');
		expect(updatedAt('2026-07-15T10:00:00')).toBe('2026-07-15T08:00:00.000Z');
		expect(updatedAt('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
	});

	test('an offset, an epoch number or a Date stay the instant they are', () => {
		expect(updatedAt('2026-01-15T10:00:00Z')).toBe('2026-01-15T10:00:00.000Z');
		expect(updatedAt('2026-01-15T10:00:00+05:00')).toBe('2026-01-15T05:00:00.000Z');
		expect(updatedAt(Date.UTC(2026, 0, 15, 10))).toBe('2026-01-15T10:00:00.000Z');
		expect(updatedAt(new Date(Date.UTC(2026, 0, 15, 10)))).toBe('2026-01-15T10:00:00.000Z');
	});

	test('text that is no date names the field', () => {
		expect(() => updatedAt('yesterday')).toThrow(/updated-at field "changed" holds "yesterday"/);
	});
});
