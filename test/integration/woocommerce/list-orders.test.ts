import { WooCommerceShop } from '../../../lib/connectors/woocommerce';
import { nodeHttpSend, type HttpSend } from '../../../lib/transport';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

let sim: WooSimulator;
afterEach(async () => sim?.close());

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, second)).toISOString();

/** A shop over real HTTP with Basic auth; `afterEach` runs after every answer, before the client reads it. */
function shopFor(afterEach: (url: URL) => Promise<void> | void = () => undefined) {
	const plain = nodeHttpSend();
	const auth = `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}`;
	const send: HttpSend = async (request) => {
		const response = await plain({ ...request, headers: { ...request.headers, authorization: auth } });
		const url = new URL(request.url);
		for (const [name, value] of Object.entries(request.qs ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
		await afterEach(url);
		return response;
	};
	return new WooCommerceShop({ url: sim.url, send });
}

describe('WooCommerce listOrders (change feed, oldest modification first)', () => {
	test('an order changed while the pages are read does not push an unread order past the reader', async () => {
		const orders = Array.from({ length: 150 }, (_, i) => ({ id: 1000 + i, status: 'processing', date_modified_gmt: at(i) }));
		sim = await startWooSimulator({ seed: { orders } });
		let changed = false;
		const shop = shopFor(async (url) => {
			// Right after the first page, an admin completes the oldest order: it moves to the end of the list.
			if (!changed && url.pathname.endsWith('/orders')) {
				changed = true;
				await sim.setStatus(1000, 'completed');
			}
		});
		const listed = await shop.listOrders({ modifiedAfter: '2025-12-31T00:00:00Z', order: 'oldestModifiedFirst' });
		const ids = new Set(listed.map((order) => Number(order.id)));
		const missing = orders.map((o) => o.id).filter((id) => !ids.has(id));
		expect(missing).toEqual([]);
		expect(listed.length).toBe(ids.size);
		expect(listed.find((order) => order.id === '1000')?.status.code).toBe('completed');
		const times = listed.map((order) => order.updatedAt as string);
		expect([...times].sort()).toEqual(times);
	});

	test('more orders in one second than a page holds are all read', async () => {
		const orders = Array.from({ length: 230 }, (_, i) => ({ id: 2000 + i, status: 'processing', date_modified_gmt: at(i < 210 ? 5 : 6) }));
		sim = await startWooSimulator({ seed: { orders } });
		const listed = await shopFor().listOrders({ modifiedAfter: at(0), order: 'oldestModifiedFirst' });
		expect(new Set(listed.map((order) => order.id)).size).toBe(230);
		expect(listed.length).toBe(230);
	});

	test('a limit stops the feed after that many orders', async () => {
		const orders = Array.from({ length: 120 }, (_, i) => ({ id: 3000 + i, status: 'processing', date_modified_gmt: at(i % 60) }));
		sim = await startWooSimulator({ seed: { orders } });
		const listed = await shopFor().listOrders({ modifiedAfter: at(0), order: 'oldestModifiedFirst', limit: 105 });
		expect(listed.length).toBe(105);
	});
});
