import { PrestaShopShop } from '../../../lib/connectors/prestashop';
import { nodeHttpSend, type HttpSend } from '../../../lib/transport';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../../simulators/prestashop';
import { connectorContract, PRESTASHOP_VERSIONS, type PrestaTarget } from './connector-contract';

const keyed = (key: string): HttpSend => {
	const plain = nodeHttpSend();
	return (request) => plain({ ...request, headers: { ...request.headers, authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` } });
};

describe.each(PRESTASHOP_VERSIONS)('PrestaShop connector against the simulator as PrestaShop %s', (version) => {
	let sim: PrestaShopSimulator;
	beforeEach(async () => {
		sim = await startPrestaShopSimulator({ version });
	});
	afterEach(() => sim.close());

	connectorContract(() => ({
		shop: (settings) => new PrestaShopShop({ url: sim.url, send: keyed(sim.key), settings: { timeZone: sim.timeZone, ...settings } }),
		timeZone: sim.timeZone,
		mailMark: () => sim.mails.length,
		mailsSince: (mark) => sim.mails.slice(mark).map(({ template, to }) => ({ template, to })),
	}));

	it('writes nothing but POST and PUT, which every release takes', async () => {
		const shop = new PrestaShopShop({ url: sim.url, send: keyed(sim.key), settings: { timeZone: sim.timeZone } });
		await shop.updateStatuses([{ orderId: '2', status: '3' }]);
		await shop.setTracking('2', { number: 'CZ1' }, false);
		await shop.addNote('2', 'Note', false);
		expect(new Set(sim.requests.map((r) => r.method))).toEqual(new Set(['GET', 'POST', 'PUT']));
	});
});

describe('PrestaShop connector against the simulator', () => {
	let sim: PrestaShopSimulator;
	beforeEach(async () => {
		sim = await startPrestaShopSimulator();
	});
	afterEach(() => sim.close());

	const target = (): PrestaTarget => ({
		shop: (settings) => new PrestaShopShop({ url: sim.url, send: keyed(sim.key), settings: { timeZone: sim.timeZone, ...settings } }),
		timeZone: sim.timeZone,
		mailMark: () => sim.mails.length,
		mailsSince: (mark) => sim.mails.slice(mark).map(({ template, to }) => ({ template, to })),
	});

	it('reads the time zone from configurations when the key may, and says what to do when it may not', async () => {
		await expect(new PrestaShopShop({ url: sim.url, send: keyed(sim.key) }).listOrders({})).rejects.toThrow(/set "Time Zone" in the credential/);
		const open = await startPrestaShopSimulator({ configurations: true, timeZone: 'Europe/Warsaw' });
		try {
			const [order] = await new PrestaShopShop({ url: open.url, send: keyed(open.key) }).listOrders({ limit: 1 });
			const raw = order.raw as Record<string, string>;
			const warsaw = new Date(order.updatedAt as string).toLocaleString('sv-SE', { timeZone: 'Europe/Warsaw' });
			expect(warsaw).toBe(raw.date_upd);
		} finally {
			await open.close();
		}
	});

	it('works with /api/?url=… and with a PHP notice printed before the XML', async () => {
		const plain = await startPrestaShopSimulator({ friendlyUrls: false, phpNotice: true });
		try {
			const shop = new PrestaShopShop({ url: `${plain.url}/api/`, send: keyed(plain.key), settings: { timeZone: plain.timeZone, urlForm: 'query' } });
			expect((await shop.getOrder('1')).customer.email).toBe('lubomir.stastny@example.sk');
			const friendly = new PrestaShopShop({ url: plain.url, send: keyed(plain.key), settings: { timeZone: plain.timeZone } });
			await expect(friendly.getOrder('1')).rejects.toThrow(/webservice is not at .*\/api\/…. Check the credential URL/);
		} finally {
			await plain.close();
		}
	});

	it('takes 1.7.8’s 200 "Invalid new order status" as a failure, and never PUTs an order', async () => {
		const old = await startPrestaShopSimulator({ version: '1.7.8.11' });
		try {
			const shop = new PrestaShopShop({ url: old.url, send: keyed(old.key), settings: { timeZone: old.timeZone } });
			// The state exists in the list the connector read, then is gone when the history is posted.
			await shop.listStatuses();
			old.db.order_states.delete('6');
			const [result] = await shop.updateStatuses([{ orderId: '1', status: '6' }]);
			expect(result.ok).toBe(false);
			expect(result.ok === false && result.error.message).toMatch(/Invalid new order status/);
			expect(old.requests.filter((r) => r.method === 'PUT')).toEqual([]);
		} finally {
			await old.close();
		}
	});

	it('reports every order holding a product backordered when its available stock is below zero', async () => {
		const big = sim.addOrder({ customer: '3', state: '10', lines: [{ sku: 'RW-MUG', name: 'Mug', quantity: 200, price: 8.25 }, { sku: 'RW-BOOK', name: 'Book', quantity: 1, price: 20 }] });
		const fulfilment = await target().shop().deriveFulfilment(String(big.id));
		expect(fulfilment.status).toBe('backordered');
		expect(fulfilment.lines.map((l) => [l.sku, l.inStock, l.stockQuantity])).toEqual([['RW-MUG', false, 100 - 3 - 1 - 200], ['RW-BOOK', true, 18]]);
		expect((await target().shop().deriveFulfilment('3')).status).toBe('backordered');
	});

	it('moves many orders with one history POST each and batched reads', async () => {
		const busy = await startPrestaShopSimulator({ empty: true });
		try {
			const ids = Array.from({ length: 60 }, () => String(busy.addOrder({ customer: '2', state: '10', lines: [{ sku: 'RW-MUG', name: 'Mug', quantity: 1, price: 8 }] }).id));
			const shop = new PrestaShopShop({ url: busy.url, send: keyed(busy.key), settings: { timeZone: busy.timeZone }, transport: { rateLimiter: { take: async () => undefined } } });
			busy.requests.length = 0;
			const started = Date.now();
			const results = await shop.updateStatuses(ids.map((orderId) => ({ orderId, status: '2' })));
			const seconds = (Date.now() - started) / 1000;
			expect(results.every((r) => r.ok && r.order.status.code === '2')).toBe(true);
			const posts = busy.requests.filter((r) => r.method === 'POST');
			expect(posts).toHaveLength(60);
			expect(busy.requests.filter((r) => r.method === 'GET' && r.path === 'orders')).toHaveLength(4);
			process.stdout.write(`PrestaShop simulator: 60 state changes in ${seconds.toFixed(2)} s, ${busy.requests.length} requests\n`);
		} finally {
			await busy.close();
		}
	});

	it('reads a change feed whole while orders change between its pages', async () => {
		const busy = await startPrestaShopSimulator({ empty: true });
		try {
			for (let i = 0; i < 120; i++) busy.addOrder({ customer: '2', state: '10', lines: [{ sku: 'RW-MUG', name: 'Mug', quantity: 1, price: 8 }], at: `2026-12-01 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}` });
			const shop = new PrestaShopShop({ url: busy.url, send: keyed(busy.key), settings: { timeZone: busy.timeZone } });
			let pages = 0;
			busy.requests.length = 0;
			const original = shop.call.bind(shop);
			shop.call = async (...args: Parameters<typeof shop.call>) => {
				const answer = await original(...args);
				// After the first page, an order read already changes and moves to the end of the feed.
				if (args[1] === 'orders' && ++pages === 1) busy.db.orders.get('3')!.date_upd = '2026-12-01 11:00:00';
				return answer;
			};
			const orders = await shop.listOrders({ modifiedAfter: '2026-11-30T00:00:00Z', order: 'oldestModifiedFirst' });
			expect(new Set(orders.map((o) => o.id)).size).toBe(120);
			expect(orders[orders.length - 1].id).toBe('3');
		} finally {
			await busy.close();
		}
	});
});
