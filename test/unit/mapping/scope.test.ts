import { checkScope, createdCutoff } from '../../../lib/scope';

const created = (createdAt: string) => ({ order: { createdAt } });

describe('scope: created within the last X days', () => {
	const now = new Date('2026-11-22T10:00:00Z');

	it('counts calendar days from local midnight of the workflow timezone', () => {
		const filters = { createdWithinDays: 1, timezone: 'Europe/Bratislava', now };
		expect(createdCutoff(1, 'Europe/Bratislava', now).toUTC().toISO()).toBe('2026-11-21T23:00:00.000Z');
		expect(checkScope(created('2026-11-21T23:00:00Z'), filters)).toEqual({ inScope: true });
		expect(checkScope(created('2026-11-21T22:59:59Z'), filters)).toMatchObject({ inScope: false });
	});

	it('gives a different boundary for the same instant in another timezone', () => {
		expect(checkScope(created('2026-11-21T23:00:00Z'), { createdWithinDays: 1, timezone: 'UTC', now })).toMatchObject({ inScope: false });
		// Los Angeles is still on the 22nd at 02:00; two days reach back to the 21st, 08:00 UTC.
		const la = { createdWithinDays: 2, timezone: 'America/Los_Angeles', now };
		expect(checkScope(created('2026-11-21T08:00:00Z'), la)).toEqual({ inScope: true });
		expect(checkScope(created('2026-11-21T07:59:59Z'), la)).toMatchObject({ inScope: false });
		// Tokyo is already at 19:00 on the 22nd.
		expect(checkScope(created('2026-11-21T15:00:00Z'), { createdWithinDays: 1, timezone: 'Asia/Tokyo', now })).toEqual({ inScope: true });
		expect(checkScope(created('2026-11-21T14:59:59Z'), { createdWithinDays: 1, timezone: 'Asia/Tokyo', now })).toMatchObject({ inScope: false });
	});

	it('reads a creation time without an offset in the workflow timezone', () => {
		const filters = { createdWithinDays: 1, timezone: 'Europe/Bratislava', now };
		expect(checkScope(created('2026-11-22T00:00:00'), filters)).toEqual({ inScope: true });
		expect(checkScope(created('2026-11-21T23:59:59'), filters)).toMatchObject({ inScope: false });
		expect(checkScope(created('2026-11-22'), filters)).toEqual({ inScope: true });
	});

	it('keeps calendar days across the end of summer time', () => {
		// 25 October 2026 has 25 hours in Bratislava; its midnight is 22:00 UTC of the 24th.
		const filters = { createdWithinDays: 2, timezone: 'Europe/Bratislava', now: new Date('2026-10-26T12:00:00Z') };
		expect(checkScope(created('2026-10-24T22:00:00Z'), filters)).toEqual({ inScope: true });
		expect(checkScope(created('2026-10-24T21:59:59Z'), filters)).toMatchObject({ inScope: false });
	});

	it('leaves out orders without a readable creation date, saying why', () => {
		const filters = { createdWithinDays: 3, timezone: 'UTC', now };
		expect(checkScope({ order: {} }, filters)).toEqual({ inScope: false, reason: 'no readable creation date (order.createdAt)' });
		expect(checkScope(created('yesterday'), filters)).toMatchObject({ inScope: false });
	});
});

describe('scope: changes after a baseline', () => {
	const filters = { changedAfter: '2026-11-01T00:00:00', timezone: 'Europe/Prague' };

	it('counts a change at the baseline as handled and one a second later as new', () => {
		expect(checkScope({ changedAt: '2026-10-31T23:00:00Z' }, filters)).toMatchObject({ inScope: false });
		expect(checkScope({ changedAt: '2026-10-31T23:00:01Z' }, filters)).toEqual({ inScope: true });
	});

	it("prefers the event's change time, then the order's updatedAt, then createdAt", () => {
		const order = { updatedAt: '2026-11-05T10:00:00Z', createdAt: '2026-10-01T10:00:00Z' };
		expect(checkScope({ changedAt: '2026-10-20T10:00:00Z', order }, filters)).toMatchObject({ inScope: false });
		expect(checkScope({ order }, filters)).toEqual({ inScope: true });
		expect(checkScope({ order: { createdAt: order.createdAt } }, filters)).toMatchObject({ inScope: false });
		expect(checkScope({ order: {} }, filters)).toMatchObject({ inScope: false });
	});
});

describe('scope: not yet realised', () => {
	it('leaves out orders with an invoice', () => {
		expect(checkScope({ order: { documents: { invoiceNumber: 'FV2026001' } } }, { notRealised: true, timezone: 'UTC' })).toEqual({
			inScope: false,
			reason: 'already realised (invoice FV2026001)',
		});
		expect(checkScope({ order: { documents: {} } }, { notRealised: true, timezone: 'UTC' })).toEqual({ inScope: true });
	});
});
