import { NodeOperationError, type INodeExecutionData } from 'n8n-workflow';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { loadOptionsContext, outputsFor } from '../../helpers/mapping-context';
import { execute } from '../../helpers/n8n-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new OrderStatusMapper();

const pohodaEvent = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
	json: {
		kind: 'status_changed',
		system: 'pohoda',
		newStatus: { code: status },
		changedAt: '2026-11-22T09:00:00Z',
		order: {
			system: 'pohoda',
			id,
			externalIds: { pohoda: id, woocommerce: `10${id}` },
			status: { code: status },
			canonicalStatus: status.trim() === 'new' ? 'new' : 'processing',
			customer: {},
			lines: [],
		},
		...extra,
	},
});

const rows = [
	{ source: 'executed', target: 'completed', canonical: 'completed', notify: true, event: 'completed' },
	{ source: 'Cancelled', target: 'cancelled', canonical: 'cancelled', notify: true, event: 'cancelled' },
	{ source: 'processing', target: 'processing', canonical: '', notify: false, event: 'order_confirmation' },
];

const base = { sourceSystem: 'pohoda', targetSystem: 'woocommerce', mappings: { rows } };

describe('Order Status Mapper node: Map Status', () => {
	it('maps through the table exactly and tolerantly, says which, and leaves the input alone', async () => {
		const items: INodeExecutionData[] = [pohodaEvent('1', 'executed'), pohodaEvent('2', '  CANCELLED'), pohodaEvent('3', 'processing')];
		const before = JSON.stringify(items);
		const { output } = await execute(node, { parameters: base, items });
		expect(output).toHaveLength(1);
		expect(output[0].map((item) => [item.json.status, item.json.notify, item.pairedItem])).toEqual([
			[
				{ from: 'executed', to: 'completed', canonical: 'completed', matchedBy: 'exact', sourceSystem: 'pohoda', targetSystem: 'woocommerce' },
				{ event: 'completed', enabled: true },
				{ item: 0 },
			],
			[
				{ from: '  CANCELLED', to: 'cancelled', canonical: 'cancelled', matchedBy: 'tolerant', sourceSystem: 'pohoda', targetSystem: 'woocommerce' },
				{ event: 'cancelled', enabled: true },
				{ item: 1 },
			],
			[
				{ from: 'processing', to: 'processing', canonical: 'processing', matchedBy: 'exact', sourceSystem: 'pohoda', targetSystem: 'woocommerce' },
				{ event: 'order_confirmation', enabled: false },
				{ item: 2 },
			],
		]);
		expect(output[0][0].json.order).toEqual(items[0].json.order);
		expect(JSON.stringify(items)).toBe(before);
	});

	it('uses preset rows under the user rows, the user winning', async () => {
		const { output } = await execute(node, {
			parameters: { ...base, preset: 'pohoda_woocommerce', mappings: { rows: [{ source: 'new', target: 'on-hold', notify: false }] } },
			items: [pohodaEvent('1', 'new'), pohodaEvent('2', 'executed')],
		});
		expect(output[0].map((i) => (i.json.status as { to: string }).to)).toEqual(['on-hold', 'completed']);
	});

	it('refuses a preset for other systems, naming both', async () => {
		await expect(
			execute(node, { parameters: { ...base, targetSystem: 'idosell', preset: 'pohoda_woocommerce' }, items: [pohodaEvent('1', 'new')] }),
		).rejects.toThrow('The preset "POHODA → WooCommerce" is for POHODA and WooCommerce, but this node maps POHODA → IdoSell');
	});

	it('maps plain items by the Status parameter (an expression per item)', async () => {
		const items = [{ json: { state: 'Executed' } }, { json: { state: 'processing' } }];
		const { output } = await execute(node, {
			parameters: { ...base, sourceSystem: 'other', sourceSystemName: 'optima', status: (i: number) => items[i].json.state },
			items,
		});
		expect(output[0].map((i) => i.json.status)).toMatchObject([
			{ from: 'Executed', to: 'completed', matchedBy: 'tolerant', sourceSystem: 'optima' },
			{ from: 'processing', to: 'processing', matchedBy: 'exact' },
		]);
	});

	it('derives ready, backordered and shipped from the order when asked, refining only open statuses', async () => {
		const line = (backordered: number) => ({ sku: 'A', name: 'Mug', quantity: 2, backordered });
		const withOrder = (id: string, status: string, order: Record<string, unknown>) => {
			const item = pohodaEvent(id, status);
			return { json: { ...item.json, order: { ...(item.json.order as object), ...order } } };
		};
		const items = [
			withOrder('1', 'processing', { lines: [line(0), line(0)] }),
			withOrder('2', 'processing', { lines: [line(0), line(1)] }),
			withOrder('3', 'processing', { lines: [line(1)], tracking: [{ carrier: 'GLS', number: '123' }] }),
			withOrder('4', 'executed', { canonicalStatus: 'completed', lines: [line(0)], tracking: [{ number: '123' }] }),
			withOrder('5', 'processing', { lines: [{ sku: 'B', name: 'Pot', quantity: 1 }] }),
		];
		const derived = { options: { derived: ['shipped', 'backordered', 'ready'] } };
		const { output } = await execute(node, { parameters: { ...base, ...derived }, items });
		expect(output[0].map((i) => [(i.json.status as { canonical: string }).canonical, (i.json.status as { matchedBy: string }).matchedBy, i.json.notify])).toEqual([
			['ready', 'derived', { event: 'ready', enabled: true }],
			['backordered', 'derived', { event: 'backordered', enabled: true }],
			['shipped', 'derived', { event: 'shipped', enabled: true }],
			['completed', 'exact', { event: 'completed', enabled: true }],
			['processing', 'exact', { event: 'order_confirmation', enabled: false }],
		]);
		// Off by default: the table alone decides.
		const plain = await execute(node, { parameters: base, items });
		expect(plain.output[0].map((i) => (i.json.status as { matchedBy: string }).matchedBy)).toEqual(['exact', 'exact', 'exact', 'exact', 'exact']);
	});

	it("maps from the canonical status when the source is Canonical, whatever system the order is in", async () => {
		const item = pohodaEvent('1', 'executed');
		(item.json.order as { canonicalStatus: string }).canonicalStatus = 'completed';
		const { output } = await execute(node, { parameters: { sourceSystem: 'canonical', targetSystem: 'woocommerce', preset: 'canonical_woocommerce' }, items: [item] });
		expect(output[0][0].json.status).toMatchObject({ from: 'completed', to: 'completed', canonical: 'completed', sourceSystem: 'canonical' });
	});

	it('refuses items of a system it does not map, naming both', async () => {
		const ozon = { json: { kind: 'created', system: 'ozon', newStatus: { code: 'awaiting_packaging' }, order: { system: 'ozon', id: '77' } } };
		const run = execute(node, { parameters: base, items: [pohodaEvent('1', 'executed'), ozon] });
		await expect(run).rejects.toMatchObject({
			message: 'The item comes from ozon, but this mapper maps pohoda and woocommerce',
			description: expect.stringContaining('Give each system its own Order Status Mapper'),
		});
		const { output } = await execute(node, { parameters: base, items: [pohodaEvent('1', 'executed'), ozon], continueOnFail: true });
		expect(output[0].map((i) => i.json.error ?? 'mapped')).toEqual(['mapped', 'The item comes from ozon, but this mapper maps pohoda and woocommerce']);
	});

	describe('unmapped items', () => {
		const items = [pohodaEvent('1', 'executed'), pohodaEvent('2', 'new'), pohodaEvent('3', 'cancelled')];

		it('go to a second "Unmapped" output when chosen', async () => {
			const { output } = await execute(node, { parameters: { ...base, unmapped: 'output' }, items });
			expect(output).toHaveLength(2);
			expect(output[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
			expect(output[1]).toEqual([
				{
					json: { ...items[1].json, status: { from: 'new', to: null, canonical: null, matchedBy: 'none', sourceSystem: 'pohoda', targetSystem: 'woocommerce' }, notify: { event: null, enabled: false } },
					pairedItem: { item: 1 },
				},
			]);
		});

		it('pass through on the main output with no target and no notification', async () => {
			const { output } = await execute(node, { parameters: { ...base, unmapped: 'passThrough' }, items });
			expect(output).toHaveLength(1);
			expect(output[0].map((i) => [(i.json.status as { to: unknown }).to, (i.json.notify as { enabled: boolean }).enabled])).toEqual([
				['completed', true],
				[null, false],
				['cancelled', true],
			]);
		});

		it('stop the run naming the order, status and fix', async () => {
			const run = execute(node, { parameters: { ...base, unmapped: 'stop' }, items });
			await expect(run).rejects.toThrow(NodeOperationError);
			await expect(run).rejects.toMatchObject({
				message: 'Status "new" of order 2 from pohoda has no row in the mapping table',
				description: expect.stringContaining('Add a row with Source Status "new" to the Mapping Table'),
			});
		});

		it('become error items under continueOnFail, the rest mapped', async () => {
			const { output } = await execute(node, { parameters: { ...base, unmapped: 'stop' }, items, continueOnFail: true });
			expect(output[0].map((i) => i.json.error ?? (i.json.status as { to: string }).to)).toEqual([
				'completed',
				'Status "new" of order 2 from pohoda has no row in the mapping table',
				'cancelled',
			]);
			expect(output[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		});
	});

	it('declares a second output only when unmapped items are routed to it', () => {
		expect(outputsFor(node, { operation: 'mapStatus', unmapped: 'output' })).toEqual([
			{ type: 'main', displayName: 'Mapped' },
			{ type: 'main', displayName: 'Unmapped' },
		]);
		expect(outputsFor(node, { operation: 'mapStatus', unmapped: 'stop' })).toEqual([{ type: 'main' }]);
		expect(outputsFor(node, { operation: 'mapStatus', unmapped: 'passThrough' })).toEqual([{ type: 'main' }]);
		expect(outputsFor(node, { operation: 'resetBaseline', unmapped: 'output' })).toEqual([{ type: 'main' }]);
	});

	it('notifies edits with the Order Edited template unless turned off', async () => {
		const edit = pohodaEvent('5', 'executed', { kind: 'edited' });
		const on = await execute(node, { parameters: base, items: [edit] });
		expect(on.output[0][0].json.notify).toEqual({ event: 'order_edited', enabled: true });
		const off = await execute(node, { parameters: { ...base, options: { notifyOnEdits: false } }, items: [edit] });
		expect(off.output[0][0].json.notify).toEqual({ event: null, enabled: false });
	});
});

describe('Order Status Mapper node: completeness against live status lists', () => {
	let woo: WooSimulator;
	beforeAll(async () => {
		woo = await startWooSimulator({ customStatuses: [{ slug: 'wc-shipped', name: 'Shipped' }, { slug: 'ready-pickup', name: 'Ready for pickup' }] });
	});
	afterAll(() => woo.close());
	const credentials = () => ({
		orderSyncWooCommerceApi: { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret, allowUnauthorizedCerts: false },
	});
	const wooRows = ['pending', 'processing', 'On-Hold', 'completed', 'cancelled', 'refunded', 'checkout-draft'].map((source) => ({
		source,
		target: source.toLowerCase() === 'completed' ? 'executed' : 'processing',
		notify: false,
	}));
	const wooSource = { sourceSystem: 'woocommerce', targetSystem: 'pohoda', requireComplete: true, unmapped: 'passThrough' };
	const item = { json: { system: 'woocommerce', newStatus: { code: 'completed' }, order: { system: 'woocommerce', id: '1', status: { code: 'completed' } } } };

	it("names exactly the store's statuses that have no row, custom ones included", async () => {
		const run = execute(node, { parameters: { ...wooSource, mappings: { rows: wooRows } }, items: [item], credentials: credentials() });
		await expect(run).rejects.toMatchObject({
			message: '3 WooCommerce status(es) have no row in the mapping table: "failed" (Failed), "shipped" (Shipped), "ready-pickup" (Ready for pickup)',
			description: expect.stringContaining('For each of "failed", "shipped", "ready-pickup" add a row under Mapping Table'),
		});
		expect(woo.requests.some((r) => r.path.includes('/wp-json/wc/v3/reports/orders/totals'))).toBe(true);
	});

	it('passes once the rows cover the live list', async () => {
		const all = [...wooRows, ...['failed', 'shipped', 'Ready-Pickup '].map((source) => ({ source, target: 'cancelled', notify: false }))];
		const { output } = await execute(node, { parameters: { ...wooSource, mappings: { rows: all } }, items: [item], credentials: credentials() });
		expect(output[0][0].json.status).toMatchObject({ from: 'completed', to: 'executed', matchedBy: 'exact' });
	});

	it('asks for the credential when the live list cannot be had', async () => {
		await expect(execute(node, { parameters: { ...wooSource, mappings: { rows: wooRows } }, items: [item] })).rejects.toMatchObject({
			message: expect.stringContaining('Could not load the WooCommerce status list'),
			description: expect.stringContaining('Select a WooCommerce credential on this node'),
		});
	});

	it('checks the target side too when mapping both ways, against the fixed POHODA states', async () => {
		const run = execute(node, {
			parameters: { ...base, direction: 'both', requireComplete: true, mappings: { rows: [...rows, ...wooRows.map((r) => ({ ...r, source: r.target, target: r.source }))] } },
			items: [pohodaEvent('1', 'executed')],
			credentials: credentials(),
		});
		// POHODA "new" has no row; then the WooCommerce side would be checked.
		await expect(run).rejects.toThrow('1 POHODA status(es) have no row in the mapping table: "new" (Nevyřízeno)');
	});

	it('checks an Other source against the statuses typed in', async () => {
		const parameters = { ...base, sourceSystem: 'other', sourceSystemName: 'optima', requireComplete: true, otherStatuses: 'executed, paid ,cancelled,sent' };
		await expect(execute(node, { parameters, items: [pohodaEvent('1', 'executed')] })).rejects.toThrow(
			'2 Other status(es) have no row in the mapping table: "paid", "sent"',
		);
	});

	describe('status lists for the dropdowns', () => {
		it('loads the live WooCommerce list through the credential', async () => {
			const context = loadOptionsContext(node, { parameters: { sourceSystem: 'woocommerce' }, credentials: credentials() });
			const options = await node.methods.loadOptions.getSourceStatuses.call(context as never);
			expect(options.map((o) => o.value)).toEqual([
				'pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft', 'shipped', 'ready-pickup',
			]);
			expect(options.find((o) => o.value === 'ready-pickup')?.name).toBe('Ready for pickup (ready-pickup)');
			const targetContext = loadOptionsContext(node, { parameters: { targetSystem: 'woocommerce' }, credentials: credentials() });
			const targets = await node.methods.loadOptions.getTargetStatuses.call(targetContext as never);
			expect(targets.map((o) => o.value)).toEqual(['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'shipped', 'ready-pickup']);
		});

		it('offers the core WooCommerce list without a credential, and fixed lists for the others', async () => {
			const noCredential = loadOptionsContext(node, { parameters: { targetSystem: 'woocommerce' } });
			const coreTargets = (await node.methods.loadOptions.getTargetStatuses.call(noCredential as never)).map((o) => o.value);
			expect(coreTargets).toContain('on-hold');
			expect(coreTargets).not.toContain('checkout-draft');
			const pohoda = loadOptionsContext(node, { parameters: { sourceSystem: 'pohoda' } });
			expect((await node.methods.loadOptions.getSourceStatuses.call(pohoda as never)).map((o) => o.value)).toEqual([
				'new', 'processing', 'executed', 'cancelled',
			]);
			const other = loadOptionsContext(node, { parameters: { sourceSystem: 'other' } });
			expect(await node.methods.loadOptions.getSourceStatuses.call(other as never)).toEqual([]);
		});
	});
});
