import { IDOSELL_STATUS_LABELS } from '../connectors/idosell/mapping';
import { findSystem, registeredSystems } from '../connectors/systems';
import { CANONICAL_STATUSES } from '../model';
import { reverseRow } from './table';
import type { MappingRow, StatusOption } from './types';

/** A system the mapper knows by name: a registered shop, ERP or marketplace, or one listed below without a connector. */
export type MapperSystem = string;

/** Enova365 order document states as the merchant sees them. */
export const ENOVA365_STATUSES: StatusOption[] = [
	{ code: 'Niepotwierdzony', label: 'Niepotwierdzony (unconfirmed)' },
	{ code: 'Potwierdzony', label: 'Potwierdzony (confirmed)' },
	{ code: 'Zaakceptowany', label: 'Zaakceptowany (accepted)' },
	{ code: 'Zrealizowany', label: 'Zrealizowany (realised)' },
	{ code: 'Anulowany', label: 'Anulowany (cancelled)' },
];

/** IdoSell's 17 built-in order statuses (Admin API `orderStatus`); a live shop adds its own, loaded through the credential. */
export const IDOSELL_STATUSES: StatusOption[] = Object.entries(IDOSELL_STATUS_LABELS).map(([code, label]) => ({ code, label }));

export const CANONICAL_STATUS_OPTIONS: StatusOption[] = CANONICAL_STATUSES.map((code) => ({
	code,
	label: code.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()),
}));

/**
 * Systems the mapper offers without a connector (after the registered ones): their statuses are fixed here, and
 * `other` is any system whose statuses the merchant types. A registered system of the same value replaces one.
 */
const UNCONNECTED_SYSTEMS: Array<{ value: string; name: string; statuses?: StatusOption[] }> = [
	{ value: 'enova365', name: 'Enova365', statuses: ENOVA365_STATUSES },
	{ value: 'canonical', name: 'Canonical (Order Sync)', statuses: CANONICAL_STATUS_OPTIONS },
	{ value: 'other', name: 'Other' },
];

/** The mapper's systems in selector order: every registered shop, ERP and marketplace, then the unconnected ones. */
export function mapperSystems(): Array<{ value: MapperSystem; name: string }> {
	const registered = registeredSystems().map(({ value, name }) => ({ value, name }));
	const taken = new Set(registered.map((system) => system.value));
	return [...registered, ...UNCONNECTED_SYSTEMS.filter((system) => !taken.has(system.value)).map(({ value, name }) => ({ value, name }))];
}

export const systemLabel = (system: MapperSystem): string =>
	findSystem(system)?.name ?? UNCONNECTED_SYSTEMS.find((s) => s.value === system)?.name ?? system;

/**
 * The statuses of a system known without a request: a registered system's fixed list (its core list where it has a
 * live one; `asTarget` leaves out statuses an order cannot be moved into), an unconnected system's list, or
 * undefined where only the merchant knows them.
 */
export function fixedStatusList(system: MapperSystem, asTarget = false): StatusOption[] | undefined {
	const definition = findSystem(system);
	if (!definition) return UNCONNECTED_SYSTEMS.find((s) => s.value === system)?.statuses;
	return definition.statuses.fixed.filter((status) => !asTarget || status.assignable !== false).map(({ code, label }) => ({ code, label }));
}

export interface Preset {
	id: string;
	name: string;
	from: MapperSystem;
	to: MapperSystem;
	rows: MappingRow[];
}

const row = (
	source: string,
	target: string,
	canonical: MappingRow['canonical'],
	event?: MappingRow['event'],
): MappingRow => ({ source, target, canonical, notify: event !== undefined, event });

const enovaToIdosell: MappingRow[] = [
	row('Niepotwierdzony', 'new', 'new'),
	row('Potwierdzony', 'on_order', 'confirmed', 'order_confirmation'),
	row('Zaakceptowany', 'packed', 'processing'),
	row('Zrealizowany', 'finished', 'completed', 'completed'),
	row('Anulowany', 'canceled', 'cancelled', 'cancelled'),
];

/** IdoSell statuses no Enova365 status becomes, and the Enova365 status each one reads back as. */
const idosellOnly: MappingRow[] = [
	row('payment_waiting', 'Niepotwierdzony', 'on_hold'),
	row('suspended', 'Niepotwierdzony', 'on_hold'),
	row('delivery_waiting', 'Potwierdzony', 'backordered'),
	row('packed_fulfillment', 'Zaakceptowany', 'processing'),
	row('packed_ready', 'Zaakceptowany', 'ready'),
	row('wait_for_dispatch', 'Zaakceptowany', 'ready'),
	row('ready', 'Zaakceptowany', 'shipped'),
	row('finished_ext', 'Zrealizowany', 'completed'),
	row('joined', 'Anulowany', 'cancelled'),
	row('missing', 'Anulowany', 'failed'),
	row('lost', 'Anulowany', 'failed'),
	row('false', 'Anulowany', 'cancelled'),
];

export const PRESETS: Preset[] = [
	{
		id: 'pohoda_woocommerce',
		name: 'POHODA → WooCommerce',
		from: 'pohoda',
		to: 'woocommerce',
		rows: [
			// processing first: read in reverse (shop → ERP), WooCommerce "processing" means POHODA "processing"
			row('processing', 'processing', 'processing'),
			row('new', 'processing', 'confirmed'),
			row('executed', 'completed', 'completed', 'completed'),
			row('cancelled', 'cancelled', 'cancelled', 'cancelled'),
		],
	},
	{
		id: 'enova365_idosell',
		name: 'Enova365 → IdoSell',
		from: 'enova365',
		to: 'idosell',
		// The first five rows map Enova365 → IdoSell; the rest read the other IdoSell statuses back (Both Ways).
		rows: [...enovaToIdosell, ...idosellOnly.map(reverseRow)],
	},
	{
		id: 'idosell_enova365',
		name: 'IdoSell → Enova365',
		from: 'idosell',
		to: 'enova365',
		rows: [...enovaToIdosell.map((r) => ({ ...reverseRow(r), notify: false, event: undefined })), ...idosellOnly],
	},
	{
		id: 'canonical_woocommerce',
		name: 'Canonical → WooCommerce',
		from: 'canonical',
		to: 'woocommerce',
		rows: [
			row('new', 'pending', 'new'),
			row('confirmed', 'processing', 'confirmed', 'order_confirmation'),
			row('processing', 'processing', 'processing'),
			row('ready', 'processing', 'ready', 'ready'),
			row('backordered', 'on-hold', 'backordered', 'backordered'),
			row('shipped', 'completed', 'shipped', 'shipped'),
			row('delivered', 'completed', 'delivered'),
			row('completed', 'completed', 'completed', 'completed'),
			row('cancelled', 'cancelled', 'cancelled', 'cancelled'),
			row('refunded', 'refunded', 'refunded'),
			row('on_hold', 'on-hold', 'on_hold'),
			row('failed', 'failed', 'failed'),
		],
	},
	{
		id: 'woocommerce_canonical',
		name: 'WooCommerce → Canonical',
		from: 'woocommerce',
		to: 'canonical',
		rows: [
			row('pending', 'new', 'new'),
			row('processing', 'processing', 'processing'),
			row('on-hold', 'on_hold', 'on_hold'),
			row('completed', 'completed', 'completed'),
			row('cancelled', 'cancelled', 'cancelled'),
			row('refunded', 'refunded', 'refunded'),
			row('failed', 'failed', 'failed'),
			row('checkout-draft', 'new', 'new'),
		],
	},
];

export function findPreset(id: string): Preset | undefined {
	return PRESETS.find((preset) => preset.id === id);
}
