import type { CanonicalStatus, Order } from '../model';

/** Rules that read the canonical status off the order itself, strongest first. */
export const DERIVED_RULES = ['shipped', 'backordered', 'ready'] as const;
export type DerivedRule = (typeof DERIVED_RULES)[number];

/** Canonical statuses derived rules may refine by default: an order being worked on, not a settled one. */
export const DEFAULT_DERIVE_FROM: CanonicalStatus[] = ['confirmed', 'processing', 'on_hold'];

const hasTracking = (order: Order) => (order.tracking ?? []).some((t) => typeof t?.number === 'string' && t.number.trim() !== '');

/**
 * `shipped` when a tracking number is present; `backordered` when any line reports a backordered quantity;
 * `ready` when every line reports `backordered: 0`. Lines without availability data make `ready` impossible,
 * so an order about which nothing is known is never called ready.
 */
export function deriveStatus(order: Order, rules: readonly DerivedRule[]): DerivedRule | undefined {
	const lines = order.lines ?? [];
	for (const rule of DERIVED_RULES) {
		if (!rules.includes(rule)) continue;
		if (rule === 'shipped' && hasTracking(order)) return rule;
		if (rule === 'backordered' && lines.some((line) => (line.backordered ?? 0) > 0)) return rule;
		if (rule === 'ready' && lines.length > 0 && lines.every((line) => line.backordered === 0)) return rule;
	}
	return undefined;
}
