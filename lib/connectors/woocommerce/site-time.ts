/**
 * WordPress reads the `after` / `modified_after` filters, `dates_are_gmt=true` included, by rendering the given
 * instant as a wall time in the site's time zone and comparing that with the GMT column. A value without a zone is
 * taken as a site wall time and rendered back unchanged, so a GMT wall time sent without a zone compares right —
 * except one the site's clock skips at the spring change, which PHP moves forward by the skipped span.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
/** No zone skips more than this at once. */
const LONGEST_GAP = 3 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
	if (!formatters.has(timeZone)) {
		try {
			formatters.set(
				timeZone,
				new Intl.DateTimeFormat('en-US', {
					timeZone,
					hourCycle: 'h23',
					year: 'numeric',
					month: '2-digit',
					day: '2-digit',
					hour: '2-digit',
					minute: '2-digit',
					second: '2-digit',
				}),
			);
		} catch {
			return undefined;
		}
	}
	return formatters.get(timeZone);
}

/** The wall time of `instant` in `timeZone`, as milliseconds of the same wall time on UTC. */
export function wallTimeIn(instant: number, timeZone: string): number {
	const formatter = formatterFor(timeZone);
	if (!formatter) return instant;
	const part = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
	return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second) + (instant % SECOND);
}

/** The instants whose wall time in `timeZone` is `wall` (none in a spring gap, two in an autumn overlap), earliest first. */
export function instantsOfWallTime(wall: number, timeZone: string): number[] {
	const offsets = new Set([wall - DAY, wall, wall + DAY].map((probe) => wallTimeIn(probe, timeZone) - probe));
	return [...offsets]
		.map((offset) => wall - offset)
		.filter((instant) => wallTimeIn(instant, timeZone) === wall)
		.sort((a, b) => a - b);
}

const zoneless = (wall: number) => new Date(wall).toISOString().slice(0, 19);

/**
 * The value for a WooCommerce date filter with `dates_are_gmt=true` meaning "after this instant": its GMT wall time
 * to the second, without a zone. When the site's clock skips that wall time, the last wall time before the gap is
 * sent instead (re-reading under an hour rather than missing it). `timeZone` is the site's `timezone_string`;
 * sites on a fixed UTC offset have none and skip nothing.
 */
export function gmtDateFilter(iso: string, timeZone: string | undefined): string {
	const wall = Math.floor(Date.parse(iso) / SECOND) * SECOND;
	if (!timeZone || !formatterFor(timeZone) || instantsOfWallTime(wall, timeZone).length) return zoneless(wall);
	for (let minute = Math.floor(wall / MINUTE) * MINUTE; minute > wall - LONGEST_GAP; minute -= MINUTE) {
		const candidate = minute - SECOND;
		if (instantsOfWallTime(candidate, timeZone).length) return zoneless(candidate);
	}
	return zoneless(wall - LONGEST_GAP);
}
