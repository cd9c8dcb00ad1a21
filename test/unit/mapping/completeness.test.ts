import { describeUnmapped, unmappedStatuses, type MappingRow } from '../../../lib/mapping';

const rows: MappingRow[] = [
	{ source: 'pending', target: 'new', notify: false },
	{ source: ' Processing', target: 'processing', notify: false },
	{ source: 'completed', target: 'executed', notify: false },
];

describe('completeness of a mapping table', () => {
	const live = [
		{ code: 'pending', label: 'Pending payment' },
		{ code: 'processing', label: 'Processing' },
		{ code: 'on-hold', label: 'On hold' },
		{ code: 'completed', label: 'Completed' },
		{ code: 'cancelled', label: 'Cancelled' },
		{ code: 'shipped', label: 'Shipped (plugin)' },
	];

	it('finds exactly the statuses without a row', () => {
		expect(unmappedStatuses(rows, live).map((s) => s.code)).toEqual(['on-hold', 'cancelled', 'shipped']);
	});

	it('finds none when every status is covered, tolerantly', () => {
		const covered = [...rows, ...['ON-HOLD', 'cancelled ', 'Shipped'].map((source) => ({ source, target: 'x', notify: false }))];
		expect(unmappedStatuses(covered, live)).toEqual([]);
	});

	it('names every missing status with its label, and how to add it', () => {
		const { message, description } = describeUnmapped('WooCommerce', unmappedStatuses(rows, live));
		expect(message).toBe(
			'3 WooCommerce status(es) have no row in the mapping table: "on-hold" (On hold), "cancelled" (Cancelled), "shipped" (Shipped (plugin))',
		);
		expect(description).toContain('For each of "on-hold", "cancelled", "shipped" add a row under Mapping Table');
		expect(description).toContain('Every Source Status Must Be Mapped');
	});
});
