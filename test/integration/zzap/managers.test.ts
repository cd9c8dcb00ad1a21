/**
 * F16: managers hear of each new external order once, per marketplace: ZZAP orders from Get New Orders go to Notify
 * Managers over a real SMTP server; a rerun mails nobody, and an Ozon order with the same number is its own order.
 */
import type { IDataObject } from 'n8n-workflow';
import { MarketplaceOrder } from '../../../nodes/MarketplaceOrder/MarketplaceOrder.node';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { executeInWorkflow } from '../../helpers/marketplace-context';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { DEFAULT_STATUSES, startZzapSimulator, type ZzapSimulator } from '../../simulators/zzap';

const workflow = 'zzap-managers';

describe('New ZZAP orders told to the managers once', () => {
	let zzap: ZzapSimulator;
	let sink: SmtpSink;
	beforeEach(async () => {
		[zzap, sink] = await Promise.all([
			startZzapSimulator({ accounts: [{ login: 'managers@example.ru', password: 'pw', apiKey: 'key', statuses: DEFAULT_STATUSES }] }),
			startSmtpSink({ auth: { user: 'shop', pass: 'secret' } }),
		]);
	});
	afterEach(async () => Promise.all([zzap.close(), sink.close()]));

	const credentials = () => ({
		orderSyncZzapApi: { url: zzap.url, login: 'managers@example.ru', password: 'pw', apiKey: 'key', intervalSeconds: 0.01 },
		orderSyncSmtpApi: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'shop', password: 'secret', fromEmail: 'orders@shop.example', fromName: 'Shop' },
	});
	const notify = (items: Array<{ json: IDataObject }>) =>
		executeInWorkflow(new NotifyCustomer(), workflow, {
			items,
			parameters: { operation: 'notifyManagers', event: 'fromItem', managerEmails: 'boss@shop.example', managerLanguage: 'ru' },
			credentials: credentials() as never,
		});

	it('mails each new buyer order once, and an Ozon order of the same number separately', async () => {
		const [position] = zzap.addOrder([{ partnumber: 'W712/95', qty_order: 2 }, { partnumber: 'OC90' }], { login: 'managers@example.ru' });
		const fetched = await executeInWorkflow(new MarketplaceOrder(), workflow, {
			parameters: { marketplace: 'zzap', operation: 'getNewOrders', onlyAwaitingDecision: true, lookbackHours: 24, overlapMinutes: 30 },
			credentials: credentials() as never,
		});
		expect(fetched.output[0]).toHaveLength(1);
		await notify(fetched.output[0] as Array<{ json: IDataObject }>);
		const [mail] = await sink.waitFor(1);
		expect(mail.subject).toBe(`Новый заказ ${position.code_order} (zzap)`);
		expect(mail.text).toContain('W712/95');

		const again = await notify(fetched.output[0] as Array<{ json: IDataObject }>);
		expect(again.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'already_sent' });

		const ozon = { ...(fetched.output[0][0].json.order as IDataObject), system: 'ozon' };
		await notify([{ json: { order: ozon } }]);
		const mails = await sink.waitFor(2);
		expect(mails.map((m) => m.subject)).toEqual([`Новый заказ ${position.code_order} (zzap)`, `Новый заказ ${position.code_order} (ozon)`]);
	});
});
