import { POHODA_STATUSES as POHODA_STATES } from '../connectors/pohoda/mapping';
import { OZON_STATUSES as OZON_STATES } from '../connectors/ozon/mapping';
import { WOO_STATUS_LABELS } from '../connectors/woocommerce/mapping';
import { IDOSELL_STATUS_LABELS } from '../connectors/idosell/mapping';
import { CANONICAL_STATUSES } from '../model';
import { reverseRow } from './table';
import type { MappingRow, StatusOption } from './types';

/** Systems the mapper knows by name; `other` is any system whose statuses the merchant types. */
export const MAPPER_SYSTEMS = ['woocommerce', 'pohoda', 'ozon', 'enova365', 'idosell', 'canonical', 'other'] as const;
export type MapperSystem = (typeof MAPPER_SYSTEMS)[number];

export const SYSTEM_LABELS: Record<MapperSystem, string> = {
	woocommerce: 'WooCommerce',
	pohoda: 'POHODA',
	ozon: 'Ozon',
	enova365: 'Enova365',
	idosell: 'IdoSell',
	canonical: 'Canonical (Order Sync)',
	other: 'Other',
};

const optionsOf = (labels: Record<string, string | { label: string }>): StatusOption[] =>
	Object.entries(labels).map(([code, entry]) => ({ code, label: typeof entry === 'string' ? entry : entry.label }));

/** POHODA has no status list: a received order is new, partly delivered, executed (isExecuted) or cancelled (storno). */
export const POHODA_STATUSES = optionsOf(POHODA_STATES);

export const OZON_STATUSES = optionsOf(OZON_STATES);

/** WooCommerce core statuses, for presets; a live store may have more (plugins), loaded through the credential. */
export const WOOCOMMERCE_CORE_STATUSES = optionsOf(WOO_STATUS_LABELS);

/** Enova365 order document states as the merchant sees them. */
export const ENOVA365_STATUSES: StatusOption[] = [
	{ code: 'Niepotwierdzony', label: 'Niepotwierdzony (unconfirmed)' },
	{ code: 'Potwierdzony', label: 'Potwierdzony (confirmed)' },
	{ code: 'Zaakceptowany', label: 'Zaakceptowany (accepted)' },
	{ code: 'Zrealizowany', label: 'Zrealizowany (realised)' },
	{ code: 'Anulowany', label: 'Anulowany (cancelled)' },
];

/** IdoSell's 17 built-in order statuses (Admin API `orderStatus`); a live shop adds its own, loaded through the credential. */
export const IDOSELL_STATUSES = optionsOf(IDOSELL_STATUS_LABELS);

export const CANONICAL_STATUS_OPTIONS: StatusOption[] = CANONICAL_STATUSES.map((code) => ({
	code,
	label: code.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()),
}));

/** Status lists that do not depend on a live system. */
export const FIXED_STATUS_LISTS: Partial<Record<MapperSystem, StatusOption[]>> = {
	pohoda: POHODA_STATUSES,
	ozon: OZON_STATUSES,
	enova365: ENOVA365_STATUSES,
	idosell: IDOSELL_STATUSES,
	canonical: CANONICAL_STATUS_OPTIONS,
};

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
