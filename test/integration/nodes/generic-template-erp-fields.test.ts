/**
 * Template 6 (generic ERP ⇄ WooCommerce), ERP → shop, run through its own nodes' parameters as shipped: a row that
 * gets a tracking number is shipped (the shop gets the tracking, the customer one shipped mail in their language);
 * a row with a sales document is out of "Only Orders Not Yet Realised"; a Slovak row is mailed in Slovak.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { execute } from '../../helpers/n8n-context';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const template = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../workflows/generic-erp-two-way-status-sync.json'), 'utf8')) as {
	nodes: Array<{ name: string; parameters: IDataObject }>;
	settings: { timezone: string };
};
const parametersOf = (name: string) => {
	const node = template.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`the template has no node "${name}"`);
	return structuredClone(node.parameters);
};

/** The template's Settings node as the schedule's run sees it: executed, with the values the template ships. */
const settingsNode = (name: string) => {
	if (name !== 'Settings') throw new Error(`the template reads node "${name}"`);
	const { assignments } = parametersOf('Settings').assignments as { assignments: Array<{ name: string; value: unknown }> };
	const json = Object.fromEntries(assignments.map((a) => [a.name, a.value]));
	return { isExecuted: true, first: () => ({ json }) };
};

/** The template's `={{ … }}` parameters that read `$json` (and the Settings node), as n8n evaluates them per item. */
function evaluated(parameters: IDataObject, items: INodeExecutionData[]): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(parameters).map(([key, value]) => {
			const expression = typeof value === 'string' ? /^=\{\{(.*)\}\}$/s.exec(value)?.[1] : undefined;
			if (expression === undefined) return [key, value];
			if (/\$(?!json\b|\('Settings'\))/.test(expression)) throw new Error(`parameter ${key} reads more than $json: ${expression}`);
			const run = new Function('$json', '$', `return (${expression});`) as (json: IDataObject, node: typeof settingsNode) => unknown;
			return [key, (itemIndex: number) => run(items[itemIndex].json, settingsNode)];
		}),
	);
}

// The template leaves Set Tracking's carrier, number and link at their defaults, which n8n evaluates per item.
const TRACKING_DEFAULTS = Object.fromEntries(
	new ShopOrder().description.properties
		.filter((p) => ['carrier', 'trackingNumber', 'trackingUrl'].includes(p.name))
		.map((p) => [p.name, p.default]),
) as IDataObject;

let woo: WooSimulator;
let smtp: SmtpSink;
beforeAll(async () => {
	[woo, smtp] = await Promise.all([startWooSimulator(), startSmtpSink()]);
});
afterAll(async () => Promise.all([woo.close(), smtp.close()]));

describe('generic two-way template: tracking, realised and language fields of ERP rows', () => {
	const zone = template.settings.timezone;
	const credentials = () => ({
		orderSyncWooCommerceApi: { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret },
		orderSyncSmtpApi: { host: '127.0.0.1', port: smtp.port, security: 'none', fromEmail: 'orders@shop.example', fromName: 'Demo Coffee Shop' },
	});
	const run = async (node: INodeType, name: string, items: INodeExecutionData[], extra: IDataObject = {}) =>
		(
			await execute(node, {
				parameters: evaluated({ ...extra, ...parametersOf(name) }, items),
				items,
				credentials: credentials(),
				timezone: zone,
				workflowId: 'template-6',
				nodeName: name,
			})
		).output;

	/** One ERP → shop cycle: Detect ERP changes → Map status both ways → (towards the shop) Set the shop's tracking for shipped rows → Mail the customer. */
	async function cycle(rows: IDataObject[], mapperOptions: IDataObject = {}) {
		const [events] = await run(new ErpOrderStatus(), 'Detect ERP changes', rows.map((json) => ({ json })));
		const mapper = parametersOf('Map status both ways');
		const options = { ...(mapper.options as IDataObject), ...mapperOptions };
		const [mapped] = (
			await execute(new OrderStatusMapper(), { parameters: { ...mapper, options }, items: events, credentials: credentials(), timezone: zone, workflowId: 'template-6' })
		).output;
		const towardsShop = mapped.filter((item) => (item.json.status as { targetSystem?: string }).targetSystem === 'woocommerce');
		const shipped = towardsShop.filter((item) => item.json.kind === 'shipped');
		if (shipped.length) await run(new ShopOrder(), "Set the shop's tracking", shipped, TRACKING_DEFAULTS);
		const [mailed] = towardsShop.length ? await run(new NotifyCustomer(), 'Mail the customer', towardsShop) : [[]];
		return { events, mapped, mailed };
	}

	it('a tracking number sets the shop tracking and mails one shipped mail in the row\'s language; a realised row is left alone', async () => {
		woo.seed([
			{ id: 1001, status: 'processing', billing: { first_name: 'Zuzana', last_name: 'Kováčová', email: 'zuzana@example.sk' } as never },
			{ id: 1002, status: 'processing', billing: { first_name: 'Jan', last_name: 'Novák', email: 'jan@example.cz' } as never },
		]);
		const today = new Date().toLocaleString('sv-SE', { timeZone: zone });
		const rows = [
			{ id: 'ZO/1', shopOrderId: '1001', status: 'Potwierdzony', email: 'zuzana@example.sk', language: 'sk', createdAt: today, updatedAt: today },
			{ id: 'ZO/2', shopOrderId: '1002', status: 'Potwierdzony', email: 'jan@example.cz', country: 'CZ', salesDocument: 'FS 2/2026', createdAt: today, updatedAt: today },
		];
		const first = await cycle(rows, { notRealised: true });
		expect(first.events.map((e) => e.json.kind)).toEqual(['created', 'created']);
		expect(first.mapped.map((item) => (item.json.order as { id: string }).id)).toEqual(['ZO/1']);

		const parcel = { trackingNumber: 'SK-PKG-77', carrier: 'SPS', trackingUrl: 'https://tracking.example/SK-PKG-77' };
		const shippedRows = rows.map((row) => ({ ...row, ...parcel }));
		const second = await cycle(shippedRows, { notRealised: true });
		expect(second.events.map((e) => [e.json.kind, (e.json.order as { id: string }).id])).toEqual([
			['shipped', 'ZO/1'],
			['shipped', 'ZO/2'],
		]);
		expect(second.mailed.map((item) => item.json.mail)).toEqual([expect.objectContaining({ status: 'sent', event: 'shipped', language: 'sk', to: ['zuzana@example.sk'] })]);
		const [mail] = await smtp.waitFor(1);
		expect(mail.subject).toContain('1001');
		expect(mail.text).toContain('SK-PKG-77');
		expect(mail.text).toContain('https://tracking.example/SK-PKG-77');
		const meta = (id: number) => Object.fromEntries((woo.orders.get(id)?.meta_data ?? []).map((m) => [m.key, m.value]));
		expect(JSON.stringify(meta(1001))).toContain('SK-PKG-77');
		expect(JSON.stringify(meta(1002))).not.toContain('SK-PKG-77');

		// The same rows again: no event, no second mail.
		const third = await cycle(shippedRows, { notRealised: true });
		expect(third.events).toEqual([]);
		expect(smtp.messages).toHaveLength(1);
	});

	it('without the scope option, the realised row is shipped and mailed too, in Czech from its country', async () => {
		woo.seed([{ id: 1003, status: 'processing', billing: { first_name: 'Jan', last_name: 'Novák', email: 'jan3@example.cz' } as never }]);
		const today = new Date().toLocaleString('sv-SE', { timeZone: zone });
		const row = { id: 'ZO/3', shopOrderId: '1003', status: 'Potwierdzony', email: 'jan3@example.cz', country: 'cz', salesDocument: 'FS 3/2026', createdAt: today, updatedAt: today };
		await cycle([row]);
		const { mailed } = await cycle([{ ...row, trackingNumber: 'CZ-1' }]);
		expect(mailed.map((item) => item.json.mail)).toEqual([expect.objectContaining({ status: 'sent', event: 'shipped', language: 'cs' })]);
	});
});
