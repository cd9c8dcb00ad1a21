import { MappingTable } from './table';
import type { MappingRow, StatusOption } from './types';

/** The statuses of the live source list that no row maps (source → target), each once. */
export function unmappedStatuses(rows: MappingRow[], sourceStatuses: StatusOption[]): StatusOption[] {
	const table = new MappingTable(rows, 'forward');
	const seen = new Set<string>();
	return sourceStatuses.filter((status) => {
		if (seen.has(status.code) || table.lookup(status.code)) return false;
		seen.add(status.code);
		return true;
	});
}

/** A sentence naming every unmapped status and how to map it. */
export function describeUnmapped(systemLabel: string, missing: StatusOption[]): { message: string; description: string } {
	const names = missing.map((s) => (s.label && s.label !== s.code ? `"${s.code}" (${s.label})` : `"${s.code}"`));
	return {
		message: `${missing.length} ${systemLabel} status(es) have no row in the mapping table: ${names.join(', ')}`,
		description:
			`Every source status must be mapped. For each of ${missing.map((s) => `"${s.code}"`).join(', ')} add a row ` +
			`under Mapping Table with that Source Status and the target status it becomes (or choose a preset that ` +
			`covers it), or turn off "Every Source Status Must Be Mapped".`,
	};
}
