import type { Direction, MappingRow, MatchedBy } from './types';

/** A status as merchants type it: case, surrounding and repeated spaces do not matter. */
export function normalizeStatus(status: string): string {
	return status.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface TableMatch {
	row: MappingRow;
	/** Position of the row in the effective table (user rows first, then preset rows) */
	index: number;
	matchedBy: Extract<MatchedBy, 'exact' | 'tolerant'>;
}

/** The swapped row, for reading a table target → source. */
export function reverseRow(row: MappingRow): MappingRow {
	return { ...row, source: row.target, target: row.source };
}

/**
 * User rows, then the preset's rows whose source status no user row covers (user rows win).
 * Rows without a source status are left out.
 */
export function mergeRows(userRows: MappingRow[], presetRows: MappingRow[] = []): MappingRow[] {
	const covered = new Set(userRows.map((row) => normalizeStatus(row.source)));
	return [...userRows, ...presetRows.filter((row) => !covered.has(normalizeStatus(row.source)))].filter(
		(row) => row.source.trim() !== '',
	);
}

/**
 * A mapping table read in one direction. The first row matching exactly wins; failing that, the first row matching
 * tolerantly (rows are sortable in the node, so order is the merchant's priority).
 */
export class MappingTable {
	private readonly exact = new Map<string, number>();
	private readonly tolerant = new Map<string, number>();
	readonly rows: MappingRow[];

	constructor(rows: MappingRow[], direction: Direction = 'forward') {
		this.rows = direction === 'forward' ? rows : rows.map(reverseRow);
		this.rows.forEach((row, index) => {
			if (!this.exact.has(row.source)) this.exact.set(row.source, index);
			const key = normalizeStatus(row.source);
			if (!this.tolerant.has(key)) this.tolerant.set(key, index);
		});
	}

	lookup(status: string): TableMatch | undefined {
		const exactIndex = this.exact.get(status);
		if (exactIndex !== undefined) return { row: this.rows[exactIndex], index: exactIndex, matchedBy: 'exact' };
		const index = this.tolerant.get(normalizeStatus(status));
		return index === undefined ? undefined : { row: this.rows[index], index, matchedBy: 'tolerant' };
	}

	/** The source statuses of `statuses` no row covers, in the order given, each once. */
	unmapped(statuses: string[]): string[] {
		const missing = statuses.filter((status) => !this.lookup(status));
		return [...new Set(missing)];
	}
}
