'use strict';
// A batch of shop orders completed in POHODA, as template 1 (POHODA → WooCommerce + mails, every minute) meets it:
// shared by the crash and the flaky-vendor scenarios.
const { PRODUCTS } = require('../../../demo/seed');
const { waitUntil } = require('../../e2e/scenarios/helpers');
const { mailTally, settle, waitForRuns } = require('../observe');

const TEMPLATE = 'pohoda-to-woocommerce-status-sync.json';
const MINUTE = 60000;
const [PRODUCT] = PRODUCTS;

/** Order ids `first`…, each with its own customer at `<id>@<domain>`. */
function batch(first, count, domain) {
	const ids = Array.from({ length: count }, (_, i) => first + i);
	return { ids, emailOf: (id) => `customer-${id}@${domain}` };
}

/** Shop orders in processing; POHODA's records of them carry the same id, so batches of several runs never meet. */
function seedShop(woo, { ids, emailOf }) {
	woo.seed(
		ids.map((id) => ({
			id,
			status: 'processing',
			currency: 'EUR',
			billing: { first_name: 'Customer', last_name: String(id), email: emailOf(id), country: 'CZ' },
			line_items: [{ product_id: PRODUCT.id, quantity: 1 }],
		})),
		PRODUCTS,
	);
}

function seedPohoda(pohoda, { ids, emailOf }) {
	return pohoda.seed(
		ids.map((id) => ({
			id,
			partner: { name: `Customer ${id}`, email: emailOf(id), country: 'CZ', city: 'Brno', street: 'Masarykova 1', zip: '602 00' },
			extId: { ids: String(id), exSystemName: 'woocommerce' },
			numberOrder: String(id),
			text: `E-shop order ${id}`,
			lines: [{ text: PRODUCT.name, code: PRODUCT.sku, quantity: 1, unitPrice: Number(PRODUCT.price), rateVAT: 'high' }],
		})),
	);
}

/**
 * A run from the template's manual trigger, as a person's "Run once now" in the editor (no wait for the schedule's
 * minute); resolves the ended execution. With `mustSucceed`, a run that did not succeed fails the scenario.
 */
async function runNow(ctx, workflowId, { mustSucceed = true } = {}) {
	const { json } = Object.values(ctx.workflows).find((w) => w.id === workflowId).template;
	const trigger = json.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger').name;
	const execution = await ctx.n8n.waitForExecution(await ctx.n8n.runManually(workflowId, trigger), { ms: 2 * MINUTE });
	if (mustSucceed && execution.status !== 'success') {
		throw new Error(`"${trigger}" run ${execution.id} ended ${execution.status}: ${execution.data?.resultData?.error?.message ?? ''}`);
	}
	return execution;
}

/**
 * The batch up to its completion: a first run (the first ever only remembers the time), the orders arrive in POHODA
 * and a run sees them (both from the manual trigger), then `beforeCompleting()` and all are completed (invoiced) for
 * the schedule's next run.
 */
async function completeInPohoda(ctx, workflowId, orders, beforeCompleting = () => undefined) {
	const { pohoda, woocommerce: woo } = ctx.systems.sims;
	seedShop(woo, orders);
	await runNow(ctx, workflowId);
	const seeded = seedPohoda(pohoda, orders);
	await runNow(ctx, workflowId);
	await beforeCompleting();
	for (const order of seeded) pohoda.invoice(order.id);
}

/** Orders of the batch not completed in the shop or whose customer has no "completed" mail. */
function unfinished(ctx, { ids, emailOf }) {
	const woo = ctx.systems.sims.woocommerce;
	const tally = mailTally(ctx.systems.mail.mails);
	return ids.filter((id) => woo.orders.get(id).status !== 'completed' || tally.count(emailOf(id), 'completed') === 0);
}

/**
 * Lets the schedule finish the batch (at most `ms`), then one more run (from the manual trigger, whatever its outcome)
 * show whether it mails anyone again; resolves the seconds it took to finish, or null.
 */
async function finishBySchedule(ctx, workflowId, orders, ms) {
	const started = Date.now();
	const finished = await waitUntil(() => unfinished(ctx, orders).length === 0, 'batch unfinished', ms).then(
		() => true,
		() => false,
	);
	const seconds = Math.round((Date.now() - started) / 1000);
	await waitForRuns(ctx, workflowId, 0, 2 * MINUTE).catch(() => undefined);
	await runNow(ctx, workflowId, { mustSucceed: false }).catch(() => undefined);
	await settle(ctx, workflowId, { quietMs: 5000, ms: MINUTE });
	return finished ? seconds : null;
}

module.exports = { TEMPLATE, MINUTE, batch, completeInPohoda, unfinished, finishBySchedule };
