import type { CanonicalStatus } from '../model';

/** Mail templates the Notify Customer node knows. */
export const NOTIFY_EVENTS = [
	'order_confirmation',
	'order_imported',
	'ready',
	'backordered',
	'shipped',
	'completed',
	'cancelled',
	'order_edited',
	'new_external_order',
] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** One row of a mapping table: a source status, what it becomes on the target, and what the customer hears. */
export interface MappingRow {
	source: string;
	target: string;
	canonical?: CanonicalStatus;
	notify: boolean;
	event?: NotifyEvent;
}

/**
 * How a status was found: `exact` (same text), `tolerant` (same after trimming and ignoring case and repeated
 * spaces), `derived` (a rule on the order set the canonical status), `none` (no row).
 */
export type MatchedBy = 'exact' | 'tolerant' | 'derived' | 'none';

/** `forward` reads the table source → target; `reverse` reads it target → source. */
export type Direction = 'forward' | 'reverse';

export interface StatusOption {
	code: string;
	label: string;
}
