'use strict';
// Template 3 (seed 001: F8, F11, F13): an invoiced POHODA order completes the shop order and mails the invoice PDF,
// in test mode, and never for orders created before the baseline date.
const { wooSeed, pohodaSeed, CUSTOMERS } = require('../../../demo/seed');
const { assert, assertPohodaRequestsValid, assertMail } = require('./helpers');

const TEST_RECIPIENT = 'orders-test@example.com';

module.exports = {
	mode: 'execute',
	systems: ['pohoda', 'woocommerce'],
	async run({ systems, execute, workflow }) {
		const { pohoda, woocommerce: woo } = systems.sims;
		const { mails } = systems.mail;
		const baseline = workflow.template.json.nodes.find((n) => n.name === 'Mail the invoice').parameters.options.baselineDate;
		const seed = wooSeed();
		woo.seed(seed.orders, seed.products);

		await execute(); // remembers "now"
		const [sk, cs] = pohoda.seed(pohodaSeed().slice(0, 2));
		// Jiří's order was placed before the baseline date: it may complete in the shop but is never mailed (F13).
		cs.date = '2025-06-01';
		await execute(); // sees the new orders as created: nothing to do
		assert.equal(mails.length, 0, 'created orders were mailed');

		const invoice = pohoda.invoice(sk.id);
		pohoda.invoice(cs.id);
		await execute();
		assert.equal(woo.orders.get(1001).status, 'completed', 'shop order 1001 not completed');
		assert.equal(woo.orders.get(1002).status, 'completed', 'shop order 1002 not completed');

		await systems.mail.waitFor(1);
		// Test mode (F11): the mail goes to the test recipient, naming the customer it was meant for.
		const mail = assertMail(mails, { to: TEST_RECIPIENT, lang: 'sk', attachmentType: 'application/pdf', includes: [`Faktúra k objednávke ${sk.numberOrder}`, `Faktúru č. ${invoice.number} nájdete v prílohe.`] });
		const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
		assert.ok(pdf.content.toString('latin1').includes(`Faktura ${invoice.number}`), `the attached PDF is not invoice ${invoice.number}`);
		assert.ok(mail.subject.includes(CUSTOMERS.sk.email), `test-mode subject does not name the customer: ${mail.subject}`);
		assert.ok(!mails.some((m) => m.envelopeTo.includes(CUSTOMERS.sk.email)), 'test mode mailed the real customer');
		assert.equal(mails.length, 1, `expected 1 mail (none before the baseline ${baseline}), got ${mails.length}`);

		await execute();
		assert.equal(mails.length, 1, 'a second run mailed again');
		const packs = await assertPohodaRequestsValid(pohoda);
		return `invoice ${invoice.number} PDF mailed in test mode (sk) to ${TEST_RECIPIENT}; shop 1001 and 1002 completed; order before baseline not mailed; none twice; ${packs} POHODA requests XSD-valid`;
	},
};
