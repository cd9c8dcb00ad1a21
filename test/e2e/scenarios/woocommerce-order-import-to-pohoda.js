'use strict';
// Template 2 (seed 001: F7, F14), activated: a signed order.created webhook from the shop imports the order into
// POHODA, sets the shop status "imported" and mails the customer; an order POHODA already completed is completed in
// the shop at once. Redelivered webhooks change nothing and mail nobody twice.
const { wooSeed, pohodaSeed, CUSTOMERS } = require('../../../demo/seed');
const { assert, assertPohodaRequestsValid, assertMail, waitUntil, waitForIdle, deliverNoop, waitForSignedDeliveries } = require('./helpers');

const byExtId = (pohoda, id) => [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === String(id));

const shown = (deliveries) => JSON.stringify(deliveries.map((d) => ({ status: d.status, body: d.body })));

module.exports = {
	mode: 'activate',
	systems: ['pohoda', 'woocommerce'],
	async run({ systems, n8n, workflow }) {
		const { pohoda, woocommerce: woo } = systems.sims;
		const { mails } = systems.mail;
		woo.seed([], wooSeed().products);
		// This template's own webhook: another activated template (two-way status sync) registers its own in this shop.
		const { webhookId } = workflow.template.json.nodes.find((n) => n.type === 'n8n-nodes-order-sync.shopTrigger');
		const hook = await waitUntil(
			() => [...woo.webhooks.values()].find((h) => h.topic === 'order.created' && h.status === 'active' && h.delivery_url.includes(webhookId)),
			'the Shop Trigger registered no order.created webhook on activation',
		);
		// Ready once a signed delivery that starts nothing is accepted; then an unsigned one must be refused.
		await waitForSignedDeliveries(hook);
		const unsigned = (await deliverNoop(hook, null)).status;
		assert.equal(unsigned, 401, `an unsigned delivery got HTTP ${unsigned}, not 401`);

		// F7: a new shop order lands in POHODA, the shop says "imported", the customer is told.
		const [first] = wooSeed().orders;
		const { order, deliveries } = await woo.createOrder({ ...first, id: 2001, status: 'processing' });
		assert.ok(deliveries.length && deliveries.every((d) => d.status === 200), `webhook delivery failed: ${shown(deliveries)}`);
		await waitUntil(() => woo.orders.get(order.id).status === 'imported', () => `shop order ${order.id} never became "imported" (is ${woo.orders.get(order.id).status})`);
		assert.equal(byExtId(pohoda, order.id).length, 1, 'the order is not in POHODA exactly once');
		await systems.mail.waitFor(1);
		assertMail(mails, { to: CUSTOMERS.sk.email, lang: 'sk', includes: [`Vašu objednávku ${order.id} spracúvame`] });

		// F14: POHODA already has (and completed) the next order: the shop completes it at once. Its customer is
		// Russian: POHODA (Windows-1250) has her name as "?????", the mail takes it from the shop order.
		const [done] = pohoda.seed([{ ...pohodaSeed()[4], extId: { ids: '2002', exSystemName: 'woocommerce' }, numberOrder: '2002' }]);
		pohoda.invoice(done.id);
		const second = await woo.createOrder({ ...wooSeed().orders[4], id: 2002, status: 'processing' });
		assert.ok(second.deliveries.length && second.deliveries.every((d) => d.status === 200), `webhook delivery failed: ${shown(second.deliveries)}`);
		await waitUntil(
			() => woo.orders.get(2002).status === 'completed',
			() => `shop order 2002 was not completed from POHODA (is ${woo.orders.get(2002).status}; its deliveries: ${shown(second.deliveries)})`,
		);
		assert.equal(byExtId(pohoda, 2002).length, 1, 'POHODA got a duplicate of an order it had');
		await systems.mail.waitFor(2);
		// The state POHODA already had: the completed mail.
		const completed = assertMail(mails, { to: CUSTOMERS.ru.email, lang: 'ru', includes: ['2002', `${CUSTOMERS.ru.first_name} ${CUSTOMERS.ru.last_name}`] });
		assert.ok(!/\?{2,}|\?[\p{L}]/u.test(completed.subject + completed.text), `the mail shows letters POHODA lost: ${completed.text}`);

		// Redelivery of both webhooks: the trigger answers that it started nothing, so nothing new can follow.
		const again = { webhookId: hook.id };
		const redelivered = [...(await woo.deliverWebhook(order.id, 'order.created', again)), ...(await woo.deliverWebhook(2002, 'order.created', again))];
		assert.ok(
			redelivered.length === 2 && redelivered.every((d) => d.status === 200 && /no change|duplicate/.test(d.body)),
			`a redelivered webhook started an execution: ${shown(redelivered)}`,
		);
		// Two executions ran (orders 2001 and 2002); once they are over no mail can still come.
		await waitForIdle(n8n, workflow.id, { atLeast: 2 });
		assert.equal(mails.length, 2, `redelivered webhooks mailed again: ${mails.map((m) => m.subject).join('; ')}`);
		assert.equal(byExtId(pohoda, order.id).length, 1, 'a redelivered webhook duplicated the POHODA order');
		const packs = await assertPohodaRequestsValid(pohoda);
		return `unsigned delivery refused (401); order ${order.id} imported into POHODA, shop "imported", mail (sk); order 2002 completed from POHODA, mail (ru, the customer's name from the shop order, not POHODA's "?????"); redeliveries ignored; ${packs} POHODA requests XSD-valid`;
	},
};
