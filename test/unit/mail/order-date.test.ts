import { placeholdersFor } from '../../../lib/mail/placeholders';
import { LANGUAGE_PACKS } from '../../../lib/mail/templates';
import type { Order } from '../../../lib/model';

const order = (createdAt: string): Order => ({
	system: 'pohoda',
	id: '12',
	externalIds: {},
	status: { code: 'new' },
	customer: {},
	lines: [],
	createdAt,
});
const orderDate = (createdAt: string, timeZone: string) =>
	placeholdersFor({ event: 'completed', order: order(createdAt), pack: LANGUAGE_PACKS.en, shopName: 'Shop', timeZone }).orderDate;

describe('order date in mails', () => {
	test('a plain date is that day in any workflow zone', () => {
		expect(orderDate('2026-01-15', 'America/New_York')).toBe('15 January 2026');
		expect(orderDate('2026-01-15', 'Asia/Tokyo')).toBe('15 January 2026');
	});

	test('an instant is shown on its day in the workflow zone', () => {
		expect(orderDate('2026-01-15T23:30:00Z', 'Europe/Prague')).toBe('16 January 2026');
		expect(orderDate('2026-01-15T23:30:00Z', 'America/New_York')).toBe('15 January 2026');
	});
});
