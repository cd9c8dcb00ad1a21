import type { IDataObject } from 'n8n-workflow';
import type { WooOrder } from '../../../lib/connectors/woocommerce/wire';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { describeWith } from '../../helpers/requires';
import { realWoo, realWooMailsTo, realWooMissing, realWooShop, realWooSql, setRealWooTimeZone, trustRealWooCertificate } from '../../helpers/real-woo';
import { poll } from '../../helpers/trigger-context';

jest.setTimeout(60_000);

const seconds = (iso: string, delta: number) => new Date(Date.parse(iso) + delta * 1000).toISOString();

/** A new order placed through the REST API, as WooCommerce stored it. */
async function placeOrder(note: string): Promise<WooOrder> {
	const { data } = await realWooShop().call<WooOrder>('POST', '/orders', {
		body: { status: 'pending', billing: { first_name: 'Jana', last_name: 'Nováková', email: 'jana@example.com', country: 'SK' }, customer_note: note },
		idempotent: false,
	});
	return data;
}

const listedIds = async (query: Parameters<ReturnType<typeof realWooShop>['listOrders']>[0]) =>
	(await realWooShop().listOrders(query)).map((order) => Number(order.id));

describeWith('a real WooCommerce 10', realWooMissing(), () => {
	beforeAll(() => trustRealWooCertificate());

	describe('on a Europe/Prague site', () => {
		beforeAll(() => setRealWooTimeZone('Europe/Prague'));

		test('an order changed right after the watermark is listed; one changed at it is not', async () => {
			const order = await placeOrder('date filter, east of UTC');
			const modified = `${order.date_modified_gmt}Z`;
			expect(order.date_modified).not.toBe(order.date_modified_gmt);
			expect(await listedIds({ modifiedAfter: seconds(modified, -30), order: 'oldestModifiedFirst' })).toContain(order.id);
			expect(await listedIds({ modifiedAfter: seconds(modified, -30), order: 'newestModifiedFirst' })).toContain(order.id);
			expect(await listedIds({ createdAfter: seconds(`${order.date_created_gmt}Z`, -30) })).toContain(order.id);
			expect(await listedIds({ modifiedAfter: modified, order: 'oldestModifiedFirst' })).not.toContain(order.id);
		});

		test('WordPress reads a zoned date filter as site time, a zoneless one as it is (what the simulator models)', async () => {
			const order = await placeOrder('raw date filter');
			const before = seconds(`${order.date_modified_gmt}Z`, -30);
			const ids = async (modifiedAfter: string) =>
				(await realWooShop().call<WooOrder[]>('GET', '/orders', { qs: { modified_after: modifiedAfter, dates_are_gmt: true, per_page: 100 } })).data.map((o) => o.id);
			expect(await ids(before)).not.toContain(order.id);
			expect(await ids(before.slice(0, 19))).toContain(order.id);
			await expect(ids(before.slice(0, 16))).rejects.toThrow(/rest_invalid_param/);
		});

		test('the polling trigger reports a status change made a second after its last poll', async () => {
			const order = await placeOrder('trigger, east of UTC');
			const node = new ShopTrigger();
			const shop = realWoo();
			const staticData: Record<string, IDataObject> = {};
			const options = {
				parameters: { shop: 'woocommerce', mode: 'polling', events: ['statusChanged'], overlapSeconds: 120 },
				credentials: { orderSyncWooCommerceApi: { url: shop.url, consumerKey: shop.consumerKey, consumerSecret: shop.consumerSecret, allowUnauthorizedCerts: false } },
				staticData,
				workflowId: `real-woo-trigger-${order.id}`,
			};
			expect(await poll(node, options)).toBeNull();
			// The change lands in a later second than the poll's watermark.
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const [result] = await realWooShop().updateStatuses([{ orderId: String(order.id), status: 'on-hold' }]);
			expect(result.ok).toBe(true);
			const reported = (await poll(node, options))?.[0] ?? [];
			const mine = reported.filter((item) => (item.json.order as IDataObject).id === String(order.id));
			expect(mine.map((item) => item.json)).toMatchObject([{ kind: 'status_changed', newStatus: { code: 'on-hold' } }]);
		});

		test('a watermark in the hour the clock skips in spring (29 March 2026, 02:00–03:00 Prague) loses no change', async () => {
			const before = await placeOrder('spring gap, before');
			const inGap = await placeOrder('spring gap, in it');
			realWooSql(
				`UPDATE wp_wc_orders SET date_updated_gmt = '2026-03-29 01:30:00' WHERE id = ${before.id}; ` +
					`UPDATE wp_wc_orders SET date_updated_gmt = '2026-03-29 02:30:00' WHERE id = ${inGap.id};`,
			);
			const listed = await listedIds({ modifiedAfter: '2026-03-29T02:20:00Z', order: 'oldestModifiedFirst' });
			expect(listed).toContain(inGap.id);
			expect(listed).not.toContain(before.id);
		});

		test('Get Many and the change feed with limit 105 read 105 different orders', async () => {
			const shop = realWooShop();
			const { response } = await shop.call<WooOrder[]>('GET', '/orders', { qs: { per_page: 1 } });
			const missing = 106 - Number(response.headers['x-wp-total']);
			if (missing > 0) {
				const create = Array.from({ length: missing }, (_, i) => ({ status: 'pending', billing: { first_name: 'Paging', last_name: String(i) } }));
				await shop.call('POST', '/orders/batch', { body: { create }, idempotent: false });
			}
			const newest = await listedIds({ limit: 105 });
			expect(newest).toHaveLength(105);
			expect(new Set(newest).size).toBe(105);
			const feed = await listedIds({ modifiedAfter: '2020-01-01T00:00:00Z', order: 'oldestModifiedFirst', limit: 105 });
			expect(new Set(feed).size).toBe(105);
		});
	});

	test('the checkout draft is listed by WooCommerce but refused as a target status', async () => {
		const order = await placeOrder('checkout draft');
		const shop = realWooShop();
		expect((await shop.listStatuses()).find((status) => status.code === 'checkout-draft')).toMatchObject({ assignable: false });
		const [result] = await shop.updateStatuses([{ orderId: String(order.id), status: 'checkout-draft' }]);
		expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/draft of a checkout/) } });
		expect((await shop.getOrder(String(order.id))).status.code).toBe('pending');
	});

	test('tax rates come from the tax lines and unit prices are rounded (taxes on, 20 % in SK)', async () => {
		const shop = realWooShop();
		await shop.call('PUT', '/settings/general/woocommerce_calc_taxes', { body: { value: 'yes' } });
		try {
			const { data: rates } = await shop.call<Array<{ country: string; rate: string }>>('GET', '/taxes', { qs: { per_page: 100 } });
			if (!rates.some((rate) => rate.country === 'SK' && Number(rate.rate) === 20)) {
				await shop.call('POST', '/taxes', { body: { country: 'SK', rate: '20.0000', name: 'DPH', shipping: true }, idempotent: false });
			}
			const { data: products } = await shop.call<Array<{ id: number }>>('GET', '/products', { qs: { sku: 'RW-MUG' } });
			const { data: placed } = await shop.call<WooOrder>('POST', '/orders', {
				body: {
					status: 'pending',
					billing: { first_name: 'Jana', country: 'SK', email: 'jana@example.com' },
					shipping: { first_name: 'Jana', country: 'SK' },
					line_items: [
						{ product_id: products[0].id, quantity: 1, subtotal: '0.83', total: '0.83' },
						{ product_id: products[0].id, quantity: 3, subtotal: '59.70', total: '59.70' },
					],
				},
				idempotent: false,
			});
			// WooCommerce taxes 0.83 at 0.17 (20.48 % if derived) and sends 59.70 / 3 as 19.900000000000002.
			expect(placed.line_items.map((item) => [item.total_tax, item.price])).toEqual([
				['0.17', 0.83],
				['11.94', 19.900000000000002],
			]);
			const order = await shop.getOrder(String(placed.id));
			expect(order.lines.map((line) => [line.unitPrice, line.taxRate])).toEqual([
				[0.83, 20],
				[19.9, 20],
			]);
		} finally {
			await shop.call('PUT', '/settings/general/woocommerce_calc_taxes', { body: { value: 'no' } });
		}
	});

	test('Set Tracking without the plugin tells a Polish customer once, in Polish, and keeps the saved link on a repeat', async () => {
		const shop = realWooShop();
		const email = `tracking-${Date.now()}@example.com`;
		const { data: placed } = await shop.call<WooOrder>('POST', '/orders', {
			body: { status: 'processing', billing: { first_name: 'Zofia', last_name: 'Nowak', email, country: 'PL' } },
			idempotent: false,
		});
		const id = String(placed.id);
		const first = await shop.setTracking(id, { carrier: 'InPost', number: 'IP-1', url: 'https://track.example/IP-1' }, true);
		expect(first.method).toBe('noteAndMeta');
		const again = await shop.setTracking(id, { carrier: 'InPost', number: 'IP-1' }, true);
		expect(again.order.tracking).toEqual([{ carrier: 'InPost', number: 'IP-1', url: 'https://track.example/IP-1' }]);
		const { data: notes } = await shop.call<Array<{ note: string; customer_note: boolean }>>('GET', `/orders/${id}/notes`, { qs: { type: 'customer' } });
		expect(notes.map((note) => note.note)).toEqual(['Twoje zamówienie zostało wysłane (InPost). Numer przesyłki: IP-1\nhttps://track.example/IP-1']);
		// WooCommerce mails each customer note itself.
		expect(realWooMailsTo(email).filter((subject) => /note/i.test(subject))).toHaveLength(1);
	});

	describe('Split Order and line edits (taxes on, 20 % in SK)', () => {
		const shop = () => realWooShop();
		const setTaxes = (on: boolean) => shop().call('PUT', '/settings/general/woocommerce_calc_taxes', { body: { value: on ? 'yes' : 'no' } });
		beforeAll(async () => {
			await setTaxes(true);
			const { data: rates } = await shop().call<Array<{ country: string; rate: string }>>('GET', '/taxes', { qs: { per_page: 100 } });
			if (!rates.some((rate) => rate.country === 'SK' && Number(rate.rate) === 20)) {
				await shop().call('POST', '/taxes', { body: { country: 'SK', rate: '20.0000', name: 'DPH', shipping: true }, idempotent: false });
			}
		});
		afterAll(() => setTaxes(false));

		/** A paid order of 3 mugs and 1 book, as a customer's checkout leaves it (WooCommerce mails then, not later). */
		async function paidOrder(email: string): Promise<WooOrder> {
			const ids = await Promise.all(['RW-MUG', 'RW-BOOK'].map(async (sku) => (await shop().call<Array<{ id: number }>>('GET', '/products', { qs: { sku } })).data[0].id));
			const address = { first_name: 'Jana', last_name: 'Nováková', country: 'SK', city: 'Bratislava', postcode: '81101' };
			const { data } = await shop().call<WooOrder>('POST', '/orders', {
				body: {
					status: 'processing',
					set_paid: true,
					billing: { ...address, email },
					shipping: address,
					line_items: [
						{ product_id: ids[0], quantity: 3, subtotal: '30.00', total: '30.00' },
						{ product_id: ids[1], quantity: 1, subtotal: '13.00', total: '13.00' },
					],
				},
				idempotent: false,
			});
			return data;
		}

		test('a split mails nobody, keeps the paid date and the taxes: the two orders add up to the original', async () => {
			const email = `split-${Date.now()}@example.com`;
			const placed = await paidOrder(email);
			const mailsBefore = realWooMailsTo(email).length;
			const mug = placed.line_items[0];
			const { created } = await shop().splitOrder(String(placed.id), [{ lineId: String(mug.id), quantity: 1 }]);
			const { data: split } = await shop().call<WooOrder>('GET', `/orders/${created.id}`);
			const { data: kept } = await shop().call<WooOrder>('GET', `/orders/${placed.id}`);
			expect(realWooMailsTo(email).length).toBe(mailsBefore);
			// Other suites mail the admin meanwhile: only mails about the new order count.
			expect(realWooMailsTo('admin@example.com').filter((subject) => new RegExp(`#${created.number ?? created.id}\\b`).test(subject))).toEqual([]);
			expect(split).toMatchObject({ status: 'processing', date_paid_gmt: placed.date_paid_gmt });
			expect(placed.date_paid_gmt).toBeTruthy();
			const sum = (field: 'total' | 'total_tax') => (Number(kept[field]) + Number(split[field])).toFixed(2);
			expect([sum('total'), sum('total_tax')]).toEqual([placed.total, placed.total_tax]);
			expect(Number(placed.total_tax)).toBeGreaterThan(0);
			const { data: drafts } = await shop().call<WooOrder[]>('GET', '/orders', { qs: { status: 'checkout-draft', per_page: 100 } });
			expect(drafts.filter((order) => order.billing?.email === email)).toEqual([]);
		});

		test('an order taxed before the tax table changed is neither split nor edited (WooCommerce would re-tax it)', async () => {
			await setTaxes(false);
			const email = `retax-${Date.now()}@example.com`;
			const placed = await paidOrder(email);
			await setTaxes(true);
			const id = String(placed.id);
			await expect(shop().splitOrder(id, [{ lineId: String(placed.line_items[0].id), quantity: 1 }])).rejects.toThrow(
				new RegExp(`Order ${id} was taxed under another tax table.*0.00 when ordered, 6.00 now`),
			);
			await expect(shop().updateLines(id, [{ action: 'setQuantity', sku: 'RW-MUG', quantity: 2 }])).rejects.toThrow(/re-taxes the whole order/);
			const { data: after } = await shop().call<WooOrder>('GET', `/orders/${id}`);
			expect([after.total, after.total_tax, after.line_items.map((item) => item.quantity)]).toEqual(['43.00', '0.00', [3, 1]]);
		});
	});

	test('Derive Fulfilment: an oversold product makes the latest orders backordered, not earlier ones', async () => {
		const shop = realWooShop();
		const { data: products } = await shop.call<Array<{ id: number }>>('GET', '/products', { qs: { sku: 'RW-CAP' } });
		const cap = products[0].id;
		await shop.call('PUT', `/products/${cap}`, { body: { manage_stock: true, stock_quantity: 2, backorders: 'notify' } });
		const orders: string[] = [];
		for (const quantity of [2, 1, 1]) {
			const { data } = await shop.call<WooOrder>('POST', '/orders', {
				body: { status: 'processing', billing: { first_name: 'Jana', country: 'SK' }, line_items: [{ product_id: cap, quantity }] },
				idempotent: false,
			});
			orders.push(String(data.id));
		}
		const statuses = async () => {
			const derived = [];
			for (const orderId of orders) derived.push((await shop.deriveFulfilment(orderId)).status);
			return derived;
		};
		expect(await statuses()).toEqual(['ready', 'backordered', 'backordered']);
		await shop.call('PUT', `/products/${cap}`, { body: { stock_quantity: 1 } });
		expect(await statuses()).toEqual(['ready', 'ready', 'ready']);
	});

	describe('on an America/New_York site', () => {
		beforeAll(() => setRealWooTimeZone('America/New_York'));
		afterAll(() => setRealWooTimeZone('Europe/Prague'));

		test('orders changed hours before the watermark are not listed again', async () => {
			const order = await placeOrder('date filter, west of UTC');
			const modified = `${order.date_modified_gmt}Z`;
			expect(await listedIds({ modifiedAfter: seconds(modified, -30), order: 'oldestModifiedFirst' })).toContain(order.id);
			expect(await listedIds({ modifiedAfter: seconds(modified, 1), order: 'oldestModifiedFirst' })).not.toContain(order.id);
			expect(await listedIds({ createdAfter: seconds(`${order.date_created_gmt}Z`, 1) })).not.toContain(order.id);
		});
	});
});
