'use strict';
// Scenario 1, crash: template 1 (POHODA → WooCommerce + mails, every minute) completes a batch of 200 orders; n8n is
// killed with SIGKILL in the middle (while it mails, or while it writes the shop statuses), started again, and the
// schedule left to run. Targets: no change lost (every shop order completed, every customer told); a customer mailed
// twice only for a mail that was in flight at the kill, both copies with the same Message-ID.
const { waitUntil } = require('../../e2e/scenarios/helpers');
const { log, mailTally, executionsOf, target } = require('../observe');
const { TEMPLATE, MINUTE, batch, completeInPohoda, unfinished, finishBySchedule } = require('./batch');

const ORDERS = 200;
/** Where the kill lands: after this many mails of the batch, or this many shop orders completed; each its own orders. */
const KILL = { mails: { at: 60, firstId: 3001 }, 'shop writes': { at: 80, firstId: 3301 } };
/**
 * A slow mail server (200 ms a mail) spreads the mails over seconds; a slow shop (3 s a request) holds the second of
 * the two status batches (100 orders each) back.
 */
const MAIL_REPLY_MS = 200;
const SHOP_LATENCY_MS = 3000;

const isStatusWrite = (r) => r.method === 'POST' && r.path.endsWith('/orders/batch');

module.exports = {
	name: 'crash',
	templates: [TEMPLATE],
	async run(ctx, { killDuring = 'mails' }) {
		const { n8n, systems, workflows } = ctx;
		const workflowId = workflows[TEMPLATE].id;
		const woo = systems.sims.woocommerce;
		const mail = systems.mail;
		const orders = batch(KILL[killDuring].firstId, ORDERS, 'crash.faults.test');

		await completeInPohoda(ctx, workflowId, orders, () => {
			log(`  ${ORDERS} POHODA orders seen; completing them for the next scheduled run`);
			mail.replyDelayMs = MAIL_REPLY_MS;
			if (killDuring === 'shop writes') woo.latencyMs = SHOP_LATENCY_MS;
			woo.resetRequestCount();
		});
		const completedInShop = () => orders.ids.filter((id) => woo.orders.get(id).status === 'completed').length;
		const progress = () => (killDuring === 'mails' ? mail.mails.length : completedInShop());
		const killAt = KILL[killDuring].at;
		await waitUntil(() => progress() >= killAt, () => `the batch never reached ${killAt} ${killDuring} (at ${progress()})`, 2 * MINUTE);
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
		const finishedSeconds = await finishBySchedule(ctx, workflowId, orders, 4 * MINUTE);

		const tally = mailTally(mail.mails);
		const lost = unfinished(ctx, orders);
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
			batchFinishedAfterRestartSeconds: finishedSeconds,
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
