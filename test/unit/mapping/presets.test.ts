import {
	CANONICAL_STATUS_OPTIONS,
	ENOVA365_STATUSES,
	IDOSELL_STATUSES,
	MappingTable,
	PRESETS,
	findPreset,
	fixedStatusList,
	type MapperSystem,
} from '../../../lib/mapping';

const listOf = (system: MapperSystem) => (fixedStatusList(system) ?? []).map((s) => s.code);
const POHODA_STATUSES = fixedStatusList('pohoda') ?? [];
const WOOCOMMERCE_CORE_STATUSES = fixedStatusList('woocommerce') ?? [];

describe('presets', () => {
	it.each(PRESETS.map((p) => [p.id, p] as const))('%s maps only statuses its two systems have', (_, preset) => {
		for (const row of preset.rows) {
			expect(listOf(preset.from)).toContain(row.source);
			expect(listOf(preset.to)).toContain(row.target);
			if (row.notify) expect(row.event).toBeDefined();
		}
	});

	it('POHODA → WooCommerce covers every POHODA state and reads back to the same meaning', () => {
		const rows = findPreset('pohoda_woocommerce')!.rows;
		const forward = new MappingTable(rows, 'forward');
		const reverse = new MappingTable(rows, 'reverse');
		expect(forward.unmapped(POHODA_STATUSES.map((s) => s.code))).toEqual([]);
		for (const { code } of POHODA_STATUSES) {
			const there = forward.lookup(code)!.row;
			const back = reverse.lookup(there.target)!.row;
			// "new" and "processing" both become WooCommerce "processing"; it reads back as "processing".
			expect(back.target).toBe(code === 'new' ? 'processing' : code);
		}
	});

	it('Enova365 → IdoSell → Enova365 is the identity on every Enova365 status', () => {
		const there = new MappingTable(findPreset('enova365_idosell')!.rows);
		const back = new MappingTable(findPreset('idosell_enova365')!.rows);
		for (const { code } of ENOVA365_STATUSES) expect(back.lookup(there.lookup(code)!.row.target)!.row.target).toBe(code);
		expect(back.unmapped(IDOSELL_STATUSES.map((s) => s.code))).toEqual([]);
	});

	it('Enova365 → IdoSell read both ways covers every status of both systems and keeps the forward rows first', () => {
		const rows = findPreset('enova365_idosell')!.rows;
		const forward = new MappingTable(rows);
		const reverse = new MappingTable(rows, 'reverse');
		expect(forward.unmapped(ENOVA365_STATUSES.map((s) => s.code))).toEqual([]);
		expect(reverse.unmapped(IDOSELL_STATUSES.map((s) => s.code))).toEqual([]);
		expect(IDOSELL_STATUSES).toHaveLength(17);
		expect(forward.lookup('Niepotwierdzony')!.row.target).toBe('new');
		expect(forward.lookup('Zaakceptowany')!.row.target).toBe('packed');
		expect(reverse.lookup('ready')!.row.target).toBe('Zaakceptowany');
		expect(reverse.lookup('canceled')!.row.target).toBe('Anulowany');
	});

	it('WooCommerce → canonical → WooCommerce keeps the canonical meaning of every core status', () => {
		const toCanonical = new MappingTable(findPreset('woocommerce_canonical')!.rows);
		const toWoo = new MappingTable(findPreset('canonical_woocommerce')!.rows);
		expect(toWoo.unmapped(CANONICAL_STATUS_OPTIONS.map((s) => s.code))).toEqual([]);
		for (const { code } of WOOCOMMERCE_CORE_STATUSES) {
			const canonical = toCanonical.lookup(code)!.row.target;
			const woo = toWoo.lookup(canonical)!.row.target;
			expect({ code, canonical: toCanonical.lookup(woo)!.row.target }).toEqual({ code, canonical });
			if (code !== 'checkout-draft') expect(woo).toBe(code);
		}
	});

	it('notifies the customer only for customer-facing changes', () => {
		const notified = findPreset('canonical_woocommerce')!.rows.filter((r) => r.notify).map((r) => r.event);
		expect(notified).toEqual(['order_confirmation', 'ready', 'backordered', 'shipped', 'completed', 'cancelled']);
	});
});
