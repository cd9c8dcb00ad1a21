/**
 * The double-mail guard over the WooCommerce simulator and a real SMTP server: Shop Order's Update Status says which
 * customer mail WooCommerce sends itself (read from its Settings → Emails), and Notify Customer warns, skips or fails
 * on it, so a merchant learns of two mails before the customer does.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { credentialTestFunctions } from '../../helpers/credential-test';
import { execute } from '../../helpers/n8n-context';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

let woo: WooSimulator;
let sink: SmtpSink;
beforeEach(async () => {
	[woo, sink] = await Promise.all([
		startWooSimulator({
			seed: {
				products: [{ id: 11, sku: 'BEANS', name: 'Espresso beans', price: '18.90', stock_quantity: 20 }],
				orders: [{ id: 101, status: 'processing', line_items: [{ product_id: 11, quantity: 1 } as WooLineItem], billing: { first_name: 'Jana', email: 'jana@example.sk' } }],
			},
		}),
		startSmtpSink(),
	]);
});
afterEach(async () => Promise.all([woo.close(), sink.close()]));

const complete = async () =>
	(
		await execute(new ShopOrder(), {
			parameters: { resource: 'order', shop: 'woocommerce', operation: 'updateStatus', orderId: '101', status: 'completed' },
			credentials: { orderSyncWooCommerceApi: { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret } },
		} as never)
	).output[0];
const notify = async (items: INodeExecutionData[], whenShopMailsToo: string) =>
	execute(new NotifyCustomer(), {
		parameters: { event: 'completed', options: { whenShopMailsToo } },
		items,
		credentials: { orderSyncSmtpApi: { host: '127.0.0.1', port: sink.port, security: 'none', fromEmail: 'orders@shop.example', fromName: 'Shop' } },
		continueOnFail: true,
		workflowId: `guard-${whenShopMailsToo}`,
	});
const wooMails = () => woo.emails.filter((mail) => mail.kind === 'customer_completed_order');

test('WooCommerce mails "Completed order" itself: Shop Order says so; Notify warns and mails, skips, or fails naming the setting', async () => {
	const [updated] = await complete();
	expect(wooMails()).toHaveLength(1);
	expect(updated.json.shopMail).toEqual({
		shop: 'WooCommerce',
		mail: 'Completed order',
		sends: true,
		setting: 'WooCommerce → Settings → Emails → Completed order',
	});

	const skipped = (await notify([updated], 'skip')).output[0][0].json.mail as IDataObject;
	expect(skipped).toMatchObject({ status: 'skipped', reason: 'shop_mails' });
	const failed = (await notify([updated], 'fail')).output[0][0].json;
	expect(String(failed.error)).toMatch(/WooCommerce mails the customer of order 101 itself \("Completed order"\)/);
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect(sink.messages).toHaveLength(0);

	const warned = (await notify([updated], 'warn')).output[0][0].json.mail as IDataObject;
	expect(warned).toMatchObject({ status: 'sent' });
	expect(String(warned.warning)).toContain('WooCommerce → Settings → Emails → Completed order');
	await sink.waitFor(1);
});

test('with the shop\'s "Completed order" off, nothing is flagged and ours is the one mail', async () => {
	woo.setMailEnabled('customer_completed_order', false);
	const [updated] = await complete();
	expect(wooMails()).toHaveLength(0);
	expect(updated.json.shopMail).toMatchObject({ sends: false });
	const mail = (await notify([updated], 'fail')).output[0][0].json.mail as IDataObject;
	expect(mail).toMatchObject({ status: 'sent' });
	expect(mail.warning).toBeUndefined();
	await sink.waitFor(1);
});

test('the credential test (Shop Order and Shop Trigger) names the customer mails WooCommerce sends itself and refuses a wrong key', async () => {
	woo.setMailEnabled('customer_processing_order', false);
	const credential = { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret };
	const testOf = (node: ShopOrder | ShopTrigger) => node.methods.credentialTest.woocommerceConnectionTest;
	for (const node of [new ShopOrder(), new ShopTrigger()]) {
		expect(node.description.credentials?.find((c) => c.name === 'orderSyncWooCommerceApi')?.testedBy).toBe('woocommerceConnectionTest');
		const ok = await testOf(node).call(credentialTestFunctions() as never, { data: credential } as never);
		expect(ok.status).toBe('OK');
		expect(ok.message).toMatch(new RegExp(`^Connected to ${woo.url}: the key reads orders and \\d+ order statuses\\. WooCommerce itself mails customers: `));
		expect(ok.message).toContain('Completed order (turn off: WooCommerce → Settings → Emails → Completed order)');
		expect(ok.message).toContain('Customer note (turn off');
		expect(ok.message).not.toContain('Processing order');
	}
	const bad = await testOf(new ShopOrder()).call(credentialTestFunctions() as never, { data: { ...credential, consumerSecret: 'wrong-secret' } } as never);
	expect(bad.status).toBe('Error');
	expect(bad.message).not.toContain('wrong-secret');
	expect(woo.requests.every((request) => request.method === 'GET')).toBe(true);
});
