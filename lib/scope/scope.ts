import { DateTime } from 'luxon';
import type { Order } from '../model';

export interface ScopeFilters {
	/** Only orders without a sales document (invoice) yet */
	notRealised?: boolean;
	/** Only orders created today or on the previous `createdWithinDays - 1` calendar days in `timezone` */
	createdWithinDays?: number;
	/** Only changes after this instant (ISO; without an offset it is read in `timezone`) */
	changedAfter?: string;
	/** IANA zone of the workflow, e.g. "Europe/Bratislava" */
	timezone: string;
	now?: Date;
}

/** What the scope filters read of an item. */
export interface ScopedItem {
	order?: Partial<Order>;
	/** When the change happened (change events); falls back to the order's updatedAt, then createdAt */
	changedAt?: string;
}

export type ScopeVerdict = { inScope: true } | { inScope: false; reason: string };

/** An instant from ISO text; text without an offset is local time in `zone`. */
export function parseInstant(value: string, zone: string): DateTime | undefined {
	const parsed = DateTime.fromISO(value.trim(), { zone, setZone: false });
	return parsed.isValid ? parsed : undefined;
}

/** The first instant that counts as "within the last `days` days" in `zone`: the start of today minus days − 1. */
export function createdCutoff(days: number, zone: string, now: Date = new Date()): DateTime {
	return DateTime.fromJSDate(now, { zone })
		.startOf('day')
		.minus({ days: Math.max(0, Math.floor(days) - 1) });
}

/** Whether one item passes every enabled scope filter, and if not, why. */
export function checkScope(item: ScopedItem, filters: ScopeFilters): ScopeVerdict {
	const order = item.order ?? {};
	if (filters.notRealised) {
		const documents = order.documents;
		if (documents?.invoiceNumber || documents?.invoiceId) {
			return { inScope: false, reason: `already realised (invoice ${documents.invoiceNumber ?? documents.invoiceId})` };
		}
	}
	if (filters.createdWithinDays !== undefined && filters.createdWithinDays > 0) {
		const created = order.createdAt ? parseInstant(order.createdAt, filters.timezone) : undefined;
		if (!created) return { inScope: false, reason: 'no readable creation date (order.createdAt)' };
		const cutoff = createdCutoff(filters.createdWithinDays, filters.timezone, filters.now);
		if (created < cutoff) {
			return { inScope: false, reason: `created before ${cutoff.toISO()} (${filters.createdWithinDays} day(s) in ${filters.timezone})` };
		}
	}
	if (filters.changedAfter) {
		const baseline = parseInstant(filters.changedAfter, filters.timezone);
		if (!baseline) return { inScope: false, reason: `unreadable baseline date "${filters.changedAfter}"` };
		const when = item.changedAt ?? order.updatedAt ?? order.createdAt;
		const changed = when ? parseInstant(when, filters.timezone) : undefined;
		if (!changed) return { inScope: false, reason: 'no readable change date, so it counts as handled by the baseline' };
		if (changed <= baseline) return { inScope: false, reason: `changed at or before the baseline ${baseline.toISO()}` };
	}
	return { inScope: true };
}
