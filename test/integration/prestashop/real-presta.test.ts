import type { IDataObject } from 'n8n-workflow';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { describeWith } from '../../helpers/requires';
import { PrestaShopShop, psDocument } from '../../../lib/connectors/prestashop';
import { REAL_PRESTA_TIME_ZONE, realPresta, realPrestaMailMark, realPrestaMailsSince, realPrestaMissing, realPrestaSend, realPrestaShop } from '../../helpers/real-presta';
import { poll } from '../../helpers/trigger-context';
import { connectorContract } from './connector-contract';

jest.setTimeout(60_000);

describeWith('a real PrestaShop 8.1.2', realPrestaMissing(), () => {
	connectorContract(() => ({
		shop: (settings) => realPrestaShop(settings),
		timeZone: REAL_PRESTA_TIME_ZONE,
		mailMark: () => realPrestaMailMark(),
		mailsSince: (mark) => realPrestaMailsSince(mark).map(({ template, to }) => ({ template, to })),
	}));

	it('the polling Shop Trigger reports a state change made after its first poll, once', async () => {
		const shop = realPresta();
		const staticData: Record<string, IDataObject> = {};
		const options = {
			parameters: { shop: 'prestashop', mode: 'polling', events: ['statusChanged'], overlapSeconds: 120 },
			credentials: { orderSyncPrestaShopApi: { url: shop.url, apiKey: shop.key, timeZone: REAL_PRESTA_TIME_ZONE, urlForm: 'friendly', allowUnauthorizedCerts: false } },
			staticData,
			workflowId: `real-presta-trigger-${Date.now()}`,
		};
		const node = new ShopTrigger();
		const connector = realPrestaShop();
		// Order 5 changes last before the first poll, so order 3 is not in its baseline: the trigger has never seen it.
		const five = (await connector.getOrder('5')).status.code;
		await connector.updateStatuses([{ orderId: '5', status: five === '3' ? '4' : '3' }]);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		expect(await poll(node, options)).toBeNull();
		const before = (await connector.getOrder('3')).status.code;
		const next = before === '3' ? '4' : '3';
		await connector.updateStatuses([{ orderId: '3', status: next }]);
		const changed = await poll(node, options);
		const events = (changed?.[0] ?? []).map((item) => item.json);
		// The state it left comes from order_histories; orders changed before the first poll bring nothing.
		expect(events).toEqual([
			expect.objectContaining({ kind: 'status_changed', previousStatus: expect.objectContaining({ code: before }), newStatus: expect.objectContaining({ code: next }), order: expect.objectContaining({ id: '3' }) }),
		]);
		expect(await poll(node, options)).toBeNull();
	});

	it('credential test: names the shop and 8.1.2, reads orders and order states, and lists the state mails as the shop has them', async () => {
		const shop = realPrestaShop();
		const check = await shop.checkConnection();
		expect(check.reached).toMatch(/^Connected to .+ \(PrestaShop 8\.1\.2\); the key reads orders \(one read\) and \d+ order states$/);
		expect(check.ownMails.find((mail) => mail.startsWith('Shipped ('))).toMatch(/template "shipped", sent only when Shop Order's "PrestaShop Mails the Customer" is on/);
		expect(check.ownMails.some((mail) => mail.startsWith('Delivered'))).toBe(false);
		expect(await shop.ownMail('4')).toEqual({ mail: 'Shipped (template "shipped")', enabled: true, setting: 'PrestaShop → Orders → Statuses → Shipped → "Send email to customer"' });
		// The merchant turns Shipped's customer mail off (PATCH, which 8.x takes); a new connector reads it so.
		const body = (sendEmail: number) => psDocument('order_state', { id: 4, send_email: sendEmail });
		await shop.call('PATCH', 'order_states/4', { body: body(0) });
		try {
			const fresh = realPrestaShop();
			expect((await fresh.ownMail('4'))?.enabled).toBe(false);
			expect((await fresh.checkConnection()).ownMails.some((mail) => mail.startsWith('Shipped ('))).toBe(false);
		} finally {
			await shop.call('PATCH', 'order_states/4', { body: body(1) });
		}
		expect((await realPrestaShop().ownMail('4'))?.enabled).toBe(true);
	});

	it('credential test: a wrong key is refused by name', async () => {
		const shop = realPresta();
		const wrong = new PrestaShopShop({ url: shop.url, send: realPrestaSend({ ...shop, key: 'WRONGKEY0123456789ABCDEFGHIJKLMN' }), settings: { timeZone: REAL_PRESTA_TIME_ZONE } });
		await expect(wrong.checkConnection()).rejects.toThrow(/PrestaShop refused the webservice key .*\(code 2[01]\)/);
	});

	it('refuses to read the time zone without leave to read configurations, and says what to set', async () => {
		await expect(realPrestaShop({ timeZone: '' }).listOrders({ limit: 1 })).rejects.toThrow(/set "Time Zone" in the credential/);
	});

	it('answers a date filter without date=1 with HTTP 500 and error 32 (what the connector never sends)', async () => {
		const shop = realPrestaShop();
		await expect(shop.call('GET', 'orders', { qs: { 'filter[date_upd]': '>[2020-01-01 00:00:00]' } })).rejects.toThrow(/HTTP 500.*This filter does not exist.*\(code 32\)/);
	});
});
