'use strict';
// Scenario 5, two-way soak: the generic ERP two-way template (ERP rows served over HTTP, the WooCommerce simulator as
// the shop) while people change statuses on both sides at random: 500 changes over 20 polls, some orders changed
// twice within one poll (ERP twice, shop twice, or both sides). Each shop change reaches the ERP through the signed
// webhook; each poll ("Run once now", or the template's own schedule when its minute comes) carries the ERP's changes
// to the shop and mails completed/cancelled. Targets: every order ends where its last change put it on both sides
// (converged, lost 0); no echo write (a write that only mirrors one of our own writes) and so no ping-pong; each
// customer mailed once per event the ERP side reached, nobody mailed for an echo.
const { waitUntil, waitForSignedDeliveries } = require('../../e2e/scenarios/helpers');
const { startGenericErp } = require('../../e2e/generic-erp');
const { seededRandom } = require('../flaky-proxy');
const { log, mailTally, settle, executionsOf, busy, target } = require('../observe');

const TEMPLATE = 'generic-erp-two-way-status-sync.json';
const ORDERS = 40;
const FIRST_ID = 8001;
const ROUNDS = 20;
const CHANGES_PER_ROUND = 25;
/** Share of a round's changes that touch an order already changed in the same round (before the poll). */
const SAME_ORDER_SHARE = 0.2;
const ZONE = 'Europe/Prague';
const MINUTE = 60000;
const SCHEDULE_MS = 5 * MINUTE;

/** The template's "Map status both ways" rows as [ERP status, shop status]; the first row of a status wins. */
const ROWS = [
	['Niepotwierdzony', 'pending'],
	['Potwierdzony', 'processing'],
	['Zaakceptowany', 'processing'],
	['Zrealizowany', 'completed'],
	['Anulowany', 'cancelled'],
	['Niepotwierdzony', 'on-hold'],
	['Niepotwierdzony', 'checkout-draft'],
	['Potwierdzony', 'imported'],
	['Anulowany', 'refunded'],
	['Anulowany', 'failed'],
];
const ERP_STATUSES = ['Niepotwierdzony', 'Potwierdzony', 'Zaakceptowany', 'Zrealizowany', 'Anulowany'];
const SHOP_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed'];
const MAILED = { completed: 'completed', cancelled: 'cancelled' };
const paired = (erp, shop) => ROWS.some(([e, s]) => e === erp && s === shop);

const emailOf = (id) => `customer-${id}@soak.faults.test`;
const erpIdOf = (id) => `ZO/2026/${id}`;
const localDaysAgo = (days) => new Date(Date.now() - days * 86400000).toLocaleString('sv-SE', { timeZone: ZONE });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Every status write either side receives, in order, judged as it happens. A shop change owes the ERP one write (its
 * webhook); an ERP change owes the shop one write at the next poll. A write nobody's change is owed is an echo; an echo
 * right after an echo the other way (no person in between) is ping-pong.
 */
function writeJournal() {
	const owed = new Map(); // order id → { erp: number of shop changes not yet written, shop: ERP change not yet polled }
	const last = new Map(); // order id → 'human' | 'echo' | 'write': what last happened to the order
	const journal = { writes: 0, echoWrites: [], pingPong: 0, shopWrites: [], erpWrites: [] };
	const of = (id) => owed.get(id) ?? owed.set(id, { erp: 0, shop: false }).get(id);
	journal.human = (id, side) => {
		if (side === 'shop') of(id).erp++;
		else of(id).shop = true;
		last.set(id, 'human');
	};
	journal.write = (id, side, status) => {
		const debt = of(id);
		const justified = side === 'erp' ? debt.erp > 0 : debt.shop;
		if (side === 'erp') {
			if (justified) debt.erp--;
			// The ERP now holds our write: an ERP change not yet polled was overwritten.
			debt.shop = false;
		} else debt.shop = false;
		journal.writes++;
		(side === 'erp' ? journal.erpWrites : journal.shopWrites).push({ id, status, justified });
		if (!justified) {
			journal.echoWrites.push({ id, side, status });
			if (last.get(id) === 'echo') journal.pingPong++;
		}
		last.set(id, justified ? 'write' : 'echo');
	};
	/** Every shop change's webhook run has ended: the ERP is owed nothing more. */
	journal.webhooksDone = () => {
		for (const debt of owed.values()) debt.erp = 0;
	};
	/** A poll has read every ERP change made before it: the shop is owed nothing more. */
	journal.polled = () => {
		for (const debt of owed.values()) debt.shop = false;
	};
	return journal;
}

/** Shop writes of the sync: WooCommerce's REST saves an order by replacing it in the simulator's map. */
function recordShopWrites(woo, journal) {
	const set = woo.orders.set.bind(woo.orders);
	woo.orders.set = (id, order) => {
		journal.write(id, 'shop', order.status);
		return set(id, order);
	};
}

function recordErpWrites(erp, journal) {
	const push = erp.state.writes.push.bind(erp.state.writes);
	erp.state.writes.push = (write) => {
		const row = erp.state.rows.find((r) => r.id === write.id);
		journal.write(Number(row.shopOrderId), 'erp', write.status);
		return push(write);
	};
}

/** A person's next change, [order id, side, new status]: a share of them on orders already changed in the round. */
function nextChange(random, touched, current) {
	const pick = (list) => list[Math.floor(random() * list.length)];
	const id = touched.length && random() < SAME_ORDER_SHARE ? pick(touched) : FIRST_ID + Math.floor(random() * ORDERS);
	const side = random() < 0.5 ? 'erp' : 'shop';
	touched.push(id);
	return [id, side, pick((side === 'erp' ? ERP_STATUSES : SHOP_STATUSES).filter((s) => s !== current(id, side)))];
}

module.exports = {
	name: 'two-way-soak',
	templates: [TEMPLATE],
	async run(ctx) {
		const { n8n, systems, workflows } = ctx;
		const workflow = workflows[TEMPLATE];
		const woo = systems.sims.woocommerce;
		const mail = systems.mail;
		const ids = Array.from({ length: ORDERS }, (_, i) => FIRST_ID + i);
		const twoDaysAgo = new Date(Date.now() - 2 * 86400000).toISOString();
		woo.seed(ids.map((id) => ({ id, status: 'processing', billing: { first_name: 'Customer', last_name: String(id), email: emailOf(id), country: 'PL' }, date_created_gmt: twoDaysAgo, date_modified_gmt: twoDaysAgo })));
		const erp = await startGenericErp({
			rows: ids.map((id) => ({ id: erpIdOf(id), shopOrderId: String(id), status: 'Potwierdzony', email: emailOf(id), language: 'pl', createdAt: localDaysAgo(2), updatedAt: localDaysAgo(1) })),
		});
		const journal = writeJournal();
		const lastChange = new Map(); // order id → [side, status] of the last person's change
		let runs = 0;
		try {
			const { webhookId } = workflow.template.json.nodes.find((n) => n.type === 'n8n-nodes-order-sync.shopTrigger');
			const hook = await waitUntil(
				() => [...woo.webhooks.values()].find((h) => h.topic === 'order.updated' && h.status === 'active' && h.delivery_url.includes(webhookId)),
				'the Shop Trigger registered no order.updated webhook',
			);
			await waitForSignedDeliveries(hook);
			const idle = () => settle(ctx, workflow.id, { quietMs: 1500, ms: 3 * MINUTE, progress: () => journal.writes });
			/** Out of the minute the template's schedule fires in (it is a poll too), with its run done. */
			const clearOfSchedule = async () => {
				const into = Date.now() % SCHEDULE_MS;
				if (into >= 70000 && into < SCHEDULE_MS - 5000) return;
				await sleep((into < 70000 ? 70000 - into : SCHEDULE_MS - into + 70000) + 1000);
				await idle();
				journal.webhooksDone();
				journal.polled();
				runs++;
			};
			const poll = async () => {
				await clearOfSchedule();
				journal.webhooksDone();
				const execution = await n8n.waitForExecution(await n8n.runManually(workflow.id, 'Run once now'), { ms: 3 * MINUTE });
				if (execution.status !== 'success') {
					throw new Error(`poll ${runs + 1} ended ${execution.status}: ${JSON.stringify(execution.data?.resultData?.error ?? {}).slice(0, 800)}`);
				}
				runs++;
				journal.polled();
				// The shop's order.updated for each write comes back to the trigger: its echo.
				await idle();
			};

			// A first poll takes every ERP row as new; the shop already holds each mapped status.
			await poll();
			recordShopWrites(woo, journal);
			recordErpWrites(erp, journal);
			mail.clear();
			runs = 0;

			const random = seededRandom(5);
			const current = (id, side) => (side === 'erp' ? erp.state.rows.find((r) => r.shopOrderId === String(id)).status : woo.orders.get(id).status);
			let changes = 0;
			const bySide = { erp: 0, shop: 0 };
			const started = Date.now();
			for (let round = 1; round <= ROUNDS; round++) {
				const touched = [];
				for (let i = 0; i < CHANGES_PER_ROUND; i++) {
					await clearOfSchedule();
					const [id, side, status] = nextChange(random, touched, current);
					journal.human(id, side);
					lastChange.set(id, [side, status]);
					changes++;
					bySide[side]++;
					if (side === 'erp') {
						erp.set(erpIdOf(id), { status });
						continue;
					}
					const erpWrites = journal.erpWrites.length;
					const delivered = await woo.setStatus(id, status, { webhookId: hook.id });
					if (!delivered.every((d) => d.status === 200)) throw new Error(`shop order ${id} → ${status}: delivery answered ${JSON.stringify(delivered)}`);
					// A person looks at the order before changing it again: the webhook's run has written the ERP and ended.
					await waitUntil(() => journal.erpWrites.slice(erpWrites).some((w) => w.id === id), `shop order ${id} → ${status} never reached the ERP`, 15000).catch(() => undefined);
					await waitUntil(async () => !busy(await executionsOf(n8n, workflow.id)), 'the webhook run did not end', MINUTE);
				}
				await idle();
				await poll();
				log(`  round ${round}: ${changes} changes, ${journal.writes} writes, ${journal.echoWrites.length} echo writes, ${mail.mails.length} mails`);
			}
			// Two polls more without changes: nothing left to carry, nothing may move.
			const writesBefore = journal.writes;
			await poll();
			await poll();
			const quietWrites = journal.writes - writesBefore;

			const finalOf = (id) => ({ erp: current(id, 'erp'), shop: current(id, 'shop') });
			const diverged = ids.filter((id) => !paired(finalOf(id).erp, finalOf(id).shop));
			const lost = ids.filter((id) => {
				const change = lastChange.get(id);
				return change && finalOf(id)[change[0]] !== change[1];
			});
			const tally = mailTally(mail.mails);
			// Mails the ERP side owed: one per order and event its polls carried to the shop as completed or cancelled.
			const owedMails = new Set(journal.shopWrites.filter((w) => w.justified && MAILED[w.status]).map((w) => `${emailOf(w.id)} ${MAILED[w.status]}`));
			const mailedKeys = new Set(mail.mails.flatMap((m) => m.envelopeTo.map((to) => `${to.toLowerCase()} ${m.headers['x-order-sync-event']}`)));
			const missingMails = [...owedMails].filter((k) => !mailedKeys.has(k));
			const unowedMails = [...mailedKeys].filter((k) => !owedMails.has(k));
			const executions = await executionsOf(n8n, workflow.id);
			const figures = {
				changes,
				changesBySide: bySide,
				orders: ORDERS,
				lost: lost.length,
				duplicateMails: tally.duplicateMails,
				echoWrites: journal.echoWrites.length,
				pingPong: journal.pingPong,
				converged: diverged.length === 0 && lost.length === 0,
				refused: null,
				polls: runs,
				writes: { shop: journal.shopWrites.length, erp: journal.erpWrites.length, quietPolls: quietWrites },
				mails: mail.mails.length,
				missingMails: missingMails.length,
				mailsForEchoes: unowedMails.length,
				failedExecutions: executions.filter((e) => !['success', 'new', 'running'].includes(e.status)).length,
				soakSeconds: Math.round((Date.now() - started) / 1000),
				divergedSample: diverged.slice(0, 5).map((id) => ({ id, ...finalOf(id), last: lastChange.get(id) })),
				lostSample: lost.slice(0, 5).map((id) => ({ id, ...finalOf(id), last: lastChange.get(id) })),
				echoSample: journal.echoWrites.slice(0, 5),
				mailSample: [...missingMails.slice(0, 3), ...unowedMails.slice(0, 3)],
			};
			return {
				figures,
				targets: {
					changes: target(changes >= ROUNDS * CHANGES_PER_ROUND, `${changes} changes made`),
					converged: target(diverged.length === 0, `${diverged.length} of ${ORDERS} orders hold statuses no mapping row pairs`),
					lost: target(lost.length === 0, `${lost.length} orders do not hold their last change`),
					echoWrites: target(journal.echoWrites.length === 0, `${journal.echoWrites.length} writes only mirrored one of our own writes`),
					pingPong: target(journal.pingPong === 0, `${journal.pingPong} echoes answered by another echo`),
					quiet: target(quietWrites === 0, `${quietWrites} writes by the two polls after the last change`),
					duplicateMails: target(tally.duplicateMails === 0, `${tally.duplicateMails} duplicate mails`),
					mails: target(
						missingMails.length === 0 && unowedMails.length === 0,
						`${missingMails.length} customers not told of an ERP completion/cancellation, ${unowedMails.length} mailed for no ERP change`,
					),
				},
			};
		} finally {
			await erp.close();
		}
	},
};
