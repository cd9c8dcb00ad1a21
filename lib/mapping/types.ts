import type { NotifyEvent } from '../mail/events';
import type { CanonicalStatus } from '../model';

export { NOTIFY_EVENTS, type NotifyEvent } from '../mail/events';
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
