/**
 * POHODA exports the shop's order id (ord:extId) only for the external system a list request names in @extSystem
 * (list.xsd). The status-sync template's own nodes run over the strict POHODA simulator and the WooCommerce one:
 * Get Changes → Map Status → Update the shop order status.
 */
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import template from '../../../workflows/pohoda-to-woocommerce-status-sync.json';
import { execute } from '../../helpers/n8n-context';
import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';
import { connectorFor } from './support';

let pohoda: PohodaSimulator;
let woo: WooSimulator;
beforeEach(async () => {
	[pohoda, woo] = await Promise.all([startPohodaSimulator(), startWooSimulator()]);
});
afterEach(async () => {
	await Promise.all([pohoda.close(), woo.close()]);
});

/** The template's Settings node as a scheduled run sees it: executed, with the values the template ships. */
function settingsNode(name: string) {
	const settings = template.nodes.find((n) => n.name === name && name === 'Settings');
	if (!settings) throw new Error(`the template reads node "${name}"`);
	const { assignments } = (settings.parameters as { assignments: { assignments: Array<{ name: string; value: unknown }> } }).assignments;
	return { isExecuted: true, first: () => ({ json: Object.fromEntries(assignments.map((a) => [a.name, a.value])) }) };
}

/** A template node's parameters; a `={{ … }}` one becomes a function of the item, as n8n evaluates it per item. */
function templateParameters(name: string, items: INodeExecutionData[]): Record<string, unknown> {
	const found = template.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`the template has no node "${name}"`);
	return Object.fromEntries(
		Object.entries(found.parameters).map(([key, value]) => {
			const expression = typeof value === 'string' ? /^=\{\{(.*)\}\}$/s.exec(value)?.[1] : undefined;
			if (expression === undefined) return [key, value];
			const evaluate = new Function('$json', '$', `return (${expression});`) as (json: IDataObject, node: typeof settingsNode) => unknown;
			return [key, (i: number) => evaluate(items[i].json, settingsNode)];
		}),
	);
}

async function runTemplateNode(node: INodeType, name: string, items: INodeExecutionData[], staticData: Record<string, IDataObject>) {
	const { output } = await execute(node, {
		parameters: templateParameters(name, items),
		items,
		staticData,
		workflowId: 'ext-system',
		credentials: {
			orderSyncPohodaApi: { url: pohoda.url, username: 'admin', password: 'heslo', ico: pohoda.ico, application: 'jest' },
			orderSyncWooCommerceApi: { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret },
		},
	});
	return output;
}

const listRequests = () => pohoda.requests.filter((r) => r.body?.includes('listOrderRequest')).map((r) => r.body!);

describe('the shop order id from POHODA (listOrderRequest/@extSystem)', () => {
	it('Get Changes names the template’s system, so a POHODA completion reaches the shop order', async () => {
		const staticData: Record<string, IDataObject> = {};
		const trigger = [{ json: {} }];
		expect((await runTemplateNode(new ErpOrderStatus(), 'Get POHODA order changes', trigger, staticData))[0]).toEqual([]); // remembers now

		const [shopOrder] = woo.seed([{ status: 'processing' }]);
		const [imported] = pohoda.seed([
			{ extId: { ids: String(shopOrder.id), exSystemName: 'woocommerce' }, partner: { name: 'Jana', email: 'jana@example.cz' }, lines: [{ text: 'Čaj', quantity: 1 }] },
		]);
		const [created] = await runTemplateNode(new ErpOrderStatus(), 'Get POHODA order changes', trigger, staticData);
		expect(created.map((item) => item.json.kind)).toEqual(['created']);
		pohoda.setExecuted(imported.id);
		const [changes] = await runTemplateNode(new ErpOrderStatus(), 'Get POHODA order changes', trigger, staticData);
		expect(changes.map((item) => item.json.kind)).toEqual(['completed']);
		expect((changes[0].json.order as unknown as Order).externalIds).toMatchObject({ woocommerce: String(shopOrder.id), shop: String(shopOrder.id) });
		expect(listRequests().every((xml) => /<lst:listOrderRequest [^>]*\bextSystem="woocommerce"/.test(xml))).toBe(true);

		const [mapped] = await runTemplateNode(new OrderStatusMapper(), 'Map POHODA state to shop status', changes, staticData);
		expect(mapped.map((item) => (item.json.status as IDataObject).to)).toEqual(['completed']);
		const [updated] = await runTemplateNode(new ShopOrder(), 'Update the shop order status', mapped, staticData);
		expect(updated).toHaveLength(1);
		expect(woo.orders.get(shopOrder.id)?.status).toBe('completed');
	});

	it('the simulator exports an order’s shop id only for the system named, as POHODA may', async () => {
		const [ours, other] = pohoda.seed([
			{ extId: { ids: '501', exSystemName: 'woocommerce' }, partner: { name: 'A' }, lines: [] },
			{ extId: { ids: 'OZ-1', exSystemName: 'ozon' }, partner: { name: 'B' }, lines: [] },
		]);
		const shopIds = async (externalSystem?: string) => {
			const { orders } = await connectorFor(pohoda, { externalSystem }).client.listPage({});
			return Object.fromEntries(orders.map((o) => [o.id, o.externalIds.shop ?? null]));
		};
		expect(await shopIds('woocommerce')).toEqual({ [ours.id]: '501', [other.id]: null });
		expect(await shopIds('ozon')).toEqual({ [ours.id]: null, [other.id]: 'OZ-1' });
		expect(await shopIds()).toEqual({ [ours.id]: null, [other.id]: null }); // the default system, eshop
		const response = await connectorFor(pohoda).client.post([
			{ id: '1', body: '<lst:listOrderRequest version="2.0" orderType="receivedOrder" orderVersion="2.0"><lst:requestOrder/></lst:listOrderRequest>' },
		]);
		expect(response.body.toString('latin1')).toContain('<ord:id>');
		expect(response.body.toString('latin1')).not.toContain('ord:extId'); // no @extSystem: no shop ids at all
	});

	it('every list request the connector builds names the system: Get Order by id, by number and by extId, and import', async () => {
		const connector = connectorFor(pohoda, { import: { externalSystem: 'woocommerce' } });
		const [order] = pohoda.seed([{ extId: { ids: '777', exSystemName: 'woocommerce' }, partner: { name: 'C' }, lines: [] }]);
		expect((await connector.getOrder({ by: 'id', value: String(order.id) }))?.externalIds.woocommerce).toBe('777');
		expect((await connector.getOrder({ by: 'number', value: order.number }))?.externalIds.woocommerce).toBe('777');
		expect((await connector.getOrder({ by: 'extId', value: '777' }))?.id).toBe(String(order.id));
		expect((await connector.createInvoiceFromOrder(String(order.id))).created).toBe(true);
		const sent = listRequests();
		expect(sent.length).toBeGreaterThanOrEqual(4);
		for (const xml of sent) expect(xml).toMatch(/<lst:listOrderRequest [^>]*\bextSystem="woocommerce"/);
	});
});
