'use strict';
// Template 6 (seed 004: F28–F30), both directions run for real.
// ERP → shop (`n8n execute`): ERP rows (as an Enova365 WebAPI or an Optima SQL query returns them, local times in the
// workflow's zone) are diffed by the generic ERP input, checked for a complete mapping against the store's live status
// list, scoped to orders created within 30 days, written to the shop and mailed.
// Shop → ERP (activated): status changes in wp-admin reach the ERP once each through the signed webhook; then the ERP
// side, run by hand, drops the echoes of those writes and still syncs a real ERP change to the shop.
const { wooSeed, CUSTOMERS } = require('../../../demo/seed');
const { startGenericErp } = require('../generic-erp');
const { assert, assertMail, waitUntil, waitForIdle, deliverNoop, waitForSignedDeliveries } = require('./helpers');

const ZONE = 'Europe/Prague'; // the template's time zone
/** "YYYY-MM-DD HH:mm:ss" in the template's zone, days ago: how Optima's SQL returns a date. */
const localDaysAgo = (days) => new Date(Date.now() - days * 86400000).toLocaleString('sv-SE', { timeZone: ZONE });
const statusReads = (woo) => woo.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/reports/orders/totals')).length;

/** The shop again on the same address (the credential stays valid), with a custom status the template does not map or without. */
async function restartShop(systems, { unmapped }) {
	const old = systems.sims.woocommerce;
	await old.close();
	const shop = await systems.modules.woocommerce.startWooSimulator({
		port: Number(new URL(old.url).port),
		consumerKey: old.consumerKey,
		consumerSecret: old.consumerSecret,
		customStatuses: [
			{ slug: 'imported', name: 'Imported' },
			...(unmapped ? [{ slug: 'awaiting-pickup', name: 'Awaiting pickup' }] : []),
		],
	});
	// The harness's restart() before the next scenario closes this one and starts the default shop again.
	systems.sims.woocommerce = shop;
	return shop;
}

const executeScenario = {
	title: 'ERP → shop (n8n execute)',
	mode: 'execute',
	systems: ['woocommerce', 'mail'],
	async run({ systems, execute }) {
		let woo = systems.sims.woocommerce;
		const seed = wooSeed();
		const shopOrders = seed.orders.filter((o) => [1001, 1002].includes(o.id));
		woo.seed(shopOrders, seed.products);
		// The recent row names its customer's language (the template's fallback is Polish).
		const recent = { id: 'ZO/2026/1', shopOrderId: '1001', email: CUSTOMERS.sk.email, language: 'sk', createdAt: localDaysAgo(2) };
		const old = { id: 'ZO/2025/7', shopOrderId: '1002', email: CUSTOMERS.cs.email, createdAt: localDaysAgo(400) };
		const erp = await startGenericErp({
			rows: [recent, old].map((row) => ({ ...row, status: 'Niepotwierdzony', updatedAt: localDaysAgo(1) })),
		});
		try {
			// First run: both ERP rows are new and unconfirmed (shop: pending); only the recent order is in scope.
			await execute();
			assert.ok(statusReads(woo) >= 1, 'the completeness check did not read the store\'s live status list');
			assert.equal(woo.orders.get(1001).status, 'pending', `shop order 1001 is ${woo.orders.get(1001).status}, not pending`);
			assert.equal(woo.orders.get(1002).status, 'processing', `shop order 1002 (created 400 days ago) became ${woo.orders.get(1002).status}`);

			// Shipped in the ERP (a tracking number appears): the shop gets the tracking, the customer one shipped mail in
			// Slovak with the tracking link; a second run sends nothing again.
			systems.mail.clear();
			erp.set(recent.id, { trackingNumber: 'SK1234567', carrier: 'SPS', trackingUrl: 'https://tracking.example/SK1234567' });
			await execute();
			const shippedMails = await systems.mail.waitFor(1);
			assertMail(shippedMails, { to: CUSTOMERS.sk.email, lang: 'sk', includes: ['SK1234567', 'https://tracking.example/SK1234567', recent.shopOrderId] });
			const tracking = JSON.stringify(woo.orders.get(1001).meta_data);
			assert.ok(tracking.includes('SK1234567'), `shop order 1001 did not get the tracking: ${tracking}`);
			await execute();
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(systems.mail.mails.length, 1, `the shipped mail went again: ${JSON.stringify(systems.mail.mails.map((m) => m.subject))}`);

			// Completed in the ERP: the recent order is completed in the shop and mailed once; the old one is left alone.
			erp.set(recent.id, { status: 'Zrealizowany' });
			erp.set(old.id, { status: 'Zrealizowany' });
			woo.resetRequestCount();
			systems.mail.clear();
			await execute();
			assert.ok(statusReads(woo) >= 1, 'the second run did not check the mapping against the live status list');
			assert.equal(woo.orders.get(1001).status, 'completed', `shop order 1001 is ${woo.orders.get(1001).status}, not completed`);
			assert.equal(woo.orders.get(1002).status, 'processing', `shop order 1002 (created 400 days ago) became ${woo.orders.get(1002).status}`);
			const mails = await systems.mail.waitFor(1);
			const mail = assertMail(mails, { to: CUSTOMERS.sk.email, lang: 'sk', includes: [recent.shopOrderId] });
			assert.ok(!(mail.subject + mail.html).includes(recent.id), `the customer's mail names the ERP's number ${recent.id}, not the shop order ${recent.shopOrderId}: ${mail.subject}`);
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(systems.mail.mails.filter((m) => m.envelopeTo.includes(CUSTOMERS.cs.email)).length, 0, 'the order created 400 days ago was mailed');

			// Nothing changed in the ERP since: a second run writes and mails nothing again.
			await execute();
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(woo.orders.get(1001).status, 'completed', `a second run changed shop order 1001 to ${woo.orders.get(1001).status}`);
			assert.deepEqual(systems.mail.mails.map((m) => m.subject), [mails[0].subject], 'a second run mailed again');

			// The store gains a status no row maps: the next run stops naming it, before writing or mailing anything (F30).
			woo = await restartShop(systems, { unmapped: true });
			woo.seed(shopOrders.map((o) => ({ ...o, status: o.id === 1001 ? 'completed' : 'processing' })), seed.products);
			woo.resetRequestCount();
			erp.set(recent.id, { status: 'Anulowany' });
			systems.mail.clear();
			const failure = await execute().then(
				() => null,
				(error) => error.message,
			);
			assert.ok(failure && failure.includes('awaiting-pickup'), `a store status without a row did not stop the run naming it: ${failure}`);
			assert.ok(!failure.includes('"imported"'), `the mapped custom status "imported" was reported as unmapped: ${failure}`);
			assert.ok(statusReads(woo) >= 1, 'the failing run did not read the live status list');
			assert.equal(woo.orders.get(1001).status, 'completed', 'the run with an incomplete mapping changed the shop');
			assert.equal(systems.mail.mails.length, 0, 'the run with an incomplete mapping mailed');

			// The merchant removes the status again: the next run carries the change that stopped, though the ERP
			// reports nothing new (no change lost without a person retrying the failed execution).
			woo = await restartShop(systems, { unmapped: false });
			woo.seed(shopOrders.map((o) => ({ ...o, status: o.id === 1001 ? 'completed' : 'processing' })), seed.products);
			await execute();
			assert.equal(woo.orders.get(1001).status, 'cancelled', `the stopped change did not reach the shop after the fix: 1001 is ${woo.orders.get(1001).status}`);
			assertMail(await systems.mail.waitFor(1), { to: CUSTOMERS.sk.email, lang: 'sk', includes: [recent.shopOrderId] });
			await execute();
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(systems.mail.mails.length, 1, 'the carried change was mailed twice');
			return 'mapping checked against the live store statuses each run; a tracking number in the ERP row → shop tracking + one shipped mail in Slovak (the row\'s language); ERP Zrealizowany → shop completed + one mail for the order created 2 days ago, nothing for the one created 400 days ago, nothing twice; the store\'s unmapped "awaiting-pickup" stops the run naming it, and once it is gone the next run carries the stopped change (shop cancelled, one mail)';
		} finally {
			await erp.close();
		}
	},
};

/** Executions of the workflow the running n8n lists (CLI runs before it started included). */
async function executionIds(n8n, workflowId) {
	const list = await n8n.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`);
	return (list.data?.results ?? list.data).map((e) => String(e.id));
}

const SCHEDULE_MS = 5 * 60000;
/**
 * The activated template's "Every 5 minutes" fires once, at a random second, in each minute divisible by five. The
 * scenario counts executions and expects the ERP side to run only when started by hand, so it starts where that
 * minute is at least `needMs` away, waiting one out (and its run) when it is near.
 */
async function clearOfSchedule(n8n, workflowId, needMs = 60000) {
	const intoPeriod = Date.now() % SCHEDULE_MS;
	const fireWindowEnd = 65000;
	let waitMs = 0;
	if (intoPeriod < fireWindowEnd) waitMs = fireWindowEnd - intoPeriod;
	else if (SCHEDULE_MS - intoPeriod < needMs) waitMs = SCHEDULE_MS - intoPeriod + fireWindowEnd;
	if (!waitMs) return 0;
	await new Promise((r) => setTimeout(r, waitMs));
	await waitForIdle(n8n, workflowId, { atLeast: 0 });
	return waitMs;
}

const shown = (deliveries) => JSON.stringify(deliveries.map((d) => ({ status: d.status, body: d.body })));

/**
 * Shared with the other activated template (WooCommerce → POHODA import) in the same shop and n8n: these orders are
 * this scenario's own, created before activation (so they are not new orders to that template).
 */
const SHOP_ORDERS = [
	{ id: 6001, shop: 'processing', erp: 'Potwierdzony', customer: CUSTOMERS.sk },
	{ id: 6002, shop: 'processing', erp: 'Potwierdzony', customer: CUSTOMERS.cs },
	{ id: 6003, shop: 'on-hold', erp: 'Niepotwierdzony', customer: CUSTOMERS.sv },
	{ id: 6004, shop: 'processing', erp: 'Potwierdzony', customer: CUSTOMERS.pl },
];
const erpIdOf = (shopId) => `ZO/2026/${shopId}`;

const activatedScenario = {
	title: 'shop → ERP (activated), then the ERP side run by hand',
	mode: 'activate',
	systems: ['woocommerce', 'mail'],
	async run({ systems, n8n, workflow }) {
		await clearOfSchedule(n8n, workflow.id);
		const woo = systems.sims.woocommerce;
		const { mails } = systems.mail;
		const twoDaysAgo = new Date(Date.now() - 2 * 86400000).toISOString();
		// Last modified two days ago, like orders untouched since: the trigger's catch-up poll (every minute, looking back
		// from its start) has nothing to report about them, so only the wp-admin changes below reach the ERP.
		woo.seed(SHOP_ORDERS.map((o) => ({ id: o.id, status: o.shop, billing: { ...o.customer }, date_created_gmt: twoDaysAgo, date_modified_gmt: twoDaysAgo })));
		const erp = await startGenericErp({
			rows: SHOP_ORDERS.map((o) => ({
				id: erpIdOf(o.id),
				shopOrderId: String(o.id),
				status: o.erp,
				email: o.customer.email,
				createdAt: localDaysAgo(2),
				updatedAt: localDaysAgo(1),
			})),
		});
		try {
			const { webhookId } = workflow.template.json.nodes.find((n) => n.type === 'n8n-nodes-order-sync.shopTrigger');
			const hook = await waitUntil(
				() => [...woo.webhooks.values()].find((h) => h.topic === 'order.updated' && h.status === 'active' && h.delivery_url.includes(webhookId)),
				'the Shop Trigger registered no order.updated webhook on activation',
			);
			await waitForSignedDeliveries(hook);
			const unsigned = await woo.deliverWebhook(6001, 'order.updated', { webhookId: hook.id, unsigned: true });
			assert.deepEqual(unsigned.map((d) => d.status), [401], `an unsigned order.updated delivery was not refused: ${shown(unsigned)}`);
			assert.equal((await deliverNoop(hook, null)).status, 401, 'an unsigned delivery that starts nothing was not refused');

			const ours = (writes) => writes.filter((w) => SHOP_ORDERS.some((o) => w.id === erpIdOf(o.id)));
			// wp-admin changes, one after the other (each delivery's execution saves the workflow's static data).
			const changes = [
				{ id: 6001, status: 'completed', erp: 'Zrealizowany' },
				{ id: 6002, status: 'cancelled', erp: 'Anulowany' },
				{ id: 6003, status: 'processing', erp: 'Potwierdzony' },
			];
			const deliveryOf = {};
			for (const [index, change] of changes.entries()) {
				const before = (await executionIds(n8n, workflow.id)).length;
				const delivered = (await woo.setStatus(change.id, change.status)).filter((d) => d.webhookId === hook.id);
				assert.ok(delivered.length === 1 && delivered[0].status === 200, `order ${change.id} → ${change.status}: delivery failed: ${shown(delivered)}`);
				deliveryOf[change.id] = delivered[0].deliveryId;
				await waitUntil(
					() => ours(erp.state.writes).length > index,
					() => `shop order ${change.id} → ${change.status} never reached the ERP (writes: ${JSON.stringify(erp.state.writes)})`,
				);
				await waitForIdle(n8n, workflow.id, { atLeast: before + 1 });
			}
			assert.deepEqual(
				ours(erp.state.writes),
				changes.map((c) => ({ id: erpIdOf(c.id), status: c.erp })),
				'the ERP did not receive each mapped status exactly once, for its own row',
			);

			// A redelivery (same delivery id) and the same order state delivered again start nothing.
			const before = await executionIds(n8n, workflow.id);
			const again = [
				...(await woo.deliverWebhook(6001, 'order.updated', { webhookId: hook.id, repeatDeliveryId: deliveryOf[6001] })),
				...(await woo.deliverWebhook(6002, 'order.updated', { webhookId: hook.id })),
			];
			assert.ok(
				again.length === 2 && again.every((d) => d.status === 200 && /no change|duplicate/.test(d.body)),
				`a repeated delivery started an execution: ${shown(again)}`,
			);
			await new Promise((r) => setTimeout(r, 1000));
			await waitForIdle(n8n, workflow.id, { atLeast: before.length });
			assert.equal((await executionIds(n8n, workflow.id)).length, before.length, 'a repeated delivery started an execution');
			assert.equal(ours(erp.state.writes).length, changes.length, `a repeated delivery wrote to the ERP again: ${JSON.stringify(erp.state.writes)}`);
			assert.deepEqual(mails.map((m) => m.envelopeTo), [], 'the shop → ERP direction mailed a customer');

			// The ERP side by hand: its rows now hold the statuses the shop wrote (echoes), and one real ERP change.
			erp.set(erpIdOf(6004), { status: 'Zrealizowany' });
			const manual = await n8n.runManually(workflow.id, 'Run once now');
			const run = await n8n.waitForExecution(manual);
			assert.equal(run.status, 'success', `the manual run ended ${run.status}: ${JSON.stringify(run.data?.resultData?.error ?? run).slice(0, 1500)}`);
			const outputOf = (node) => run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [];
			const detected = outputOf('Detect ERP changes').map((i) => i.json.order.id);
			assert.deepEqual(detected.filter((id) => SHOP_ORDERS.some((o) => id === erpIdOf(o.id))).sort(), SHOP_ORDERS.map((o) => erpIdOf(o.id)).sort(), 'the manual run did not see the ERP rows');
			const written = outputOf('Update shop order').map((i) => String(i.json.order.id));
			assert.deepEqual(written, ['6004'], `the manual run wrote these shop orders (the echoes of the shop's own changes must be dropped): ${written}`);
			assert.equal(woo.orders.get(6004).status, 'completed', `shop order 6004 is ${woo.orders.get(6004).status}, not completed`);
			await systems.mail.waitFor(1);
			// The shop's order.updated for 6004 comes back to the trigger: the echo of the manual run's write.
			await waitForIdle(n8n, workflow.id, { atLeast: before.length + 1 });
			await new Promise((r) => setTimeout(r, 1000));
			await waitForIdle(n8n, workflow.id, { atLeast: before.length + 1 });
			assertMail(mails, { to: CUSTOMERS.pl.email, lang: 'pl', includes: ['6004'] });
			assert.equal(mails.length, 1, `mails besides the one for 6004: ${JSON.stringify(mails.map((m) => [m.envelopeTo, m.subject]))}`);
			assert.equal(ours(erp.state.writes).length, changes.length, `the shop's echo of 6004 was written back to the ERP: ${JSON.stringify(erp.state.writes)}`);
			for (const change of changes) assert.equal(woo.orders.get(change.id).status, change.status, `shop order ${change.id} changed after the manual run`);
			return `unsigned deliveries refused (401); wp-admin completed/cancelled/processing → ERP Zrealizowany/Anulowany/Potwierdzony once each, no mail; redeliveries start nothing; the ERP side run by hand drops those three echoes and completes + mails 6004 only, whose shop echo is dropped too`;
		} finally {
			await erp.close();
		}
	},
};

module.exports = [executeScenario, activatedScenario];
