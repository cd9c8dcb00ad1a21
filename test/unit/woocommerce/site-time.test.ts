import { gmtDateFilter } from '../../../lib/connectors/woocommerce/site-time';

describe('WooCommerce date filter values', () => {
	it('are the GMT wall time to the second, without a zone', () => {
		expect(gmtDateFilter('2026-01-15T10:00:00.700Z', 'Europe/Prague')).toBe('2026-01-15T10:00:00');
		expect(gmtDateFilter('2026-07-15T12:00:00+02:00', 'America/New_York')).toBe('2026-07-15T10:00:00');
		// A fixed UTC offset (no timezone_string) or a zone this runtime does not know skips nothing.
		expect(gmtDateFilter('2026-03-29T02:20:00Z', undefined)).toBe('2026-03-29T02:20:00');
		expect(gmtDateFilter('2026-03-29T02:20:00Z', 'Mars/Olympus_Mons')).toBe('2026-03-29T02:20:00');
	});

	it('step back to the last wall time before a gap the site clock skips, and keep a wall time it repeats', () => {
		expect(gmtDateFilter('2026-03-29T02:20:00Z', 'Europe/Prague')).toBe('2026-03-29T01:59:59');
		expect(gmtDateFilter('2026-03-08T02:59:59Z', 'America/New_York')).toBe('2026-03-08T01:59:59');
		// Lord Howe Island skips half an hour.
		expect(gmtDateFilter('2026-10-04T02:10:00Z', 'Australia/Lord_Howe')).toBe('2026-10-04T01:59:59');
		expect(gmtDateFilter('2026-10-04T02:30:00Z', 'Australia/Lord_Howe')).toBe('2026-10-04T02:30:00');
		expect(gmtDateFilter('2026-10-25T02:30:00Z', 'Europe/Prague')).toBe('2026-10-25T02:30:00');
	});
});
