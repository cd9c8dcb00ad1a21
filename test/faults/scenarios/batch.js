'use strict';
// A batch of shop orders completed in POHODA, as template 1 (POHODA → WooCommerce + mails, every minute) meets it:
// shared by the crash and the flaky-vendor scenarios.
const { PRODUCTS } = require('../../../demo/seed');
const { waitUntil } = require('../../e2e/scenarios/helpers');
const { mailTally, settle, waitForRuns, executionsOf } = require('../observe');

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
 * The batch through the schedule: a first run (the first ever only remembers the time), the orders arrive in POHODA
 * and a run sees them, then `beforeCompleting()` and all are completed (invoiced) for the next run.
 */
async function completeInPohoda(ctx, workflowId, orders, beforeCompleting = () => undefined) {
	const { pohoda, woocommerce: woo } = ctx.systems.sims;
	seedShop(woo, orders);
	const runs = (await executionsOf(ctx.n8n, workflowId)).length;
	await waitForRuns(ctx, workflowId, runs + 1, 2 * MINUTE);
	const seeded = seedPohoda(pohoda, orders);
	await waitForRuns(ctx, workflowId, runs + 2, 2 * MINUTE);
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
 * Lets the schedule finish the batch (at most `ms`), then one more run show whether it mails anyone again; resolves
 * the seconds it took to finish, or null.
 */
async function finishBySchedule(ctx, workflowId, orders, ms) {
	const started = Date.now();
	const finished = await waitUntil(() => unfinished(ctx, orders).length === 0, 'batch unfinished', ms).then(
		() => true,
		() => false,
	);
	const seconds = Math.round((Date.now() - started) / 1000);
	const runs = (await executionsOf(ctx.n8n, workflowId)).length;
	await waitForRuns(ctx, workflowId, runs + 1, 2 * MINUTE).catch(() => undefined);
	await settle(ctx, workflowId, { quietMs: 5000, ms: MINUTE });
	return finished ? seconds : null;
}

module.exports = { TEMPLATE, MINUTE, batch, completeInPohoda, unfinished, finishBySchedule };
