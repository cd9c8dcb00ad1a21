import { rowToOrder, type GenericFieldMapping } from '../../../lib/connectors/generic-erp/mapping';
import { checkScope } from '../../../lib/scope';

const mapping: GenericFieldMapping = { system: 'enova365', orderId: 'id', status: 'status', createdAt: 'created' };
const order = (created: unknown, timeZone = 'America/New_York') => rowToOrder({ id: 'ZO/1', status: 'Potwierdzony', created }, { ...mapping, timeZone });

describe('generic ERP created-at dates', () => {
	test('a local date-time is read in the workflow zone; an offset or an epoch number stays the instant it is', () => {
		expect(order('2026-02-10 00:30:00').createdAt).toBe('2026-02-10T05:30:00.000Z');
		expect(order('2026-03-10T00:30:00', 'Europe/Prague').createdAt).toBe('2026-03-09T23:30:00.000Z');
		expect(order('2026-03-10T00:30:00+02:00').createdAt).toBe('2026-03-09T22:30:00.000Z');
		expect(order(Date.UTC(2026, 2, 10)).createdAt).toBe('2026-03-10T00:00:00.000Z');
	});

	test('an empty or unmapped field leaves createdAt out; text that is no date names the field', () => {
		expect(order('').createdAt).toBeUndefined();
		expect(rowToOrder({ id: 'ZO/1', status: 'x', created: '2026-03-10' }, { ...mapping, createdAt: undefined }).createdAt).toBeUndefined();
		expect(() => order('last week')).toThrow(/created-at field "created" holds "last week"/);
	});

	test('"created within 3 days" counts calendar days in the zone the ERP time was written in', () => {
		const filters = { createdWithinDays: 3, timezone: 'America/New_York', now: new Date('2026-02-12T15:00:00Z') };
		// Just after local midnight on the first day counts; just before it does not (read as UTC it would flip).
		expect(checkScope({ order: order('2026-02-10 00:30:00') }, filters)).toEqual({ inScope: true });
		expect(checkScope({ order: order('2026-02-09 23:30:00') }, filters).inScope).toBe(false);
		expect(checkScope({ order: rowToOrder({ id: 'ZO/1', status: 'x' }, mapping) }, filters)).toEqual({
			inScope: false,
			reason: 'no readable creation date (order.createdAt)',
		});
	});
});
