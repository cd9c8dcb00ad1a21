import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { execute } from '../../helpers/n8n-context';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const line = (product_id: number, quantity: number) => ({ product_id, quantity }) as WooLineItem;

/** An Order ID expression that fails for the second item, as `{{ $json.order.id }}` does when json.order is missing. */
const orderIdExpression = (ids: string[]) => (itemIndex: number) => {
	if (itemIndex === 1) throw new Error("Cannot read properties of undefined (reading 'id')");
	return ids[itemIndex];
};

describe('Shop Order: a failing expression fails only its item when the node continues on fail', () => {
	let sim: WooSimulator;
	beforeEach(async () => {
		sim = await startWooSimulator({
			seed: { products: [{ id: 11, sku: 'BEANS', price: '18.90' }], orders: [{ id: 101, status: 'processing', line_items: [line(11, 1)] }, { id: 102, status: 'processing', line_items: [line(11, 1)] }] },
		});
	});
	afterEach(() => sim.close());

	const run = (parameters: Record<string, unknown>, continueOnFail: boolean) =>
		execute(new ShopOrder(), {
			parameters: { shop: 'woocommerce', resource: 'order', ...parameters },
			credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret } },
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail,
			workflowId: `shop-order-expressions-${Math.random()}`,
		});

	it.each(['get', 'updateStatus'])('%s: the other items are done, the failing one becomes an error item', async (operation) => {
		const parameters = { operation, orderId: orderIdExpression(['101', '', '102']), status: 'completed' };
		const { output } = await run(parameters, true);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0][1].json.error).toMatch(/Cannot read properties of undefined/);
		expect([output[0][0], output[0][2]].map((item) => (item.json.order as { id: string }).id)).toEqual(['101', '102']);
		await expect(run(parameters, false)).rejects.toThrow(/Cannot read properties of undefined/);
	});
});
