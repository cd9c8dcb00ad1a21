import { DateTime } from 'luxon';

const FORMAT = 'yyyy-MM-dd HH:mm:ss';
/** No zone moves its clock back by more than this at once. */
const LONGEST_SHIFT_HOURS = 3;

/** PrestaShop's "no date" value. */
export const isNoDate = (value: string | undefined) => !value || value.startsWith('0000-00-00');

/** A shop-local wall time ("2026-12-07 11:34:55", no offset) as an ISO instant in UTC; undefined for "no date". */
export function shopTimeToIso(value: string | undefined, timeZone: string): string | undefined {
	if (isNoDate(value)) return undefined;
	const parsed = DateTime.fromFormat(value as string, FORMAT, { zone: timeZone });
	return parsed.isValid ? parsed.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined : undefined;
}

/** An instant as the shop's wall time, to the second. */
export function isoToShopTime(iso: string, timeZone: string): string {
	const parsed = DateTime.fromISO(iso, { zone: 'utc' });
	if (!parsed.isValid) throw new Error(`"${iso}" is not an ISO date-time`);
	return parsed.setZone(timeZone).toFormat(FORMAT);
}

/**
 * The wall time to filter `date_upd > value` with so that nothing changed after `iso` is missed: its wall time,
 * moved back by the span a clock change just after it repeats (the autumn hour comes twice in shop-local time).
 */
export function shopTimeFilterAfter(iso: string, timeZone: string): string {
	const at = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
	if (!at.isValid) throw new Error(`"${iso}" is not an ISO date-time`);
	const later = at.plus({ hours: LONGEST_SHIFT_HOURS });
	const shift = Math.max(0, at.offset - later.offset);
	return at.minus({ minutes: shift }).startOf('second').toFormat(FORMAT);
}

/** A wall time moved by whole seconds (for keyset paging). */
export function shiftShopTime(value: string, seconds: number): string {
	return DateTime.fromFormat(value, FORMAT, { zone: 'utc' }).plus({ seconds }).toFormat(FORMAT);
}

/** Whether a name is an IANA time zone this runtime knows. */
export const isTimeZone = (name: string) => DateTime.local().setZone(name).isValid;
