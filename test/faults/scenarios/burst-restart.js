'use strict';
// Scenario 2, burst + restart: template 2 (WooCommerce webhook → POHODA import + mails) gets 50 signed deliveries for 30
// new orders within about a second (each order.created, and an order.updated for 20 of them, as WooCommerce sends
// when a plugin touches a fresh order); n8n is restarted; then the shop sends one more order.updated per order.
// Targets: every order imported once and its customer told once per event; no signed delivery refused.
const { PRODUCTS } = require('../../../demo/seed');
const { waitUntil, waitForSignedDeliveries } = require('../../e2e/scenarios/helpers');
const { log, mailTally, settle, shopHooks, executionsOf, target, webhookTemplateReady } = require('../observe');

const TEMPLATE = 'woocommerce-order-import-to-pohoda.json';
const ORDERS = 30;
const UPDATED_IN_BURST = 20;
const FIRST_ID = 4001;
const MINUTE = 60000;

const emailOf = (id) => `customer-${id}@burst.faults.test`;

function newOrders() {
	return Array.from({ length: ORDERS }, (_, i) => ({
		id: FIRST_ID + i,
		status: 'processing',
		currency: 'EUR',
		billing: { first_name: 'Customer', last_name: String(FIRST_ID + i), email: emailOf(FIRST_ID + i), country: 'CZ' },
		line_items: [{ product_id: PRODUCTS[0].id, quantity: 1 }],
	}));
}

module.exports = {
	name: 'burst-restart',
	templates: [TEMPLATE],
	sharesRun: true,
	async run(ctx) {
		const { n8n } = ctx;
		const { workflow, pohoda, woo, mail, hooks } = await webhookTemplateReady(ctx, TEMPLATE);

		const orders = woo.seed(newOrders());
		const started = Date.now();
		const answerMs = [];
		const timed = (delivering) => delivering.then((results) => (answerMs.push(Date.now() - started), results));
		const burst = (
			await Promise.all([
				...orders.map((o) => timed(woo.deliverWebhook(o.id, 'order.created', { webhookId: hooks.created.id }))),
				...orders.slice(0, UPDATED_IN_BURST).map((o) => timed(woo.deliverWebhook(o.id, 'order.updated', { webhookId: hooks.updated.id }))),
			])
		).flat();
		// All 50 are sent at once; this is how long n8n took to answer the last (or the shop to give up on it).
		const burstAnsweredMs = Date.now() - started;
		answerMs.sort((a, b) => a - b);
		const percentile = (p) => answerMs[Math.min(answerMs.length - 1, Math.floor((p / 100) * answerMs.length))];
		const activity = () => pohoda.orders.size + woo.deliveries.length;
		await settle(ctx, workflow.id, { quietMs: 8000, ms: 3 * MINUTE, progress: activity });
		const mailsBeforeRestart = mail.mails.length;
		const disabledByShop = [hooks.created, hooks.updated].filter((h) => h.status !== 'active').map((h) => h.topic);
		log(`  ${burst.length} deliveries sent at once, the last answered after ${burstAnsweredMs} ms; ${mailsBeforeRestart} mails; restarting n8n`);

		const runsBeforeRestart = (await executionsOf(n8n, workflow.id)).length;
		await n8n.stop();
		await n8n.start();
		await n8n.setupOwner();
		// WooCommerce disables a hook after more than 5 failed deliveries (timeouts in a burst count); the trigger turns
		// it back on or registers it anew (new ids) while it activates, so the shop delivers to whichever hooks are active.
		await waitForSignedDeliveries((await shopHooks(woo, workflow)).created);
		// The shop touches each order once more (a note, a plugin's meta field): one order.updated each.
		const after = [];
		const afterStarted = Date.now();
		for (const order of orders) after.push(...(await woo.setStatus(order.id, woo.orders.get(order.id).status)));
		const afterMs = Date.now() - afterStarted;
		// Deliveries that timed out are caught up by the trigger's poll (every minute): given two.
		const importsOf = (id) => [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === String(id)).length;
		const unfinished = () => {
			const tally = mailTally(mail.mails);
			return orders.filter((o) => importsOf(o.id) === 0 || tally.count(emailOf(o.id), 'order_imported') === 0).map((o) => o.id);
		};
		await waitUntil(() => unfinished().length === 0, 'orders missing', 2 * MINUTE).catch(() => undefined);
		await settle(ctx, workflow.id, { quietMs: 8000, ms: 3 * MINUTE, progress: activity });

		// Nothing about these orders changed that the template acts on: every run after the restart took a known order
		// for a new one (its record lost).
		const runsAfterRestart = (await executionsOf(n8n, workflow.id)).length - runsBeforeRestart;
		const tally = mailTally(mail.mails);
		const lost = unfinished();
		const duplicateImports = orders.reduce((sum, o) => sum + Math.max(0, importsOf(o.id) - 1), 0);
		const refused = [...burst, ...after].filter((d) => d.status && d.status !== 200);
		const timedOut = [...burst, ...after].filter((d) => !d.status);
		const figures = {
			changes: ORDERS,
			lost: lost.length,
			duplicateMails: tally.duplicateMails,
			echoWrites: null,
			refused: refused.length,
			deliveries: burst.length + after.length,
			deliveriesTimedOut: timedOut.length,
			burstTimedOut: burst.filter((d) => !d.status).length,
			afterRestartMs: afterMs,
			burstAnsweredMs,
			burstAnswerMs: { p50: percentile(50), p90: percentile(90), max: answerMs[answerMs.length - 1] },
			disabledByShop,
			afterRestartDelivered: after.length,
			mailsBeforeRestart,
			mails: mail.mails.length,
			duplicateImports,
			runsAfterRestart,
			duplicateMailsBeforeRestart: mailTally(mail.mails.slice(0, mailsBeforeRestart)).duplicateMails,
			duplicateSample: tally.duplicates.slice(0, 3),
			lostSample: lost.slice(0, 5),
			refusedSample: [...refused, ...timedOut].slice(0, 3),
		};
		return {
			figures,
			targets: {
				duplicateMails: target(tally.duplicateMails === 0, `${tally.duplicateMails} duplicate mails (${tally.duplicates.length} customer/event pairs mailed more than once)`),
				lost: target(lost.length === 0, `${lost.length} of ${ORDERS} orders not imported into POHODA or their customer not told`),
				duplicateImports: target(duplicateImports === 0, `${duplicateImports} orders imported into POHODA more than once`),
				refused: target(refused.length === 0, `${refused.length} signed deliveries answered with another status than 200`),
			},
		};
	},
};
