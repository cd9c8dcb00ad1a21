'use strict';
// Scenario 1, crash: template 1 (POHODA → WooCommerce + mails, every minute) completes a batch of 200 orders; n8n is
// killed with SIGKILL in the middle (while it mails, or while it writes the shop statuses), started again, and the
// schedule left to run. Targets: no change lost (every shop order completed, every customer told); a customer mailed
// twice only for a mail that was in flight at the kill, both copies with the same Message-ID.
const { PRODUCTS } = require('../../../demo/seed');
const { waitUntil } = require('../../e2e/scenarios/helpers');
const { log, mailTally, settle, waitForRuns, executionsOf, target } = require('../observe');

const TEMPLATE = 'pohoda-to-woocommerce-status-sync.json';
const ORDERS = 200;
const FIRST_ID = 3001;
/** Where the kill lands: after this many mails of the batch, or this many shop orders completed. */
const KILL_AT = { mails: 60, 'shop writes': 80 };
const MINUTE = 60000;
/**
 * A slow mail server (5 connections × 200 ms a mail) spreads the mails over seconds; a slow shop (3 s a request)
 * holds the second of the two status batches (100 orders each) back.
 */
const MAIL_REPLY_MS = 200;
const SHOP_LATENCY_MS = 3000;

const emailOf = (id) => `customer-${id}@crash.faults.test`;
const ids = Array.from({ length: ORDERS }, (_, i) => FIRST_ID + i);

function shopOrders() {
	return ids.map((id) => ({
		id,
		status: 'processing',
		currency: 'EUR',
		billing: { first_name: 'Customer', last_name: String(id), email: emailOf(id), country: 'CZ' },
		line_items: [{ product_id: PRODUCTS[0].id, quantity: 1 }],
	}));
}

function pohodaOrders() {
	return ids.map((id) => ({
		partner: { name: `Customer ${id}`, email: emailOf(id), country: 'CZ', city: 'Brno', street: 'Masarykova 1', zip: '602 00' },
		extId: { ids: String(id), exSystemName: 'woocommerce' },
		numberOrder: String(id),
		text: `E-shop order ${id}`,
		lines: [{ text: PRODUCTS[0].name, code: PRODUCTS[0].sku, quantity: 1, unitPrice: Number(PRODUCTS[0].price), rateVAT: 'high' }],
	}));
}

const isStatusWrite = (r) => r.method === 'POST' && r.path.endsWith('/orders/batch');

module.exports = {
	name: 'crash',
	templates: [TEMPLATE],
	async run(ctx, { killDuring = 'mails' }) {
		const { n8n, systems, workflows } = ctx;
		const workflowId = workflows[TEMPLATE].id;
		const { pohoda, woocommerce: woo } = systems.sims;
		const mail = systems.mail;
		woo.seed(shopOrders(), PRODUCTS);

		// Run 1 only remembers the time; run 2 sees the 200 orders arrive in POHODA; run 3 gets them completed.
		await waitForRuns(ctx, workflowId, 1, 2 * MINUTE);
		const seeded = pohoda.seed(pohodaOrders());
		await waitForRuns(ctx, workflowId, 2, 2 * MINUTE);
		log(`  200 POHODA orders seen; completing them for the next scheduled run`);
		mail.replyDelayMs = MAIL_REPLY_MS;
		if (killDuring === 'shop writes') woo.latencyMs = SHOP_LATENCY_MS;
		woo.resetRequestCount();
		for (const order of seeded) pohoda.invoice(order.id);

		const completedInShop = () => ids.filter((id) => woo.orders.get(id).status === 'completed').length;
		const progress = () => (killDuring === 'mails' ? mail.mails.length : completedInShop());
		await waitUntil(() => progress() >= KILL_AT[killDuring], () => `the batch never reached ${KILL_AT[killDuring]} ${killDuring} (at ${progress()})`, 2 * MINUTE);
		const runsBefore = (await executionsOf(n8n, workflowId)).length;
		// Mail transactions whose DATA has begun and whose reply n8n has not had: in flight at the kill. Read in the
		// same tick as the signal goes out (the sink answers them later, to a dead socket).
		const inFlightAtKill = mail.inFlight;
		await n8n.kill();
		const atKill = { mails: mail.mails.length, completedInShop: completedInShop() };
		log(`  kill -9 after ${atKill.mails} mails, ${atKill.completedInShop} shop orders completed (${inFlightAtKill} mails in flight)`);
		mail.replyDelayMs = 0;
		woo.latencyMs = 0;

		await n8n.start();
		await n8n.setupOwner();
		const restartedAt = Date.now();
		const unfinished = () => {
			const tally = mailTally(mail.mails);
			return ids.filter((id) => woo.orders.get(id).status !== 'completed' || tally.count(emailOf(id), 'completed') === 0);
		};
		// The schedule finishes the batch (bounded), then one more scheduled run shows whether it mails anyone again.
		const finished = await waitUntil(() => unfinished().length === 0, 'batch unfinished', 4 * MINUTE).then(
			() => true,
			() => false,
		);
		const runsNow = (await executionsOf(n8n, workflowId)).length;
		await waitForRuns(ctx, workflowId, runsNow + 1, 2 * MINUTE).catch(() => undefined);
		await settle(ctx, workflowId, { quietMs: 5000, ms: MINUTE });

		const tally = mailTally(mail.mails);
		const lost = unfinished();
		const executions = await executionsOf(n8n, workflowId);
		const figures = {
			changes: ORDERS,
			lost: lost.length,
			duplicateMails: tally.duplicateMails,
			echoWrites: null,
			refused: null,
			mailsAtKill: atKill.mails,
			completedInShopAtKill: atKill.completedInShop,
			inFlightAtKill,
			mails: mail.mails.length,
			shopStatusBatches: woo.requests.filter(isStatusWrite).length,
			batchFinishedAfterRestartSeconds: finished ? Math.round((Date.now() - restartedAt) / 1000) : null,
			runsAfterRestart: executions.length - runsBefore,
			crashedRuns: executions.filter((e) => e.status === 'crashed').length,
			duplicatesWithSameMessageId: tally.duplicates.filter((d) => d.sameMessageId).length,
			duplicateSample: tally.duplicates.slice(0, 3),
			lostSample: lost.slice(0, 5),
		};
		return {
			figures,
			targets: {
				lost: target(lost.length === 0, `${lost.length} of ${ORDERS} orders not completed in the shop or not mailed`),
				duplicateMails: target(tally.duplicateMails <= inFlightAtKill, `${tally.duplicateMails} duplicate mails, ${inFlightAtKill} were in flight at the kill`),
				sameMessageId: target(
					tally.duplicates.every((d) => d.sameMessageId),
					`${tally.duplicates.filter((d) => !d.sameMessageId).length} of ${tally.duplicates.length} duplicated mails carry different Message-IDs`,
				),
			},
		};
	},
};
