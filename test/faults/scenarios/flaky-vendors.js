'use strict';
// Scenario 3, flaky vendors: template 1 (POHODA → WooCommerce + mails, every minute) completes 50 orders while 10 % of
// the requests to POHODA and to the shop fail (500/502/503, 429 with Retry-After, the answer lost to a timeout or a
// reset after the vendor did the work), 10 % of the mails get a 421 or 451 and one mail's connection drops after its
// DATA was stored. Targets: every shop status set and every customer told, a mail twice only for the dropped
// connection and then with the same Message-ID, no request while a vendor's Retry-After runs.
const { PRODUCTS } = require('../../../demo/seed');
const { waitUntil } = require('../../e2e/scenarios/helpers');
const { startFlakyProxy, seededRandom } = require('../flaky-proxy');
const { log, mailTally, settle, waitForRuns, executionsOf, target } = require('../observe');

const TEMPLATE = 'pohoda-to-woocommerce-status-sync.json';
const ORDERS = 50;
const FIRST_ID = 7001;
const FAULT_RATE = 0.1;
const DROP_AT_MAIL = 10;
const MINUTE = 60000;
const PROXIED = { woocommerce: 'orderSyncWooCommerceApi', pohoda: 'orderSyncPohodaApi' };

const emailOf = (id) => `customer-${id}@flaky.faults.test`;
const ids = Array.from({ length: ORDERS }, (_, i) => FIRST_ID + i);

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
		const { pohoda, woocommerce: woo } = systems.sims;
		const mail = systems.mail;
		woo.seed(
			ids.map((id) => ({ id, status: 'processing', currency: 'EUR', billing: { first_name: 'Customer', last_name: String(id), email: emailOf(id), country: 'CZ' }, line_items: [{ product_id: PRODUCTS[0].id, quantity: 1 }] })),
			PRODUCTS,
		);
		// As in the crash: run 1 remembers the time, run 2 sees the orders arrive; the faults start with the batch.
		await waitForRuns(ctx, workflowId, 1, 2 * MINUTE);
		const seeded = pohoda.seed(
			ids.map((id) => ({
				partner: { name: `Customer ${id}`, email: emailOf(id), country: 'CZ', city: 'Brno', street: 'Masarykova 1', zip: '602 00' },
				extId: { ids: String(id), exSystemName: 'woocommerce' },
				numberOrder: String(id),
				text: `E-shop order ${id}`,
				lines: [{ text: PRODUCTS[0].name, code: PRODUCTS[0].sku, quantity: 1, unitPrice: Number(PRODUCTS[0].price), rateVAT: 'high' }],
			})),
		);
		await waitForRuns(ctx, workflowId, 2, 2 * MINUTE);
		const runsBefore = (await executionsOf(n8n, workflowId)).length;
		for (const proxy of Object.values(proxies)) proxy.rate = FAULT_RATE;
		const smtp = smtpFaults(FAULT_RATE, 3);
		mail.fault = smtp.decide;
		for (const order of seeded) pohoda.invoice(order.id);
		log(`  ${ORDERS} orders completed in POHODA; ${FAULT_RATE * 100} % of vendor requests and mails now fail`);

		const unfinished = () => {
			const tally = mailTally(mail.mails);
			return ids.filter((id) => woo.orders.get(id).status !== 'completed' || tally.count(emailOf(id), 'completed') === 0);
		};
		const started = Date.now();
		const finished = await waitUntil(() => unfinished().length === 0, 'batch unfinished', 5 * MINUTE).then(
			() => true,
			() => false,
		);
		const finishedAfter = Math.round((Date.now() - started) / 1000);
		// One more scheduled run shows whether anyone is mailed again.
		const runsNow = (await executionsOf(n8n, workflowId)).length;
		await waitForRuns(ctx, workflowId, runsNow + 1, 2 * MINUTE).catch(() => undefined);
		await settle(ctx, workflowId, { quietMs: 5000, ms: MINUTE });
		for (const proxy of Object.values(proxies)) proxy.rate = 0;
		mail.fault = () => undefined;

		const tally = mailTally(mail.mails);
		const lost = unfinished();
		const executions = await executionsOf(n8n, workflowId);
		const differentIds = tally.duplicates.filter((d) => !d.sameMessageId);
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
			batchFinishedSeconds: finished ? finishedAfter : null,
			runs: executions.length - runsBefore,
			failedRuns: executions.slice(0, executions.length - runsBefore).filter((e) => e.status !== 'success').length,
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
