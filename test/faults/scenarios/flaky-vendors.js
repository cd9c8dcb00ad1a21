'use strict';
// Scenario 3, flaky vendors: template 1 (POHODA → WooCommerce + mails, every minute) completes 50 orders while 10 % of
// the requests to POHODA and to the shop fail (500/502/503, 429 with Retry-After, the answer lost to a timeout or a
// reset after the vendor did the work), 10 % of the mails get a 421 or 451 and one mail's connection drops after its
// DATA was stored. Targets: every shop status set and every customer told, a mail twice only for the dropped
// connection and then with the same Message-ID, no request while a vendor's Retry-After runs.
const { seededRandom, startFlakyProxy } = require('../flaky-proxy');
const { log, mailTally, executionsOf, target } = require('../observe');
const { TEMPLATE, batch, completeInPohoda, unfinished, finishBySchedule, MINUTE } = require('./batch');

const ORDERS = 50;
const FAULT_RATE = 0.1;
const DROP_AT_MAIL = 10;
const PROXIED = { woocommerce: 'orderSyncWooCommerceApi', pohoda: 'orderSyncPohodaApi' };

/** The credentials with the shop and POHODA reached through their proxies. */
function proxiedCredentials(credentials, proxies) {
	return credentials.map((c) => {
		const key = Object.keys(PROXIED).find((k) => PROXIED[k] === c.type);
		return key ? { ...c, data: { ...c.data, url: proxies[key].url } } : c;
	});
}

/** 421 or 451 for a share of the mails, and one stored mail whose connection drops before the reply. */
function smtpFaults(rate, seed) {
	const random = seededRandom(seed);
	const counts = { 421: 0, 451: 0, drop: 0 };
	let mails = 0;
	const decide = () => {
		mails++;
		if (mails === DROP_AT_MAIL) {
			counts.drop++;
			return 'drop';
		}
		if (random() >= rate) return undefined;
		const code = random() < 0.5 ? 421 : 451;
		counts[code]++;
		return code;
	};
	return { decide, counts };
}

module.exports = {
	name: 'flaky-vendors',
	templates: [TEMPLATE],
	/** n8n stopped: the shop and POHODA credentials now lead through fault-injecting proxies. */
	async before(ctx) {
		ctx.proxies = {};
		for (const key of Object.keys(PROXIED)) ctx.proxies[key] = await startFlakyProxy({ target: ctx.systems.sims[key].url, seed: key.length });
		await ctx.n8n.importCredentials(proxiedCredentials(ctx.systems.credentials, ctx.proxies));
	},
	/** n8n stopped: the direct credentials back, the proxies gone. */
	async after(ctx) {
		await ctx.n8n.importCredentials(ctx.systems.credentials);
		await Promise.all(Object.values(ctx.proxies ?? {}).map((p) => p.close()));
		ctx.proxies = null;
	},
	async run(ctx) {
		const { n8n, systems, workflows, proxies } = ctx;
		const workflowId = workflows[TEMPLATE].id;
		const mail = systems.mail;
		const orders = batch(7001, ORDERS, 'flaky.faults.test');
		const smtp = smtpFaults(FAULT_RATE, 3);
		let runsBefore = 0;
		// The faults start with the batch's completion.
		await completeInPohoda(ctx, workflowId, orders, async () => {
			runsBefore = (await executionsOf(n8n, workflowId)).length;
			for (const proxy of Object.values(proxies)) proxy.rate = FAULT_RATE;
			// A batch needs few requests, so each vendor's first ones fail for sure: the shop's status batch is written
			// and its answer lost, POHODA is unavailable and then rate-limits.
			proxies.woocommerce.failNext('reset');
			proxies.pohoda.failNext('503', '429');
			mail.fault = smtp.decide;
			log(`  ${ORDERS} orders completed in POHODA; ${FAULT_RATE * 100} % of vendor requests and mails now fail`);
		});
		const finishedSeconds = await finishBySchedule(ctx, workflowId, orders, 5 * MINUTE);
		for (const proxy of Object.values(proxies)) proxy.rate = 0;
		mail.fault = () => undefined;

		const tally = mailTally(mail.mails);
		const lost = unfinished(ctx, orders);
		const executions = await executionsOf(n8n, workflowId);
		const differentIds = tally.duplicates.filter((d) => !d.sameMessageId);
		// Why each failed run stopped: a fault no retry could cover is fine (the next run carries its changes), any other error is not.
		const failed = executions.slice(0, executions.length - runsBefore).filter((e) => e.status !== 'success');
		const failedRunErrors = [];
		for (const e of failed) {
			const run = await n8n.waitForExecution(e.id, { ms: 10000 }).catch(() => undefined);
			const error = run?.data?.resultData?.error;
			failedRunErrors.push(`${error?.node?.name ?? '?'}: ${(error?.message ?? e.status).slice(0, 200)}`);
		}
		const overRateLimit = Object.values(proxies).reduce((sum, p) => sum + p.stats.overRateLimit, 0);
		const figures = {
			changes: ORDERS,
			lost: lost.length,
			duplicateMails: tally.duplicateMails,
			echoWrites: null,
			refused: null,
			vendorFaults: Object.fromEntries(Object.entries(proxies).map(([k, p]) => [k, { requests: p.stats.requests, ...p.stats.faults }])),
			smtpFaults: smtp.counts,
			overRateLimit,
			batchFinishedSeconds: finishedSeconds,
			runs: executions.length - runsBefore,
			failedRuns: failed.length,
			failedRunErrors,
			duplicateSample: tally.duplicates.slice(0, 3),
			lostSample: lost.slice(0, 5),
		};
		return {
			figures,
			targets: {
				lost: target(lost.length === 0, `${lost.length} of ${ORDERS} orders not completed in the shop or not mailed`),
				duplicateMails: target(tally.duplicateMails <= smtp.counts.drop, `${tally.duplicateMails} duplicate mails, ${smtp.counts.drop} connection(s) dropped after DATA`),
				sameMessageId: target(differentIds.length === 0, `${differentIds.length} duplicated mails carry different Message-IDs`),
				rateLimit: target(overRateLimit === 0, `${overRateLimit} requests sent while a vendor's Retry-After ran`),
			},
		};
	},
};
