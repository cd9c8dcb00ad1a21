/**
 * Who mails the customer on each event of the order desk template, WooCommerce or us: its nodes run with the
 * template's own parameters against a real WooCommerce (whose mails land in its mail log) and a real SMTP server (ours).
 * One mail per event in total.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { WooOrder } from '../../../lib/connectors/woocommerce/wire';
import type { Order } from '../../../lib/model';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { execute } from '../../helpers/n8n-context';
import { realWoo, realWooMailsTo, realWooMissing, realWooShop, trustRealWooCertificate } from '../../helpers/real-woo';
import { describeWith } from '../../helpers/requires';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';

jest.setTimeout(60_000);

const template = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../workflows/woocommerce-order-desk.json'), 'utf8')) as {
	nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
};
const templateNode = (name: string) => {
	const found = template.nodes.find((node) => node.name === name);
	if (!found) throw new Error(`the order desk template has no node "${name}"`);
	return found.parameters;
};
/** The template's condition of an If node, evaluated for one item as n8n would (`={{ … }}` over $json). */
function templateCondition(name: string, json: IDataObject): boolean {
	const conditions = (templateNode(name).conditions as { conditions: Array<{ leftValue: string }> }).conditions;
	const expression = conditions[0].leftValue.replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
	return Boolean(new Function('$json', `return (${expression});`)(json));
}

let sink: SmtpSink;
let workflows = 0;

function shopCredentials() {
	const shop = realWoo();
	return { orderSyncWooCommerceApi: { url: shop.url, consumerKey: shop.consumerKey, consumerSecret: shop.consumerSecret, allowUnauthorizedCerts: false } };
}

async function shopNode(parameters: Record<string, unknown>, items: INodeExecutionData[] = [{ json: {} }]) {
	const { output } = await execute(new ShopOrder(), {
		items,
		parameters: { shop: 'woocommerce', resource: 'order', ...parameters },
		credentials: shopCredentials(),
		workflowId: `real-woo-mails-${++workflows}`,
	} as never);
	return output[0][0].json;
}

async function ourMail(json: IDataObject, event: string) {
	await execute(new NotifyCustomer(), {
		items: [{ json }],
		parameters: { ...templateNode('Mail ready or backordered'), event },
		credentials: {
			orderSyncSmtpApi: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'shop', password: 'secret', fromEmail: 'orders@shop.example', fromName: 'Shop' },
		},
		workflowId: `real-woo-mails-${++workflows}`,
	} as never);
}

const ourMailsTo = (email: string) => sink.messages.filter((mail) => mail.envelope.to.includes(email)).map((mail) => mail.subject ?? '');

/** A placed order (its checkout mails are done) and how many mails its customer has had so far. */
async function placed(status: string) {
	const email = `desk-${status}-${Date.now()}@example.com`;
	const { data: mug } = await realWooShop().call<Array<{ id: number }>>('GET', '/products', { qs: { sku: 'RW-MUG' } });
	const { data } = await realWooShop().call<WooOrder>('POST', '/orders', {
		body: { status, set_paid: status === 'processing', billing: { first_name: 'Jana', last_name: 'Nováková', email, country: 'SK' }, line_items: [{ product_id: mug[0].id, quantity: 1 }] },
		idempotent: false,
	});
	return { id: String(data.id), email, wooBefore: realWooMailsTo(email).length };
}

describeWith('the order desk on a real WooCommerce: one mail per event', realWooMissing(), () => {
	beforeAll(() => trustRealWooCertificate());
	beforeEach(async () => {
		sink = await startSmtpSink({ auth: { user: 'shop', pass: 'secret' } });
	});
	afterEach(async () => sink?.close());

	test('backordered: the order goes on hold with a private note; only our backordered mail reaches the customer', async () => {
		const { id, email, wooBefore } = await placed('processing');
		const updated = await shopNode({ operation: 'updateStatus', orderId: id, status: 'on-hold' });
		await shopNode({ ...templateNode('Note the missing items'), orderId: id, note: 'On backorder: Mug.' });
		await ourMail({ order: updated.order as IDataObject, fulfilment: { status: 'backordered', lines: [{ name: 'Mug', inStock: false }] } as IDataObject }, 'backordered');
		await sink.waitFor(1);
		expect([realWooMailsTo(email).slice(wooBefore), ourMailsTo(email)]).toEqual([[], [expect.any(String)]]);
	});

	test('ready again after a backorder: WooCommerce mails "processing", so we do not', async () => {
		const { id, email, wooBefore } = await placed('on-hold');
		const before = (await shopNode({ operation: 'get', orderId: id })).order as unknown as Order;
		await shopNode({ operation: 'updateStatus', orderId: id, status: 'processing' });
		const item = { order: before as unknown as IDataObject, status: { canonical: 'ready', to: 'processing' } };
		if (templateCondition('Not mailed by WooCommerce?', item)) await ourMail(item, 'ready');
		expect(realWooMailsTo(email).slice(wooBefore)).toHaveLength(1);
		expect(ourMailsTo(email)).toEqual([]);
	});

	test('shipped, with WooCommerce\'s "Completed order" mail off as the template\'s setup says: only our tracking mail', async () => {
		const shop = realWooShop();
		await shop.call('PUT', '/settings/email_customer_completed_order/enabled', { body: { value: 'no' } });
		try {
			const { id, email, wooBefore } = await placed('processing');
			await shopNode({ operation: 'setTracking', orderId: id, carrier: 'DPD', trackingNumber: 'DPD-1', trackingUrl: 'https://track.example/DPD-1', notifyCustomer: false });
			const shipped = await shopNode({ operation: 'updateStatus', orderId: id, status: 'completed' });
			await ourMail({ order: shipped.order as IDataObject }, 'shipped');
			await sink.waitFor(1);
			expect([realWooMailsTo(email).slice(wooBefore), ourMailsTo(email).length]).toEqual([[], 1]);
		} finally {
			await shop.call('PUT', '/settings/email_customer_completed_order/enabled', { body: { value: 'yes' } });
		}
	});

	test('an ERP line edit: WooCommerce mails the order details, we do not', async () => {
		const { id, email, wooBefore } = await placed('processing');
		await shopNode({ operation: 'resendConfirmation', orderId: id });
		expect(realWooMailsTo(email).slice(wooBefore)).toHaveLength(1);
		expect(ourMailsTo(email)).toEqual([]);
	});
});
