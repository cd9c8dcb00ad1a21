'use strict';
// Assertions shared by the template scenarios: they look at the systems (simulators, mailbox), not at node output.
require('../tsx');
const assert = require('node:assert/strict');
const { createHmac } = require('node:crypto');
const { pohodaSchemasMissing, validateDataPacks } = require('../../helpers/xsd');

/**
 * Every dataPack the POHODA simulator received validates against Stormware's XSDs. Without the schemas this says it
 * is skipped and why, or fails under ORDER_SYNC_NO_SKIP=1, as describeWith does.
 */
async function assertPohodaRequestsValid(pohoda) {
	const bodies = pohoda.requests.filter((r) => r.body).map((r) => r.body);
	assert.ok(bodies.length > 0, 'POHODA received no dataPack');
	const missing = pohodaSchemasMissing();
	if (missing) {
		assert.notEqual(process.env.ORDER_SYNC_NO_SKIP, '1', `POHODA schemas are required in this run (ORDER_SYNC_NO_SKIP=1): ${missing}`);
		process.stderr.write(`SKIP XSD validation of ${bodies.length} POHODA requests: ${missing}\n`);
		return bodies.length;
	}
	const errors = await validateDataPacks(bodies);
	const invalid = errors.map((e, i) => ({ i, e })).filter((x) => x.e.length);
	assert.deepEqual(invalid, [], `POHODA requests not valid against the XSDs: ${JSON.stringify(invalid).slice(0, 2000)}`);
	return bodies.length;
}

/** The single mail sent to `to`, checked for its language (html lang) and required text. */
function assertMail(mails, { to, lang, includes = [], attachmentType }) {
	const found = mails.filter((m) => m.envelopeTo.includes(to));
	assert.equal(found.length, 1, `expected exactly one mail to ${to}, got ${found.length}: ${JSON.stringify(mails.map((m) => [m.envelopeTo, m.subject]))}`);
	const [mail] = found;
	assert.match(mail.html, new RegExp(`<html[^>]*lang="${lang}"`), `mail to ${to} is not in ${lang}: ${mail.subject}`);
	for (const text of includes) assert.ok(mail.html.includes(text) || mail.subject.includes(text), `mail to ${to} lacks "${text}": ${mail.subject}`);
	if (attachmentType) {
		const attachment = mail.attachments.find((a) => a.contentType === attachmentType);
		assert.ok(attachment, `mail to ${to} has no ${attachmentType} attachment`);
		if (attachmentType === 'application/pdf') assert.equal(attachment.content.subarray(0, 5).toString(), '%PDF-', 'attachment is not a PDF');
	}
	return mail;
}

/** Polls `check` until it returns a truthy value; fails with `message` (a function: evaluated then) after `ms`. */
async function waitUntil(check, message, ms = 60000) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) {
			throw new assert.AssertionError({ message: `timed out after ${ms / 1000}s: ${typeof message === 'function' ? message() : message}` });
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * Waits until the running n8n lists at least `atLeast` executions of the workflow and none is still starting or
 * running (nothing more can follow from them).
 */
async function waitForIdle(n8n, workflowId, { atLeast = 1, ms = 60000 } = {}) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	let seen = [];
	await waitUntil(async () => {
		const list = await n8n.rest('GET', `/rest/executions?filter=${filter}&limit=100`);
		const results = list.data?.results ?? list.data;
		assert.ok(Array.isArray(results), `unexpected executions list: ${JSON.stringify(list).slice(0, 300)}`);
		seen = results.map((e) => `${e.id} ${e.status}`);
		return results.length >= atLeast && results.every((e) => !['new', 'running'].includes(e.status));
	}, () => `expected ${atLeast}+ finished executions, n8n lists: ${seen.join(', ') || 'none'}`, ms);
}

/** POSTs a WooCommerce delivery of a topic the Shop Trigger ignores (it starts nothing), signed with `secret` unless null. */
function deliverNoop(hook, secret) {
	const body = JSON.stringify({ id: 0 });
	const headers = { 'content-type': 'application/json', 'x-wc-webhook-topic': 'action.order_sync_e2e_ready' };
	if (secret !== null) headers['x-wc-webhook-signature'] = createHmac('sha256', secret).update(body).digest('base64');
	return fetch(hook.delivery_url, { method: 'POST', headers, body });
}

/**
 * n8n serves a Shop Trigger's route while it is still activating the workflow (registering the webhooks, the first
 * catch-up poll) and saves the webhook secrets only at the end: until then it refuses signed deliveries too. Ready
 * once a signed delivery that starts nothing is accepted.
 */
async function waitForSignedDeliveries(hook) {
	let last = '';
	await waitUntil(async () => {
		const res = await deliverNoop(hook, hook.secret);
		last = `HTTP ${res.status} ${await res.text()}`;
		return res.status === 200;
	}, () => `n8n never accepted a signed delivery at ${hook.delivery_url} (last: ${last})`);
}

module.exports = { assert, assertPohodaRequestsValid, assertMail, waitUntil, waitForIdle, deliverNoop, waitForSignedDeliveries };
