import { describeWith } from '../../helpers/requires';
import { REAL_PRESTA_TIME_ZONE, realPrestaMailMark, realPrestaMailsSince, realPrestaMissing, realPrestaShop } from '../../helpers/real-presta';
import { connectorContract } from './connector-contract';

jest.setTimeout(60_000);

describeWith('a real PrestaShop 8.1.2', realPrestaMissing(), () => {
	connectorContract(() => ({
		shop: (settings) => realPrestaShop(settings),
		timeZone: REAL_PRESTA_TIME_ZONE,
		mailMark: () => realPrestaMailMark(),
		mailsSince: (mark) => realPrestaMailsSince(mark).map(({ template, to }) => ({ template, to })),
	}));

	it('refuses to read the time zone without leave to read configurations, and says what to set', async () => {
		await expect(realPrestaShop({ timeZone: '' }).listOrders({ limit: 1 })).rejects.toThrow(/set "Time Zone" in the credential/);
	});

	it('answers a date filter without date=1 with HTTP 500 and error 32 (what the connector never sends)', async () => {
		const shop = realPrestaShop();
		await expect(shop.call('GET', 'orders', { qs: { 'filter[date_upd]': '>[2020-01-01 00:00:00]' } })).rejects.toThrow(/HTTP 500.*This filter does not exist.*\(code 32\)/);
	});
});
