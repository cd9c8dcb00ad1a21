/**
 * One POHODA line edit, two workflows reacting to it (templates 1 and 5): our "order edited" mail and the shop's
 * resent order details are the same event's mail, claimed in the instance-wide ledger, so the customer gets one.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import type { LineDiff } from '../../../lib/model';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { execute } from '../../helpers/n8n-context';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const EMAIL = 'ewa@example.pl';
let sim: WooSimulator;
let sink: SmtpSink;

beforeEach(async () => {
	sim = await startWooSimulator({
		seed: {
			products: [{ id: 11, sku: 'BEANS', name: 'Espresso beans', price: '18.90', stock_quantity: 20 }],
			orders: [{ id: 101, status: 'processing', line_items: [{ product_id: 11, quantity: 1 } as WooLineItem], billing: { first_name: 'Ewa', email: EMAIL } }],
		},
	});
	sink = await startSmtpSink({ auth: { user: 'shop', pass: 'secret' } });
});
afterEach(async () => Promise.all([sim?.close(), sink?.close()]));

const beans = (before: number, after: number): LineDiff => ({
	added: [],
	removed: [],
	changed: [{ key: 'sku:beans', sku: 'BEANS', name: 'Espresso beans', quantityBefore: before, quantityAfter: after }],
});

/** The POHODA change event of an edit, as Get Changes emits it (the shop order id in externalIds). */
const editEvent = (lineDiff: LineDiff): IDataObject => ({
	kind: 'edited',
	lineDiff: lineDiff as unknown as IDataObject,
	notify: { event: 'order_edited', enabled: true },
	order: {
		system: 'pohoda',
		id: '7',
		number: 'OP0007',
		externalIds: { woocommerce: '101' },
		customer: { email: EMAIL, name: 'Ewa Kowalska' },
		language: 'pl',
		lines: [{ sku: 'BEANS', name: 'Espresso beans', quantity: lineDiff.changed[0].quantityAfter }],
	},
});

/** Template 5's path: Apply the POHODA edits → Send the updated order. */
async function desk(event: IDataObject) {
	const woo = { orderSyncWooCommerceApi: { url: sim.url, consumerKey: 'ck_test', consumerSecret: 'cs_test', allowUnauthorizedCerts: false } };
	const applied = await execute(new ShopOrder(), {
		items: [{ json: event }],
		parameters: { shop: 'woocommerce', resource: 'order', operation: 'updateLines', orderId: '101', linesSource: 'lineDiff', lineDiff: event.lineDiff },
		credentials: woo,
		workflowId: 'order-desk',
	} as never);
	const resent = await execute(new ShopOrder(), {
		items: applied.output[0] as INodeExecutionData[],
		parameters: { shop: 'woocommerce', resource: 'order', operation: 'resendConfirmation', orderId: '101' },
		credentials: woo,
		workflowId: 'order-desk',
	} as never);
	return resent.output[0][0].json.confirmation as IDataObject;
}

/** Template 1's path: Mail the customer (event from the item). */
async function statusSync(event: IDataObject) {
	const { output } = await execute(new NotifyCustomer(), {
		items: [{ json: event }],
		parameters: { operation: 'sendNotification', event: 'fromItem', fallbackLanguage: 'en', notificationsEnabled: true, testMode: false, options: { shopName: 'Shop' } },
		credentials: { orderSyncSmtpApi: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'shop', password: 'secret', fromEmail: 'orders@shop.example', fromName: 'Shop' } },
		workflowId: 'status-sync',
	} as never);
	return output[0][0].json.mail as IDataObject;
}

const shopMails = () => sim.emails.filter((mail) => mail.kind === 'send_order_details' && mail.to === EMAIL).length;

it('the status sync mails the edit first: the desk applies it but the shop does not mail the customer again', async () => {
	const event = editEvent(beans(1, 3));
	expect(await statusSync(event)).toMatchObject({ status: 'sent', event: 'order_edited' });
	await sink.waitFor(1);
	expect(await desk(event)).toEqual({ sent: false, reason: 'already_sent' });
	expect(sim.orders.get(101)?.line_items.map((l) => l.quantity)).toEqual([3]);
	expect([sink.messages.length, shopMails()]).toEqual([1, 0]);
});

it('the desk has the shop mail the edit first: the status sync does not mail it; the next edit is mailed once again', async () => {
	const first = editEvent(beans(1, 3));
	expect(await desk(first)).toMatchObject({ sent: true });
	expect(await statusSync(first)).toMatchObject({ status: 'skipped', reason: 'already_sent' });
	expect([sink.messages.length, shopMails()]).toEqual([0, 1]);

	const second = editEvent(beans(3, 2));
	expect(await desk(second)).toMatchObject({ sent: true });
	expect(await statusSync(second)).toMatchObject({ status: 'skipped', reason: 'already_sent' });
	expect([sink.messages.length, shopMails()]).toEqual([0, 2]);
});

it('a resend not following an applied edit is not claimed: each request mails', async () => {
	const woo = { orderSyncWooCommerceApi: { url: sim.url, consumerKey: 'ck_test', consumerSecret: 'cs_test', allowUnauthorizedCerts: false } };
	for (let run = 0; run < 2; run++) {
		await execute(new ShopOrder(), { parameters: { shop: 'woocommerce', resource: 'order', operation: 'resendConfirmation', orderId: '101' }, credentials: woo } as never);
	}
	expect(shopMails()).toBe(2);
});
