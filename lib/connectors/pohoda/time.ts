import { DateTime } from 'luxon';

const LOCAL = "yyyy-MM-dd'T'HH:mm:ss";

/** POHODA keeps local time without a zone; the current time in the accounting unit's zone, in that form. */
export function pohodaNow(timeZone: string, now = Date.now()): string {
	const local = DateTime.fromMillis(now, { zone: timeZone });
	if (!local.isValid) throw new Error(`"${timeZone}" is not a time zone (use an IANA name such as Europe/Prague)`);
	return local.toFormat(LOCAL);
}

/** A POHODA local time moved back by `minutes` (the overlap window of change polling). */
export function pohodaMinus(local: string, minutes: number): string {
	const parsed = DateTime.fromISO(local, { zone: 'UTC' });
	if (!parsed.isValid) throw new Error(`"${local}" is not a date and time (YYYY-MM-DDTHH:mm:ss)`);
	return parsed.minus({ minutes }).toFormat(LOCAL);
}

/** A user-given date or date-time (ISO) as POHODA local time in `timeZone`. */
export function toPohodaLocal(value: string, timeZone: string): string {
	const parsed = DateTime.fromISO(value, { zone: timeZone, setZone: false });
	if (!parsed.isValid) throw new Error(`"${value}" is not an ISO date or date-time`);
	return parsed.setZone(timeZone).toFormat(LOCAL);
}
