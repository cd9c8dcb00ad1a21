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

describe('WooCommerce date filters on a site that is not on UTC', () => {
	const ids = (orders: Array<{ id: string }>) => orders.map((order) => Number(order.id)).sort();

	test('east of UTC (Europe/Prague) a change made right after the watermark is reported', async () => {
		sim = await startWooSimulator({
			timeZone: 'Europe/Prague',
			seed: {
				orders: [
					{ id: 1, date_modified_gmt: '2026-01-15T09:59:00Z', date_created_gmt: '2026-01-15T09:59:00Z' },
					{ id: 2, date_modified_gmt: '2026-01-15T10:20:00Z', date_created_gmt: '2026-01-15T10:20:00Z' },
					{ id: 3, date_modified_gmt: '2026-07-15T10:50:00Z', date_created_gmt: '2026-07-15T10:50:00Z' },
				],
			},
		});
		const shop = shopFor();
		expect(ids(await shop.listOrders({ modifiedAfter: '2026-01-15T10:00:00Z', order: 'oldestModifiedFirst' }))).toEqual([2, 3]);
		// Summer time: two hours ahead of UTC.
		expect(ids(await shop.listOrders({ modifiedAfter: '2026-07-15T10:00:00Z', order: 'newestModifiedFirst' }))).toEqual([3]);
		expect(ids(await shop.listOrders({ createdAfter: '2026-01-15T10:00:00Z' }))).toEqual([2, 3]);
		expect(sim.orders.get(2)?.date_modified).toBe('2026-01-15T11:20:00');
	});

	test('west of UTC (America/New_York) hours before the watermark are not read again', async () => {
		sim = await startWooSimulator({
			timeZone: 'America/New_York',
			seed: {
				orders: [
					{ id: 1, date_modified_gmt: '2026-01-15T07:00:00Z' },
					{ id: 2, date_modified_gmt: '2026-01-15T09:59:59Z' },
					{ id: 3, date_modified_gmt: '2026-01-15T10:00:01Z' },
				],
			},
		});
		expect(ids(await shopFor().listOrders({ modifiedAfter: '2026-01-15T10:00:00Z', order: 'oldestModifiedFirst' }))).toEqual([3]);
	});

	test('a watermark in the hour the site clock skips in spring loses no change made in it', async () => {
		// Prague skips 02:00–03:00 local on 29 March 2026; 02:20 GMT is no Prague wall time.
		sim = await startWooSimulator({
			timeZone: 'Europe/Prague',
			seed: {
				orders: [
					{ id: 1, date_modified_gmt: '2026-03-29T01:30:00Z' },
					{ id: 2, date_modified_gmt: '2026-03-29T02:30:00Z' },
					{ id: 3, date_modified_gmt: '2026-03-29T02:50:00Z' },
				],
			},
		});
		const listed = await shopFor().listOrders({ modifiedAfter: '2026-03-29T02:20:00Z', order: 'oldestModifiedFirst' });
		expect(ids(listed)).toEqual([2, 3]);
	});
});

describe('WooCommerce paging with a limit that is not a multiple of the page size', () => {
	test('Get Many with limit 105 reads 105 different orders, the newest first', async () => {
		const orders = Array.from({ length: 120 }, (_, i) => ({ id: 4000 + i, date_created_gmt: at(i % 60), date_modified_gmt: at(i % 60) }));
		sim = await startWooSimulator({ seed: { orders } });
		const listed = await shopFor().listOrders({ limit: 105 });
		expect(listed).toHaveLength(105);
		expect(new Set(listed.map((order) => order.id)).size).toBe(105);
		const expected = [...orders].sort((a, b) => b.date_created_gmt.localeCompare(a.date_created_gmt) || b.id - a.id).slice(0, 105);
		expect(listed.map((order) => Number(order.id))).toEqual(expected.map((order) => order.id));
	});

	test('the change feed with limit 105 over a second holding more than a page reads 105 different orders', async () => {
		const orders = Array.from({ length: 230 }, (_, i) => ({ id: 5000 + i, date_modified_gmt: at(7) }));
		sim = await startWooSimulator({ seed: { orders } });
		const listed = await shopFor().listOrders({ modifiedAfter: at(0), order: 'oldestModifiedFirst', limit: 105 });
		expect(listed).toHaveLength(105);
		expect(new Set(listed.map((order) => order.id)).size).toBe(105);
		// Pages of 100: the second page holds orders 101–200, not a re-read of 6–10, 11–15, …
		expect(sim.requests.filter((request) => request.path.endsWith('/orders'))).toHaveLength(2);
	});
});
