'use strict';
// The WooCommerce templates against a real WooCommerce 10 (test/e2e/real-woo.js) instead of the shop simulator: the
// shop's REST answers, statuses and stock are WooCommerce's own, and its mail log shows which customer mails
// WooCommerce itself sent. Each event must reach the customer once, from WooCommerce or from us. POHODA and the SMTP
// server are the simulator and the mail catcher.
const { CUSTOMERS } = require('../../../demo/seed');
const { assert, waitUntil, waitForIdle } = require('./helpers');

const STATUS_SYNC = 'pohoda-to-woocommerce-status-sync.json';
const DESK = 'woocommerce-order-desk.json';
const IMPORT = 'woocommerce-order-import-to-pohoda.json';
const COMPLETED_MAIL = '/settings/email_customer_completed_order/enabled';

const address = (c, email) => ({ first_name: c.first_name, last_name: c.last_name, email, country: c.country, city: c.city, address_1: c.address_1, postcode: c.postcode });

/** A paid order placed in the real shop (its checkout mails are sent now), and how many mails its customer has had. */
async function placeOrder(shop, customer, email, product, quantity = 1) {
	const order = await shop.api('POST', '/orders', {
		status: 'processing',
		set_paid: true,
		billing: address(customer, email),
		shipping: address(customer, email),
		line_items: [{ product_id: product.id, quantity }],
	});
	return { ...order, email, wooMailsBefore: shop.mailsTo(email).length };
}

async function productBySku(shop, sku) {
	const [product] = await shop.api('GET', `/products?sku=${encodeURIComponent(sku)}`);
	assert.ok(product, `the real shop has no product ${sku}`);
	return product;
}

/** The POHODA order of a shop order (as the import template or POHODA's e-shop connector created it). */
const pohodaOrderOf = (order, customer, product) => ({
	partner: { name: `${customer.first_name} ${customer.last_name}`, email: order.email, city: customer.city, street: customer.address_1, zip: customer.postcode, country: customer.country },
	extId: { ids: String(order.id), exSystemName: 'woocommerce' },
	numberOrder: String(order.number ?? order.id),
	text: `E-shop order ${order.id}`,
	lines: [{ text: product.name, code: product.sku, quantity: 1, unitPrice: Number(product.price), rateVAT: 'high' }],
});

/** Our mails to `email` by event (X-Order-Sync-Event), and WooCommerce's to it since the order was placed. */
function mailsOf(systems, shop, order) {
	return {
		ours: systems.mail.mails.filter((m) => m.envelopeTo.includes(order.email)).map((m) => m.headers['x-order-sync-event']).sort(),
		woo: shop.mailsTo(order.email).slice(order.wooMailsBefore),
	};
}

/**
 * Templates 1 and 5 on one shop, as a merchant running both: POHODA completes, cancels and edits orders; both
 * workflows run after each change (issue 19: the same line edit mails the customer once, whichever runs first).
 */
const statusSyncAndDesk = {
	mode: 'execute',
	zones: ['Europe/Prague'],
	templates: [STATUS_SYNC, DESK],
	title: 'templates 1 and 5: POHODA completes, cancels and edits real shop orders; one mail per event between WooCommerce and us',
	async run({ shop, systems, execute }) {
		const { pohoda } = systems.sims;
		// Setup of both templates: WooCommerce's "Completed order" mail off, ours replaces it.
		await shop.api('PUT', COMPLETED_MAIL, { value: 'no' });
		try {
			const both = async (first, second) => {
				await execute(first);
				await execute(second);
			};
			await both(STATUS_SYNC, DESK); // first runs: "now" is the baseline
			const mug = await productBySku(shop, 'RW-MUG');
			const placed = {};
			// Addresses of their own: the shop's seed customers share some of the demo's.
			for (const lang of ['sk', 'cs', 'pl']) placed[lang] = await placeOrder(shop, CUSTOMERS[lang], CUSTOMERS[lang].email.replace('@', '.e2e@'), mug);
			const inPohoda = Object.fromEntries(['sk', 'cs', 'pl'].map((lang) => [lang, pohoda.seed([pohodaOrderOf(placed[lang], CUSTOMERS[lang], mug)])[0]]));
			const oursTo = (count) =>
				waitUntil(() => Object.values(placed).reduce((sum, order) => sum + mailsOf(systems, shop, order).ours.length, 0) >= count, `fewer than ${count} mails of ours to the three customers`);
			await both(STATUS_SYNC, DESK); // seen in POHODA; the desk finds the shop orders ready
			await oursTo(3);

			pohoda.invoice(inPohoda.sk.id);
			pohoda.cancel(inPohoda.cs.id);
			pohoda.editLine(inPohoda.pl.id, 0, { quantity: 3 });
			await both(STATUS_SYNC, DESK);
			await oursTo(6);
			const shopOrder = (lang) => shop.api('GET', `/orders/${placed[lang].id}`);
			assert.equal((await shopOrder('sk')).status, 'completed', 'the invoiced order is not completed in the shop');
			assert.equal((await shopOrder('cs')).status, 'cancelled', 'the cancelled order is not cancelled in the shop');
			const mugs = async () => (await shopOrder('pl')).line_items.find((l) => l.sku === 'RW-MUG')?.quantity;
			assert.equal(await mugs(), 3, 'the POHODA line edit did not reach the shop order');
			const expected = { sk: ['completed', 'ready'], cs: ['cancelled', 'ready'], pl: ['order_edited', 'ready'] };
			for (const lang of ['sk', 'cs', 'pl']) {
				assert.deepEqual(mailsOf(systems, shop, placed[lang]), { ours: expected[lang], woo: [] }, `${lang}: not one mail per event`);
			}

			// The next edit, the desk first: WooCommerce mails the order details, and we do not.
			pohoda.editLine(inPohoda.pl.id, 0, { quantity: 2 });
			await both(DESK, STATUS_SYNC);
			await new Promise((resolve) => setTimeout(resolve, 1000)); // a mail of ours would have been parsed by now
			assert.equal(await mugs(), 2, 'the second POHODA line edit did not reach the shop order');
			const pl = mailsOf(systems, shop, placed.pl);
			assert.deepEqual(pl.ours, expected.pl, `the second edit was mailed by us too: ${JSON.stringify(pl)}`);
			assert.equal(pl.woo.length, 1, `WooCommerce did not mail the second edit's order details once: ${JSON.stringify(pl)}`);
			return `3 real orders: completed, cancelled, edited twice (each template first once); per customer ready + the event from us, the second edit from WooCommerce ("${pl.woo[0]}"), nothing twice`;
		} finally {
			await shop.api('PUT', COMPLETED_MAIL, { value: 'yes' });
		}
	},
};

/**
 * Template 2 activated: the real shop delivers its signed order.created webhook to n8n on loopback (queued, delivered
 * when its queue runs); an order whose webhook never comes is found by the catch-up poll, whose date filter WordPress
 * reads in the site's time zone.
 */
const importOrders = {
	mode: 'activate',
	templates: [IMPORT],
	title: 'template 2: real webhooks and the catch-up poll import new shop orders into POHODA once; WooCommerce mails nothing more',
	async run({ shop, systems, n8n, workflows, zone }) {
		const workflow = workflows[IMPORT];
		const { pohoda } = systems.sims;
		const { webhookId } = workflow.template.json.nodes.find((n) => n.type === 'n8n-nodes-order-sync.shopTrigger');
		const hooks = await waitUntil(async () => {
			// This n8n's own: an n8n of an earlier run (another zone) left its hooks for the same webhook path on another port.
			const found = (await shop.api('GET', '/webhooks?per_page=100')).filter((h) => h.delivery_url.startsWith(`${n8n.baseUrl}/`) && h.delivery_url.includes(webhookId) && h.status === 'active');
			return ['order.created', 'order.updated'].every((topic) => found.some((h) => h.topic === topic)) && found;
		}, 'the Shop Trigger did not register active order.created and order.updated webhooks in the real shop');
		// n8n takes signed deliveries once the activation saved the secret, which the shop never shows: a delivery
		// refused before that is counted failed by the shop, and the catch-up poll imports that order instead.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const mug = await productBySku(shop, 'RW-MUG');
		const tag = zone.replace(/\W+/g, '-').toLowerCase();
		const byExtId = (id) => [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === String(id));
		let queueRunAt = 0;
		const imported = async (order) =>
			waitUntil(async () => {
				// WP-Cron's every-minute queue run, more often: a delivery queued by the order or a refused one.
				if (Date.now() - queueRunAt > 5000) {
					shop.runQueue();
					queueRunAt = Date.now();
				}
				return (await shop.api('GET', `/orders/${order.id}`)).status === 'imported';
			}, () => `shop order ${order.id} never became "imported"`, 150000);

		// Delivered by the webhook.
		const sk = await placeOrder(shop, CUSTOMERS.sk, `zuzana.${tag}@example.sk`, mug);
		await imported(sk);
		// The trigger's webhooks (order.created and order.updated) paused, as WooCommerce disables them after failed
		// deliveries: only the catch-up poll can find the next order, and it turns them back on.
		for (const hook of hooks) await shop.api('PUT', `/webhooks/${hook.id}`, { status: 'paused' });
		const cs = await placeOrder(shop, CUSTOMERS.cs, `jiri.${tag}@example.cz`, mug);
		await imported(cs);
		const after = await Promise.all(hooks.map((hook) => shop.api('GET', `/webhooks/${hook.id}`)));
		assert.deepEqual(after.map((h) => h.status), hooks.map(() => 'active'), 'the catch-up poll did not turn the paused webhooks back on');
		await waitForIdle(n8n, workflow.id, { atLeast: 2 });
		await waitUntil(() => [sk, cs].every((order) => mailsOf(systems, shop, order).ours.length > 0), 'an imported order was not mailed');
		for (const order of [sk, cs]) {
			assert.equal(byExtId(order.id).length, 1, `shop order ${order.id} is not in POHODA exactly once`);
			assert.deepEqual(mailsOf(systems, shop, order), { ours: ['order_imported'], woo: [] }, `order ${order.id}: not one mail for the import`);
		}
		return `order ${sk.id} by webhook, ${cs.id} by the catch-up poll (webhook paused), both in POHODA once, "imported" in the shop, one mail of ours each, none from WooCommerce`;
	},
};

module.exports = [statusSyncAndDesk, importOrders];
