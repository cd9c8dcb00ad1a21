'use strict';
// Scenario 4, webhooks as the wild sends them: template 2 (WooCommerce order.created → POHODA import, shop status
// "imported", one mail) gets duplicates (the same delivery id twice at once), out-of-order deliveries (an order's older
// state after its newer one), deliveries while the workflow is deactivated and after it is reactivated, n8n down until
// WooCommerce disables the hook, and replays of old deliveries (old delivery id, old body) after a restart.
// Targets: every new order imported once, marked "imported" in the shop and its customer mailed once.
const { PRODUCTS } = require('../../../demo/seed');
const { waitUntil, waitForSignedDeliveries } = require('../../e2e/scenarios/helpers');
const { log, mailTally, settle, shopHooks, target } = require('../observe');

const TEMPLATE = 'woocommerce-order-import-to-pohoda.json';
const MINUTE = 60000;
const CREATED = 'order.created';

const emailOf = (id) => `customer-${id}@wild.faults.test`;
const newOrders = (firstId, count) =>
	Array.from({ length: count }, (_, i) => ({
		id: firstId + i,
		status: 'processing',
		currency: 'EUR',
		billing: { first_name: 'Customer', last_name: String(firstId + i), email: emailOf(firstId + i), country: 'CZ' },
		line_items: [{ product_id: PRODUCTS[0].id, quantity: 1 }],
	}));

/** Deactivates or activates the workflow through the editor's REST API while n8n runs, as a user would. */
async function toggle(n8n, workflowId, active) {
	if (n8n.install.key === '1') {
		const { versionId } = (await n8n.rest('GET', `/rest/workflows/${workflowId}`)).data;
		await n8n.rest('PATCH', `/rest/workflows/${workflowId}`, { active, versionId });
		return;
	}
	if (!active) return n8n.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	const { versionId } = (await n8n.rest('GET', `/rest/workflows/${workflowId}`)).data;
	await n8n.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
}

module.exports = {
	name: 'wild-webhooks',
	templates: [TEMPLATE],
	async run(ctx) {
		const { n8n, systems, workflows } = ctx;
		const workflow = workflows[TEMPLATE];
		const { pohoda, woocommerce: woo } = systems.sims;
		const mail = systems.mail;
		woo.seed([], PRODUCTS);
		let hooks = await shopHooks(woo, workflow);
		await waitForSignedDeliveries(hooks.created);
		const stateOf = (id) => JSON.parse(JSON.stringify(woo.orders.get(id)));
		const deliver = (id, options = {}) => woo.deliverWebhook(id, CREATED, { webhookId: hooks.created.id, ...options });
		const activity = () => pohoda.orders.size + woo.deliveries.length;
		const quiet = () => settle(ctx, workflow.id, { quietMs: 8000, ms: 3 * MINUTE, progress: activity });
		const sent = [];
		const send = async (kind, orderId, promise) => {
			const results = await promise;
			sent.push(...results.map((r) => ({ ...r, kind, orderId })));
			return results;
		};

		// Duplicates: each delivery once, then twice more at once with its delivery id.
		const duplicated = woo.seed(newOrders(6001, 4));
		const firstDeliveries = new Map();
		for (const order of duplicated) {
			const before = stateOf(order.id);
			const [first] = await send('first', order.id, deliver(order.id));
			firstDeliveries.set(order.id, { deliveryId: first.deliveryId, body: before });
			await Promise.all([1, 2].map(() => send('duplicate', order.id, deliver(order.id, { repeatDeliveryId: first.deliveryId }))));
		}

		// Out of order: the order.created built before a status change arrives after the order.updated built after it.
		const reordered = woo.seed(newOrders(6011, 3));
		const olderStates = new Map(reordered.map((o) => [o.id, stateOf(o.id)]));
		for (const order of reordered) await send('newer first', order.id, woo.setStatus(order.id, 'on-hold', { webhookId: hooks.updated.id }));
		for (const order of reordered) await send('older after newer', order.id, deliver(order.id, { payload: olderStates.get(order.id) }));
		await quiet();
		// Once imported, the oldest state once more, as order.updated (older than the "imported" the template wrote).
		for (const order of reordered) {
			await send('older after imported', order.id, woo.deliverWebhook(order.id, 'order.updated', { webhookId: hooks.updated.id, payload: olderStates.get(order.id) }));
		}

		// Deactivated, then reactivated: orders come in meanwhile (the shop has no hook to deliver them to, or n8n refuses).
		await toggle(n8n, workflow.id, false);
		const whileInactive = woo.seed(newOrders(6021, 3));
		for (const order of whileInactive) await send('while inactive', order.id, woo.deliverWebhook(order.id, CREATED));
		await toggle(n8n, workflow.id, true);
		hooks = await shopHooks(woo, workflow);
		await waitForSignedDeliveries(hooks.created);

		// n8n down: WooCommerce's deliveries fail until it disables the hook; up again, the catch-up poll turns it back on.
		await n8n.stop();
		const whileDown = woo.seed(newOrders(6031, 8));
		for (const order of whileDown) await send('while down', order.id, woo.deliverWebhook(order.id, CREATED));
		const disabledHook = [...woo.webhooks.values()].find((h) => h.id === hooks.created.id);
		const hookDisabled = disabledHook?.status === 'disabled';
		const downStates = new Map(whileDown.map((o) => [o.id, stateOf(o.id)]));
		const failedDown = sent.filter((d) => d.kind === 'while down' && d.status !== 200).length;
		log(`  n8n stopped: ${failedDown} deliveries failed; the order.created hook is ${disabledHook?.status ?? 'gone'}`);
		await n8n.start();
		await n8n.setupOwner();

		const orders = [...duplicated, ...reordered, ...whileInactive, ...whileDown];
		const importsOf = (id) => [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === String(id)).length;
		const unfinished = () => {
			const tally = mailTally(mail.mails);
			return orders
				.filter((o) => importsOf(o.id) === 0 || woo.orders.get(o.id).status !== 'imported' || tally.count(emailOf(o.id), 'order_imported') === 0)
				.map((o) => o.id);
		};
		const caughtUpStarted = Date.now();
		await waitUntil(() => unfinished().length === 0, 'orders missing', 4 * MINUTE).catch(() => undefined);
		const caughtUpMs = Date.now() - caughtUpStarted;
		const hookBackOn = [...woo.webhooks.values()].some((h) => h.topic === CREATED && h.status === 'active' && h.delivery_url === hooks.created.delivery_url);
		await quiet();

		// Replays after the restart: old delivery ids with their old bodies, to whichever order.created hook is active.
		hooks = await shopHooks(woo, workflow);
		for (const [id, first] of firstDeliveries) await send('replay', id, deliver(id, { repeatDeliveryId: first.deliveryId, payload: first.body }));
		// Deliveries that failed while n8n was down, as a proxy or queue might send them again.
		for (const failed of sent.filter((d) => d.kind === 'while down').slice(0, 3)) {
			await send('replay', failed.orderId, deliver(failed.orderId, { repeatDeliveryId: failed.deliveryId, payload: downStates.get(failed.orderId) }));
		}
		await quiet();

		const tally = mailTally(mail.mails);
		const lost = unfinished();
		const duplicateImports = orders.reduce((sum, o) => sum + Math.max(0, importsOf(o.id) - 1), 0);
		const accepted = sent.filter((d) => d.kind !== 'while down' && d.kind !== 'while inactive');
		const refused = accepted.filter((d) => d.status !== 200);
		const figures = {
			changes: orders.length,
			lost: lost.length,
			duplicateMails: tally.duplicateMails,
			echoWrites: null,
			refused: refused.length,
			deliveries: sent.length,
			duplicatesSent: sent.filter((d) => d.kind === 'duplicate').length,
			outOfOrderSent: sent.filter((d) => d.kind.startsWith('older')).length,
			replaysSent: sent.filter((d) => d.kind === 'replay').length,
			deliveredWhileInactive: sent.filter((d) => d.kind === 'while inactive').length,
			failedWhileDown: failedDown,
			hookDisabled,
			hookBackOn,
			caughtUpMs,
			mails: mail.mails.length,
			duplicateImports,
			duplicateSample: tally.duplicates.slice(0, 3),
			lostSample: lost.slice(0, 5),
			refusedSample: refused.slice(0, 3).map(({ kind, status, body }) => ({ kind, status, body: String(body).slice(0, 120) })),
		};
		return {
			figures,
			targets: {
				lost: target(lost.length === 0, `${lost.length} of ${orders.length} orders not imported into POHODA, not marked imported in the shop, or their customer not told`),
				duplicateMails: target(tally.duplicateMails === 0, `${tally.duplicateMails} duplicate mails (${tally.duplicates.length} customer/event pairs mailed more than once)`),
				duplicateImports: target(duplicateImports === 0, `${duplicateImports} orders imported into POHODA more than once`),
				refused: target(refused.length === 0, `${refused.length} signed deliveries to the running, active workflow answered with another status than 200`),
				hookDisabled: target(hookDisabled, `the shop did not disable the order.created hook while n8n was down (${failedDown} failed deliveries)`),
				hookBackOn: target(hookBackOn, 'no order.created hook of the trigger was active again after the catch-up'),
			},
		};
	},
};
