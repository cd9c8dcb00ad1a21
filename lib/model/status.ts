/** The shared status vocabulary. Vendors keep their own codes; rules and mail templates use these. */
export const CANONICAL_STATUSES = [
	'new',
	'confirmed',
	'processing',
	'ready',
	'backordered',
	'shipped',
	'delivered',
	'completed',
	'cancelled',
	'refunded',
	'on_hold',
	'failed',
] as const;

export type CanonicalStatus = (typeof CANONICAL_STATUSES)[number];

export function isCanonicalStatus(value: unknown): value is CanonicalStatus {
	return typeof value === 'string' && (CANONICAL_STATUSES as readonly string[]).includes(value);
}

/** A status as the vendor names it, with the canonical meaning when known. */
export interface VendorStatus {
	code: string;
	label?: string;
}
