'use strict';
// Scenario 4, webhooks as the wild sends them: template 2 (WooCommerce order.created → POHODA import, shop status
// "imported", one mail) gets duplicates (the same delivery id twice at once), out-of-order deliveries (an order's older
// state after its newer one), deliveries while the workflow is deactivated and after it is reactivated, n8n down until
// WooCommerce disables the hook, and replays of old deliveries (old delivery id, old body) after a restart.
// Targets: every new order imported once, marked "imported" in the shop and its customer mailed once.
const { createHmac } = require('node:crypto');
const { PRODUCTS } = require('../../../demo/seed');
const { waitUntil, waitForSignedDeliveries } = require('../../e2e/scenarios/helpers');
const { log, mailTally, settle, shopHooks, target, webhookTemplateReady } = require('../observe');

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

/** A delivery as WooCommerce would have sent it to `hook` (a removed one too), signed with its secret; `{status, body}`. */
async function postSigned(hook, body) {
	const headers = {
		'content-type': 'application/json',
		'x-wc-webhook-topic': hook.topic,
		'x-wc-webhook-resource': 'order',
		'x-wc-webhook-event': 'created',
		'x-wc-webhook-id': String(hook.id),
		'x-wc-webhook-delivery-id': `late-${hook.id}`,
		'x-wc-webhook-signature': createHmac('sha256', hook.secret).update(body).digest('base64'),
	};
	const res = await fetch(hook.delivery_url, { method: 'POST', headers, body });
	return { status: res.status, body: await res.text() };
}

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
		const { n8n } = ctx;
		const ready = await webhookTemplateReady(ctx, TEMPLATE);
		const { workflow, pohoda, woo, mail } = ready;
		let { hooks } = ready;
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

		// Deactivated, then reactivated: orders come in meanwhile; a delivery built before the deactivation arrives after
		// it (signed with the removed hook's secret), the others find no hook in the shop.
		const whileInactive = woo.seed(newOrders(6021, 3));
		const removedHook = { ...hooks.created };
		const lateBody = JSON.stringify(woo.orders.get(whileInactive[0].id));
		await toggle(n8n, workflow.id, false);
		const ourHooks = () => [...woo.webhooks.values()].filter((h) => h.delivery_url === removedHook.delivery_url && h.status === 'active');
		await waitUntil(() => ourHooks().length === 0, 'the deactivated trigger left its webhooks in the shop', MINUTE).catch(() => undefined);
		const hooksLeftAfterDeactivation = ourHooks().length;
		sent.push({ kind: 'while inactive', orderId: whileInactive[0].id, ...(await postSigned(removedHook, lateBody)) });
		for (const order of whileInactive.slice(1)) await send('while inactive', order.id, woo.deliverWebhook(order.id, CREATED));
		await toggle(n8n, workflow.id, true);
		hooks = await shopHooks(woo, workflow);
		await waitForSignedDeliveries(hooks.created);

		// n8n hangs (SIGSTOP): WooCommerce's deliveries time out until it disables the hook, and later orders are not
		// delivered at all; resumed, the trigger's catch-up poll turns that hook back on and fetches what it missed.
		const hungHook = hooks.created;
		const whileHung = woo.seed(newOrders(6041, 9));
		process.kill(-n8n.server.pid, 'SIGSTOP');
		try {
			await Promise.all(whileHung.slice(0, 7).map((o) => send('while hung', o.id, deliver(o.id))));
			for (const order of whileHung.slice(7)) await send('while hung', order.id, woo.deliverWebhook(order.id, CREATED));
		} finally {
			process.kill(-n8n.server.pid, 'SIGCONT');
		}
		const hungHookDisabled = hungHook.status === 'disabled';
		const hungStarted = Date.now();
		await waitUntil(() => hungHook.status === 'active', 'the poll never turned the disabled hook back on', 3 * MINUTE).catch(() => undefined);
		const hookReactivatedMs = hungHook.status === 'active' ? Date.now() - hungStarted : null;
		log(`  n8n hung: the order.created hook was ${hungHookDisabled ? 'disabled' : 'not disabled'}, back on after ${hookReactivatedMs} ms`);

		// n8n down: WooCommerce's deliveries fail until it disables the hook; restarted, the trigger registers anew and catches up.
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

		const orders = [...duplicated, ...reordered, ...whileInactive, ...whileHung, ...whileDown];
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
		const accepted = sent.filter((d) => !['while down', 'while inactive', 'while hung'].includes(d.kind));
		// How n8n answered each kind of delivery: {kind: {"<status> <start of the body>": count}}.
		const answers = {};
		for (const d of sent) {
			const answer = `${d.status} ${String(d.body).slice(0, 24)}`;
			answers[d.kind] = { ...answers[d.kind], [answer]: (answers[d.kind]?.[answer] ?? 0) + 1 };
		}
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
			hooksLeftAfterDeactivation,
			failedWhileDown: failedDown,
			hookDisabled,
			hungHookDisabled,
			hookReactivatedMs,
			hookBackOn,
			caughtUpMs,
			mails: mail.mails.length,
			duplicateImports,
			answers,
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
				hungHookDisabled: target(hungHookDisabled, 'the shop did not disable the order.created hook while n8n hung'),
				hookReactivated: target(hookReactivatedMs !== null, 'the catch-up poll did not turn the disabled hook back on within 3 minutes'),
				hookBackOn: target(hookBackOn, 'no order.created hook of the trigger was active again after the catch-up'),
			},
		};
	},
};
