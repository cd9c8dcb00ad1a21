'use strict';
// What the fault scenarios measure and wait for: mails per customer and event, a workflow's executions, quiet.
const { PRODUCTS } = require('../../demo/seed');
const { waitUntil, waitForSignedDeliveries } = require('../e2e/scenarios/helpers');

/** Progress goes to stderr; stdout carries only the scenarios' JSON lines. */
const log = (line) => process.stderr.write(`${line}\n`);

/**
 * The mailbox grouped by recipient and event (Notify Customer's X-Order-Sync-Event header). A duplicate is a second
 * mail to the same recipient for the same event; each is listed with the Message-IDs of all its copies.
 */
function mailTally(mails) {
	const byKey = new Map();
	for (const mail of mails) {
		const event = mail.headers['x-order-sync-event'] || `subject ${mail.subject}`;
		for (const to of mail.envelopeTo) {
			const key = `${to.toLowerCase()} ${event}`;
			if (!byKey.has(key)) byKey.set(key, []);
			byKey.get(key).push(mail.headers['message-id'] || '');
		}
	}
	const duplicates = [...byKey]
		.filter(([, ids]) => ids.length > 1)
		.map(([key, ids]) => ({ key, count: ids.length, messageIds: ids, sameMessageId: ids.every((id) => id && id === ids[0]) }));
	return {
		count: (to, event) => byKey.get(`${to.toLowerCase()} ${event}`)?.length ?? 0,
		duplicateMails: duplicates.reduce((sum, d) => sum + d.count - 1, 0),
		duplicates,
	};
}

/**
 * The workflow's executions n8n lists, newest first: `{id, status}`. Under a burst n8n may answer 503 "Database is
 * not ready" for a while; that is retried for up to `retryMs`.
 */
async function executionsOf(n8n, workflowId, { retryMs = 60000 } = {}) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const deadline = Date.now() + retryMs;
	for (;;) {
		try {
			const list = await n8n.rest('GET', `/rest/executions?filter=${filter}&limit=250`);
			return (list.data?.results ?? list.data ?? []).map((e) => ({ id: String(e.id), status: e.status }));
		} catch (error) {
			if (!/HTTP 503/.test(error.message) || Date.now() > deadline) throw error;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

const busy = (executions) => executions.some((e) => ['new', 'running'].includes(e.status));

/**
 * Waits until n8n runs nothing of the workflow and the mailbox and `progress()` (e.g. shop writes) have stood still
 * for `quietMs`, at most `ms`; resolves whether it got quiet.
 */
async function settle(ctx, workflowId, { quietMs = 5000, ms = 120000, progress = () => 0 } = {}) {
	let mark = null;
	try {
		await waitUntil(async () => {
			const state = `${ctx.systems.mail.mails.length}/${progress()}`;
			if (busy(await executionsOf(ctx.n8n, workflowId)) || !mark || mark.state !== state) {
				mark = { state, since: Date.now() };
				return false;
			}
			return Date.now() - mark.since >= quietMs;
		}, 'quiet', ms);
		return true;
	} catch (error) {
		if (error.name === 'AssertionError') return false;
		throw error;
	}
}

/** Resolves once the workflow has at least `count` executions listed and none runs; at most `ms`. */
async function waitForRuns(ctx, workflowId, count, ms) {
	let seen = [];
	await waitUntil(
		async () => {
			seen = await executionsOf(ctx.n8n, workflowId);
			return seen.length >= count && !busy(seen);
		},
		() => `expected ${count}+ finished executions, n8n lists ${seen.map((e) => `${e.id} ${e.status}`).join(', ') || 'none'}`,
		ms,
	);
	return seen;
}

/** The order.created and order.updated webhooks the template's Shop Trigger registered in the shop. */
async function shopHooks(woo, workflow) {
	const { webhookId } = workflow.template.json.nodes.find((n) => n.type === 'n8n-nodes-order-sync.shopTrigger');
	const find = (topic) => [...woo.webhooks.values()].find((h) => h.topic === topic && h.status === 'active' && h.delivery_url.includes(webhookId));
	await waitUntil(() => find('order.created') && find('order.updated'), 'the Shop Trigger registered no order.created and order.updated webhooks');
	return { created: find('order.created'), updated: find('order.updated') };
}

/**
 * The systems of a WooCommerce-webhook template's scenario: the shop without orders, its products seeded, the
 * template's webhooks registered and taking signed deliveries.
 */
async function webhookTemplateReady(ctx, template) {
	const workflow = ctx.workflows[template];
	const { pohoda, woocommerce: woo } = ctx.systems.sims;
	woo.seed([], PRODUCTS);
	const hooks = await shopHooks(woo, workflow);
	await waitForSignedDeliveries(hooks.created);
	return { workflow, pohoda, woo, mail: ctx.systems.mail, hooks };
}

/** A target: met or not, with what was measured. */
const target = (met, detail) => ({ met: Boolean(met), detail });

module.exports = { log, mailTally, executionsOf, busy, settle, waitForRuns, shopHooks, webhookTemplateReady, target };
