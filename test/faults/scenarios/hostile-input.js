'use strict';
// Scenario 6, forged and hostile input, through template 2 (WooCommerce webhook → POHODA import + mails):
// - deliveries to the Shop Trigger's URL that are unsigned, wrongly signed, signed with another webhook's secret,
//   truncated, oversized (> 5 MB) or malformed JSON: each refused with a 4xx, none imported or mailed;
// - a batch of real orders whose customer names, notes and address carry CR/LF header lines, <script>, {{placeholders}},
//   RTL overrides and emoji, next to ordinary orders: nothing injected into mail headers, the mail HTML or POHODA's XML,
//   and every other order of the batch imported and mailed.
const { createHmac } = require('node:crypto');
const { PRODUCTS } = require('../../../demo/seed');
const { log, mailTally, settle, target, webhookTemplateReady } = require('../observe');

const TEMPLATE = 'woocommerce-order-import-to-pohoda.json';
const MINUTE = 60000;
const EVIL = 'evil.faults.test';
const OVERSIZED_BYTES = 6 * 1024 * 1024;

const emailOf = (id) => `customer-${id}@hostile.faults.test`;
const sign = (secret, body) => createHmac('sha256', secret).update(body).digest('base64');

function order(id, billing = {}, extra = {}) {
	return {
		id,
		status: 'processing',
		currency: 'EUR',
		billing: { first_name: 'Customer', last_name: String(id), email: emailOf(id), country: 'CZ', city: 'Brno', ...billing },
		line_items: [{ product_id: PRODUCTS[0].id, quantity: 1 }],
		...extra,
	};
}

/** Orders behind the forged and malformed deliveries: any that is imported or mailed was let through. */
const PROBE_IDS = [5101, 5102, 5103, 5104, 5105, 5106, 5107];

/** Real orders with hostile customer data, and ordinary ones in the same batch. */
const HOSTILE = [
	order(5201, { first_name: `Eve\r\nBcc: leak@${EVIL}`, last_name: 'Doe\r\nX-Injected: yes', company: `</typ:name><typ:email>leak@${EVIL}</typ:email>` }, { customer_note: `Hi\r\nBcc: leak2@${EVIL}` }),
	order(5202, { first_name: '<script>alert(1)</script>', last_name: '<img src=x onerror=alert(2)>' }, { customer_note: '</p><script>alert(3)</script>' }),
	order(5203, { first_name: '{{orderNumber}}', last_name: '{{ $env.HOME }} {{shopName}}' }, { customer_note: '{{ $json.order.id }}' }),
	order(5204, { first_name: '\u202Egnp.exe', last_name: 'محمد العربي' }, { customer_note: '\u202Bمرحبا\u202C' }),
	order(5205, { first_name: 'Zoë 🚀', last_name: '👩‍👩‍👧 ☕' }, { customer_note: '🎉' }),
	order(5206),
	order(5207),
];
/** The name each customer must be greeted with, as typed (line breaks aside): a placeholder stays text. */
const GREETED = { 5203: ['{{orderNumber}}', '{{ $env.HOME }}', '{{shopName}}'] };

async function post(url, headers, body) {
	const res = await fetch(url, { method: 'POST', headers, body });
	return { status: res.status, body: (await res.text()).slice(0, 200) };
}

module.exports = {
	name: 'hostile-input',
	templates: [TEMPLATE],
	sharesRun: true,
	async run(ctx) {
		const { workflow, pohoda, woo, mail, hooks } = await webhookTemplateReady(ctx, TEMPLATE);

		// Another integration's webhook in the same shop, with its own secret.
		const auth = `Basic ${Buffer.from(`${woo.consumerKey}:${woo.consumerSecret}`).toString('base64')}`;
		const otherSecret = 'another-integration-secret';
		const other = await fetch(`${woo.url}/wp-json/wc/v3/webhooks`, {
			method: 'POST',
			headers: { authorization: auth, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Another integration', topic: 'order.created', delivery_url: 'http://127.0.0.1:9/another-integration', secret: otherSecret }),
		});
		if (other.status !== 201) throw new Error(`the shop did not register the other webhook: HTTP ${other.status}`);

		// Last changed two days ago: the trigger's catch-up poll has nothing to report about them, only a delivery could.
		const twoDaysAgo = new Date(Date.now() - 2 * 86400000).toISOString().slice(0, 19);
		const probes = woo.seed(PROBE_IDS.map((id) => order(id, {}, { date_created_gmt: twoDaysAgo, date_modified_gmt: twoDaysAgo })));
		let deliveryId = 900000;
		const headersFor = (signature) => ({
			'content-type': 'application/json',
			'x-wc-webhook-source': `${woo.url}/`,
			'x-wc-webhook-topic': 'order.created',
			'x-wc-webhook-resource': 'order',
			'x-wc-webhook-event': 'created',
			'x-wc-webhook-id': String(hooks.created.id),
			'x-wc-webhook-delivery-id': String(deliveryId++),
			...(signature ? { 'x-wc-webhook-signature': signature } : {}),
		});
		const bodyOf = (o) => JSON.stringify(o);
		const [unsigned, wrong, otherHook, cut, cutSigned, big, malformed] = probes;
		const truncated = (o) => bodyOf(o).slice(0, Math.floor(bodyOf(o).length / 2));
		const oversized = bodyOf({ ...big, customer_note: 'x'.repeat(OVERSIZED_BYTES) });
		const malformedBody = `{"id":${malformed.id},"status":"processing",,"billing":{`;
		const forged = [
			['unsigned', bodyOf(unsigned), null],
			['wrongly signed', bodyOf(wrong), sign('not-the-secret', bodyOf(wrong))],
			["signed with another webhook's secret", bodyOf(otherHook), sign(otherSecret, bodyOf(otherHook))],
			['truncated in transit (signature of the whole body)', truncated(cut), sign(hooks.created.secret, bodyOf(cut))],
			['truncated, signed as it arrived', truncated(cutSigned), sign(hooks.created.secret, truncated(cutSigned))],
			['oversized (6 MB), signed', oversized, sign(hooks.created.secret, oversized)],
			['malformed JSON, signed', malformedBody, sign(hooks.created.secret, malformedBody)],
		];
		const answers = [];
		for (const [name, body, signature] of forged) answers.push({ name, ...(await post(hooks.created.delivery_url, headersFor(signature), body)) });

		// The hostile batch, delivered by the shop as it places the orders.
		const delivered = [];
		for (const o of HOSTILE) delivered.push(...(await woo.createOrder(o, { webhookId: hooks.created.id })).deliveries);
		await settle(ctx, workflow.id, { quietMs: 8000, ms: 3 * MINUTE, progress: () => pohoda.orders.size + woo.deliveries.length });
		log(`  ${answers.filter((a) => a.status >= 400 && a.status < 500).length} of ${answers.length} forged/malformed deliveries refused; ${mail.mails.length} mails`);

		const importsOf = (id) => [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === String(id));
		const tally = mailTally(mail.mails);
		const letThrough = answers
			.map((a, i) => ({ ...a, id: probes[i].id }))
			.filter((a) => importsOf(a.id).length > 0 || tally.count(emailOf(a.id), 'order_imported') > 0)
			.map((a) => a.name);
		const notRefused = answers.filter((a) => a.status < 400 || a.status >= 500);

		const injected = [];
		for (const m of mail.mails) {
			// Mails from a forged delivery count as let through (above); any other recipient was injected.
			const strange = m.envelopeTo.filter((to) => !HOSTILE.some((o) => o.billing.email === to) && !PROBE_IDS.some((id) => emailOf(id) === to));
			if (strange.length) injected.push(`mail ${m.id} also went to ${strange.join(', ')}`);
			for (const header of ['bcc', 'cc', 'x-injected']) if (m.headers[header]) injected.push(`mail ${m.id} has a ${header} header: ${m.headers[header]}`);
			const live = /<script|<[a-z][^>]*\sonerror\s*=/i.exec(m.html);
			if (live) injected.push(`mail ${m.id} (${m.envelopeTo}) carries live markup from customer data: ${m.html.slice(Math.max(0, live.index - 40), live.index + 60)}`);
		}
		for (const [id, texts] of Object.entries(GREETED)) {
			const m = mail.mails.find((x) => x.envelopeTo.includes(emailOf(id)));
			const missing = m ? texts.filter((t) => !m.text.includes(t)) : [];
			if (missing.length) injected.push(`mail to ${emailOf(id)} does not show the customer's name as typed (${missing.join(', ')} replaced): ${m.text.split('\n').find((l) => /Dear|Hello/.test(l))}`);
		}
		for (const o of HOSTILE) {
			for (const imported of importsOf(o.id)) {
				if (imported.partner?.email !== o.billing.email) injected.push(`POHODA order ${o.id} has partner e-mail ${imported.partner?.email}, not ${o.billing.email}`);
			}
		}
		const lost = HOSTILE.filter((o) => importsOf(o.id).length === 0 || tally.count(o.billing.email, 'order_imported') === 0).map((o) => o.id);
		const refusedBatch = delivered.filter((d) => d.status !== 200);
		const figures = {
			changes: HOSTILE.length,
			lost: lost.length,
			duplicateMails: tally.duplicateMails,
			echoWrites: null,
			refused: answers.length - notRefused.length,
			forged: answers.length,
			answers: answers.map((a) => `${a.name}: ${a.status}`),
			letThrough,
			injected,
			batchDeliveriesRefused: refusedBatch.length,
			mails: mail.mails.length,
			lostSample: lost,
		};
		return {
			figures,
			targets: {
				refused: target(notRefused.length === 0, `not refused with a 4xx: ${notRefused.map((a) => `${a.name} → ${a.status} ${a.body}`).join('; ') || 'none'}`),
				letThrough: target(letThrough.length === 0, `imported or mailed from a forged/malformed delivery: ${letThrough.join('; ') || 'none'}`),
				injected: target(injected.length === 0, injected.join('; ') || 'none'),
				restProcessed: target(lost.length === 0 && refusedBatch.length === 0, `orders of the hostile batch not imported or not mailed: ${lost.join(', ') || 'none'}; refused: ${refusedBatch.length}`),
				duplicateMails: target(tally.duplicateMails === 0, `${tally.duplicateMails} duplicate mails`),
			},
		};
	},
};
