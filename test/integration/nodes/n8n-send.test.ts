import * as http from 'node:http';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { listen } from '../../helpers/http-server';
import { execute } from '../../helpers/n8n-context';
import { startWooSimulator } from '../../simulators/woocommerce';

describe("n8nSend: node's error code survives n8n's NodeApiError wrapping", () => {
	it('a connection reset by the shop is retried inside n8n, as lib promises', async () => {
		const sim = await startWooSimulator({ seed: { products: [{ id: 11, sku: 'BEANS', price: '18.90' }], orders: [{ id: 101, line_items: [{ product_id: 11, quantity: 1 } as WooLineItem] }] } });
		let requests = 0;
		// The first request's connection is reset; later ones reach the shop.
		const front = await listen((req, res) => {
			if (++requests === 1) {
				req.socket.destroy();
				return;
			}
			const forward = http.request(`${sim.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			});
			req.pipe(forward);
		});
		try {
			const { output } = await execute(new ShopOrder(), {
				parameters: { shop: 'woocommerce', resource: 'order', operation: 'get', orderId: '101' },
				credentials: { orderSyncWooCommerceApi: { url: front.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret } },
				workflowId: 'n8n-send-reset',
			});
			expect(output[0][0].json.order).toMatchObject({ system: 'woocommerce', id: '101' });
			expect(requests).toBe(2);
		} finally {
			await front.close();
			await sim.close();
		}
	});
});
