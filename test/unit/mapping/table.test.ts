import { MappingTable, mergeRows, normalizeStatus, type MappingRow } from '../../../lib/mapping';

const row = (source: string, target: string, extra: Partial<MappingRow> = {}): MappingRow => ({
	source,
	target,
	notify: false,
	...extra,
});

describe('mapping table matching', () => {
	const table = new MappingTable([
		row('Processing', 'in-progress'),
		row('processing', 'exact-lowercase'),
		row('  Ready for  pickup ', 'ready'),
		row('Zaakceptowany', 'packed'),
	]);

	it('prefers an exact match over an earlier tolerant one', () => {
		expect(table.lookup('processing')).toMatchObject({ matchedBy: 'exact', row: { target: 'exact-lowercase' } });
		expect(table.lookup('Processing')).toMatchObject({ matchedBy: 'exact', row: { target: 'in-progress' } });
	});

	it('tolerates case, surrounding and repeated spaces, and says so', () => {
		expect(table.lookup(' PROCESSING ')).toMatchObject({ matchedBy: 'tolerant', row: { target: 'in-progress' } });
		expect(table.lookup('ready for pickup')).toMatchObject({ matchedBy: 'tolerant', row: { target: 'ready' } });
		expect(table.lookup('zaakceptowany\t')).toMatchObject({ matchedBy: 'tolerant', row: { target: 'packed' } });
	});

	it('does not match different words or partial statuses', () => {
		expect(table.lookup('process')).toBeUndefined();
		expect(table.lookup('ready-for-pickup')).toBeUndefined();
		expect(table.lookup('')).toBeUndefined();
	});

	it('reads the table right to left in reverse, the first row winning', () => {
		const reverse = new MappingTable([row('new', 'processing'), row('processing', 'processing'), row('executed', 'completed')], 'reverse');
		expect(reverse.lookup('processing')?.row.target).toBe('new');
		expect(reverse.lookup('Completed')).toMatchObject({ matchedBy: 'tolerant', row: { target: 'executed' } });
	});

	it('lists unmapped statuses once, in the order given', () => {
		expect(table.unmapped(['processing', 'failed', 'on-hold', 'failed', 'READY FOR PICKUP'])).toEqual(['failed', 'on-hold']);
	});

	it('normalizes whitespace of every kind', () => {
		expect(normalizeStatus('\u00a0On   Hold\n')).toBe('on hold');
	});
});

describe('merging preset rows under user rows', () => {
	it('keeps user rows first and drops preset rows for the same source status', () => {
		const merged = mergeRows(
			[row('Completed ', 'wc-shipped', { notify: true, event: 'shipped' }), row('', 'ignored')],
			[row('new', 'processing'), row('completed', 'completed'), row('cancelled', 'cancelled')],
		);
		expect(merged.map((r) => `${r.source}->${r.target}`)).toEqual(['Completed ->wc-shipped', 'new->processing', 'cancelled->cancelled']);
	});
});
