import type { IDataObject } from 'n8n-workflow';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { describeWith } from '../../helpers/requires';
import { REAL_PRESTA_TIME_ZONE, realPresta, realPrestaMailMark, realPrestaMailsSince, realPrestaMissing, realPrestaShop } from '../../helpers/real-presta';
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
		expect(await poll(node, options)).toBeNull();
		const connector = realPrestaShop();
		const before = (await connector.getOrder('3')).status.code;
		const next = before === '3' ? '4' : '3';
		await connector.updateStatuses([{ orderId: '3', status: next }]);
		const changed = await poll(node, options);
		const events = (changed?.[0] ?? []).map((item) => item.json).filter((event) => (event.order as IDataObject).id === '3');
		expect(events).toEqual([expect.objectContaining({ kind: 'status_changed', newStatus: expect.objectContaining({ code: next }) })]);
		expect(await poll(node, options)).toBeNull();
	});

	it('refuses to read the time zone without leave to read configurations, and says what to set', async () => {
		await expect(realPrestaShop({ timeZone: '' }).listOrders({ limit: 1 })).rejects.toThrow(/set "Time Zone" in the credential/);
	});

	it('answers a date filter without date=1 with HTTP 500 and error 32 (what the connector never sends)', async () => {
		const shop = realPrestaShop();
		await expect(shop.call('GET', 'orders', { qs: { 'filter[date_upd]': '>[2020-01-01 00:00:00]' } })).rejects.toThrow(/HTTP 500.*This filter does not exist.*\(code 32\)/);
	});
});
