import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { execute } from '../../helpers/n8n-context';
import { startSmtpSink } from '../../helpers/smtp-sink';

const node = new OrderStatusMapper();
const DAY = 86_400_000;

/** A WooCommerce "created" event as the Shop Trigger emits it for an order it has never seen. */
const created = (id: number, at: string): INodeExecutionData => ({
	json: {
		kind: 'created',
		system: 'woocommerce',
		newStatus: { code: 'processing' },
		changedAt: at,
		order: {
			system: 'woocommerce',
			id: String(id),
			externalIds: { woocommerce: String(id) },
			status: { code: 'processing' },
			customer: { email: `c${id}@example.sk` },
			lines: [{ sku: 'A', name: 'Mug', quantity: 1 }],
			createdAt: at,
			updatedAt: at,
		},
	},
});

const mapParameters = (baselineName: string, extra: IDataObject = {}) => ({
	sourceSystem: 'woocommerce',
	targetSystem: 'canonical',
	preset: 'woocommerce_canonical',
	// Every new order is confirmed to the customer: without the baseline each old one would be mailed.
	mappings: { rows: [{ source: 'processing', target: 'confirmed', notify: true, event: 'order_confirmation' }] },
	options: { baseline: 'stored', baselineName, ...extra },
});

describe('Reset Baseline', () => {
	it('stores the baseline in the workflow and reports the one it replaced', async () => {
		const staticData = {};
		const first = await execute(node, {
			parameters: { operation: 'resetBaseline', baselineName: 'replace', baselineAt: '2026-11-22T12:00:00' },
			staticData,
			items: [{ json: {} }, { json: {} }],
		});
		expect(first.output).toEqual([
			[{ json: { baselineName: 'replace', baseline: '2026-11-22T11:00:00.000Z', previousBaseline: null }, pairedItem: { item: 0 } }],
		]);
		const second = await execute(node, { parameters: { operation: 'resetBaseline', baselineName: 'replace', baselineAt: '2026-11-23T08:30:00+01:00' }, staticData });
		expect(second.output[0][0].json).toEqual({ baselineName: 'replace', baseline: '2026-11-23T07:30:00.000Z', previousBaseline: '2026-11-22T11:00:00.000Z' });
	});

	it('defaults to now', async () => {
		const before = Date.now();
		const { output } = await execute(node, { parameters: { operation: 'resetBaseline', baselineName: 'now' }, staticData: {} });
		const stored = Date.parse(output[0][0].json.baseline as string);
		expect(stored).toBeGreaterThanOrEqual(before - 1000);
		expect(stored).toBeLessThanOrEqual(Date.now());
	});

	it('rejects a date it cannot read', async () => {
		await expect(
			execute(node, { parameters: { operation: 'resetBaseline', baselineName: 'bad', baselineAt: 'next tuesday' }, staticData: {} }),
		).rejects.toThrow('Handled Up To "next tuesday" is not a date');
	});

	it('turned on over 5,000 old orders, notifies nobody; orders after it are notified', async () => {
		const staticData: Record<string, IDataObject> = {};
		const reset = await execute(node, { parameters: { operation: 'resetBaseline', baselineName: 'launch' }, staticData });
		const baseline = Date.parse(reset.output[0][0].json.baseline as string);
		const old = Array.from({ length: 5000 }, (_, i) => created(1000 + i, new Date(baseline - 1000 - ((i * 7919) % 900) * DAY).toISOString()));
		// One exactly at the baseline: handled too.
		old.push(created(9999, new Date(baseline).toISOString()));
		const fresh = [created(20001, new Date(baseline + 1000).toISOString()), created(20002, new Date(baseline + DAY).toISOString())];

		// Control: without the baseline every one of them would be mailed.
		const unfiltered = await execute(node, { parameters: mapParameters('launch', { baseline: 'off' }), items: old.slice(0, 100), staticData });
		expect(unfiltered.output[0].filter((i) => (i.json.notify as { enabled: boolean }).enabled)).toHaveLength(100);

		// A restart in between: the baseline lives in the saved static data.
		const saved = JSON.parse(JSON.stringify(staticData));
		const started = Date.now();
		const { output } = await execute(node, { parameters: mapParameters('launch'), items: [...old, ...fresh], staticData: saved });
		const elapsed = Date.now() - started;
		expect(output[0].map((i) => (i.json.order as { id: string }).id)).toEqual(['20001', '20002']);
		expect(output[0].map((i) => i.pairedItem)).toEqual([{ item: 5001 }, { item: 5002 }]);
		expect(output[0].every((i) => (i.json.notify as { enabled: boolean }).enabled)).toBe(true);
		expect(elapsed).toBeLessThan(5000);

		const silent = await execute(node, { parameters: mapParameters('launch', { outOfScope: 'keepSilent' }), items: old, staticData: saved });
		expect(silent.output[0]).toHaveLength(5001);
		expect(silent.output[0].filter((i) => (i.json.notify as { enabled: boolean }).enabled)).toHaveLength(0);
		expect(silent.output[0][0].json.notify).toMatchObject({ event: 'order_confirmation', enabled: false, skipped: expect.stringContaining('out of scope') });
	});

	it('says how to set a baseline when none is stored', async () => {
		await expect(execute(node, { parameters: mapParameters('never-set'), items: [created(1, '2026-01-01T00:00:00Z')], staticData: {} })).rejects.toMatchObject({
			message: 'No baseline named "never-set" is stored in this workflow yet',
			description: expect.stringContaining('operation Reset Baseline'),
		});
	});

	it('can use a fixed baseline date instead, read in the workflow timezone', async () => {
		const items = [created(1, '2026-10-31T22:59:59Z'), created(2, '2026-10-31T23:00:01Z')];
		const { output } = await execute(node, {
			parameters: mapParameters('unused', { baseline: 'date', baselineDate: '2026-11-01T00:00:00' }),
			items,
			timezone: 'Europe/Prague',
		});
		expect(output[0].map((i) => (i.json.order as { id: string }).id)).toEqual(['2']);
	});

	it('sends zero mails through Notify Customer for 5,000 old orders, and mails the new ones', async () => {
		const sink = await startSmtpSink({ auth: { user: 'shop', pass: 'secret' } });
		try {
			const staticData: Record<string, IDataObject> = {};
			const reset = await execute(node, { parameters: { operation: 'resetBaseline', baselineName: 'mails' }, staticData });
			const baseline = Date.parse(reset.output[0][0].json.baseline as string);
			const old = Array.from({ length: 5000 }, (_, i) => created(30000 + i, new Date(baseline - (i + 1) * 60_000).toISOString()));
			const fresh = [created(40001, new Date(baseline + 60_000).toISOString())];
			const mapped = await execute(node, {
				parameters: mapParameters('mails', { outOfScope: 'keepSilent' }),
				items: [...old, ...fresh],
				staticData,
			});
			expect(mapped.output[0]).toHaveLength(5001);
			const { output } = await execute(new NotifyCustomer(), {
				parameters: { operation: 'sendNotification', event: 'fromItem', fallbackLanguage: 'en' },
				items: mapped.output[0],
				credentials: {
					orderSyncSmtpApi: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'shop', password: 'secret', fromEmail: 'orders@shop.example' },
				},
				staticData,
			});
			const outcomes = output[0].map((i) => (i.json.mail as { status: string }).status);
			expect(outcomes.filter((status) => status === 'sent')).toHaveLength(1);
			expect(outcomes.filter((status) => status === 'skipped')).toHaveLength(5000);
			const [mail] = await sink.waitFor(1);
			expect(mail.envelope.to).toEqual(['c40001@example.sk']);
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(sink.messages).toHaveLength(1);
		} finally {
			await sink.close();
		}
	});
});
