import type { CanonicalStatus } from '../model';

export type SystemKind = 'shop' | 'erp' | 'marketplace';

/** A status a system knows, custom ones included. */
export interface SystemStatus {
	code: string;
	label: string;
	canonical?: CanonicalStatus;
	/** False for a status orders are seen in but never moved into (WooCommerce's checkout draft) */
	assignable?: false;
}

/**
 * What every shop, ERP and marketplace tells the nodes about itself. One object per vendor, exported from
 * lib/connectors/<vendor>/index.ts; the registries (shops.ts, erps.ts, marketplaces.ts) list them.
 */
export interface SystemDefinition<Connector, Settings> {
	kind: SystemKind;
	/** The selector value, and the `system` of its orders and ledger entries */
	value: string;
	/** The name a merchant knows it by */
	name: string;
	/** One line under the option in a selector */
	description?: string;
	/** A notice the nodes show while this system is selected (what it cannot do) */
	notice?: string;
	credentialType: string;
	/**
	 * The credential test function's name in the node's methods, when the credential has no declarative test. Only
	 * the ERP node hosts such functions (pohodaConnectionTest); shop and marketplace credentials carry a `test`.
	 */
	credentialTest?: string;
	/** The credential's non-secret fields the connector reads (handed over as `settings`) */
	settingsFields?: string[];
	create(settings: Settings): Connector;
	statuses: {
		/** Statuses known without a request: the whole list when there is no live one, else the core list */
		fixed: SystemStatus[];
		/** The system's live list (custom statuses included); absent when the system has none */
		live?(connector: Connector): Promise<SystemStatus[]>;
	};
}

/** Status options from a code → label (or { label }) table. */
export const statusesFrom = (labels: Record<string, string | { label: string; canonical?: CanonicalStatus }>): SystemStatus[] =>
	Object.entries(labels).map(([code, entry]) =>
		typeof entry === 'string' ? { code, label: entry } : { code, label: entry.label, ...(entry.canonical ? { canonical: entry.canonical } : {}) },
	);

/** The definition registered under `value`, or an error naming the ones there are. */
export function definitionOf<Definition extends { value: string }>(registry: readonly Definition[], kind: SystemKind, value: string): Definition {
	const found = registry.find((definition) => definition.value === value);
	if (!found) throw new Error(`Unknown ${kind} "${value}"; available: ${registry.map((d) => d.value).join(', ')}`);
	return found;
}
