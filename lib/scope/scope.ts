import { DateTime } from 'luxon';
import type { Order } from '../model';

export interface ScopeFilters {
	/** Only orders without a sales document yet (an invoice, or a generic ERP's Realised field) */
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

const HAS_OFFSET = /(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/;

/** An instant from ISO text; text without an offset is local time in `zone`. */
export function parseInstant(value: string, zone: string): DateTime | undefined {
	const parsed = DateTime.fromISO(value.trim(), { zone, setZone: false });
	return parsed.isValid ? parsed : undefined;
}

/** Epoch ms of ISO text, as `parseInstant` reads it; the common zoned form without luxon's cost. */
function instantMs(value: string, zone: string): number | undefined {
	const text = value.trim();
	if (text.includes('T') && HAS_OFFSET.test(text)) {
		const ms = Date.parse(text);
		if (!Number.isNaN(ms)) return ms;
	}
	return parseInstant(text, zone)?.toMillis();
}

/** The first instant that counts as "within the last `days` days" in `zone`: the start of today minus days − 1. */
export function createdCutoff(days: number, zone: string, now: Date = new Date()): DateTime {
	return DateTime.fromJSDate(now, { zone })
		.startOf('day')
		.minus({ days: Math.max(0, Math.floor(days) - 1) });
}

/** A checker for many items: the filters' dates are read once. */
export function scopeChecker(filters: ScopeFilters): (item: ScopedItem) => ScopeVerdict {
	const { timezone } = filters;
	const days = filters.createdWithinDays ?? 0;
	const cutoff = days > 0 ? createdCutoff(days, timezone, filters.now) : undefined;
	const baseline = filters.changedAfter ? parseInstant(filters.changedAfter, timezone) : undefined;
	return (item) => {
		const order = item.order ?? {};
		if (filters.notRealised) {
			const documents = order.documents;
			if (documents?.invoiceNumber || documents?.invoiceId) {
				return { inScope: false, reason: `already realised (invoice ${documents.invoiceNumber ?? documents.invoiceId})` };
			}
			if (documents?.salesDocument) return { inScope: false, reason: `already realised (sales document ${documents.salesDocument})` };
		}
		if (cutoff) {
			const created = order.createdAt ? instantMs(order.createdAt, timezone) : undefined;
			if (created === undefined) return { inScope: false, reason: 'no readable creation date (order.createdAt)' };
			if (created < cutoff.toMillis()) {
				return { inScope: false, reason: `created before ${cutoff.toISO()} (${days} day(s) in ${timezone})` };
			}
		}
		if (filters.changedAfter) {
			if (!baseline) return { inScope: false, reason: `unreadable baseline date "${filters.changedAfter}"` };
			const when = item.changedAt ?? order.updatedAt ?? order.createdAt;
			const changed = when ? instantMs(when, timezone) : undefined;
			if (changed === undefined) return { inScope: false, reason: 'no readable change date, so it counts as handled by the baseline' };
			if (changed <= baseline.toMillis()) return { inScope: false, reason: `changed at or before the baseline ${baseline.toISO()}` };
		}
		return { inScope: true };
	};
}

/** Whether one item passes every enabled scope filter, and if not, why. */
export function checkScope(item: ScopedItem, filters: ScopeFilters): ScopeVerdict {
	return scopeChecker(filters)(item);
}
