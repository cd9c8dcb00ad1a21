import { WooCommerceShop } from '../../../lib/connectors/woocommerce';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { diffLines } from '../../../lib/model';
import { nodeHttpSend, type HttpSend } from '../../../lib/transport';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

let sim: WooSimulator;
afterEach(async () => sim?.close());

test('a changed quantity of a line without SKU is applied to the shop by its product id', async () => {
	sim = await startWooSimulator({
		seed: {
			products: [{ id: 21, name: 'Gift wrap', sku: '', price: '2.00', stock_quantity: 50 }],
			orders: [{ id: 501, status: 'processing', line_items: [{ product_id: 21, quantity: 1 } as WooLineItem] }],
		},
	});
	const auth = `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}`;
	const plain = nodeHttpSend();
	const send: HttpSend = (request) => plain({ ...request, headers: { ...request.headers, authorization: auth } });
	const shop = new WooCommerceShop({ url: sim.url, send });

	const before = await shop.getOrder('501');
	const wanted = { ...before, lines: before.lines.map((line) => ({ ...line, quantity: 3 })) };
	const diff = diffLines(before.lines, wanted.lines);
	expect(diff.changed).toEqual([expect.objectContaining({ productId: '21', quantityBefore: 1, quantityAfter: 3 })]);

	const after = await shop.applyLineDiff('501', diff);
	expect(after.lines.map((line) => [line.productId, line.quantity])).toEqual([['21', 3]]);
});

test('an ERP price before tax is set as it is; a diff with prices that does not say whether they include tax is refused', async () => {
	sim = await startWooSimulator({
		seed: {
			products: [{ id: 22, name: 'Mug', sku: 'MUG', price: '10.00', stock_quantity: 50 }],
			orders: [{ id: 502, status: 'processing', line_items: [{ product_id: 22, quantity: 3 } as WooLineItem] }],
		},
	});
	const auth = `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}`;
	const plain = nodeHttpSend();
	const shop = new WooCommerceShop({ url: sim.url, send: (request) => plain({ ...request, headers: { ...request.headers, authorization: auth } }) });
	const changed = [{ key: 'sku:mug', sku: 'MUG', name: 'Mug', unitPriceBefore: 10, unitPriceAfter: 8.5 }];

	await expect(shop.applyLineDiff('502', { added: [], removed: [], changed })).rejects.toThrow(/order 502 gives "Mug" a price of 8.5 but does not say whether its prices include tax/);
	expect(sim.orders.get(502)?.line_items[0].total).toBe('30.00');

	const after = await shop.applyLineDiff('502', { added: [], removed: [], changed, pricesIncludeTax: false });
	expect(after.lines.map((line) => [line.sku, line.quantity, line.unitPrice, line.total])).toEqual([['MUG', 3, 8.5, 25.5]]);
});
