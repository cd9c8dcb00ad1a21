'use strict';
// Template 5 (seed 003: F22, F27): open shop orders are derived Ready or Backordered from the products' stock; the shop
// status follows, a backordered order gets a customer note, each customer is mailed once per event.
const { wooSeed, CUSTOMERS } = require('../../../demo/seed');
const { assert, assertMail } = require('./helpers');

module.exports = {
	mode: 'execute',
	systems: ['woocommerce'],
	async run({ systems, execute }) {
		const { woocommerce: woo } = systems.sims;
		const { mails } = systems.mail;
		const seed = wooSeed();
		// 1001 (sk): beans + filters, in stock → ready. 1004 (sv): the grinder is on backorder → backordered.
		woo.seed(seed.orders.filter((o) => [1001, 1004].includes(o.id)), seed.products);

		await execute();
		assert.equal(woo.orders.get(1001).status, 'processing', 'ready order 1001 left processing');
		assert.equal(woo.orders.get(1004).status, 'on-hold', `backordered order 1004 is ${woo.orders.get(1004).status}, not on-hold`);
		const notes = woo.notes.get(1004);
		assert.ok((notes || []).some((n) => n.customer_note && n.note.includes('Hand grinder')), 'no customer note names the backordered grinder');
		await systems.mail.waitFor(2);
		assertMail(mails, { to: CUSTOMERS.sk.email, lang: 'sk' });
		assertMail(mails, { to: CUSTOMERS.sv.email, lang: 'sv' });
		assert.equal(mails.length, 2);

		await execute();
		assert.equal(mails.length, 2, 'a second run mailed again');
		return 'order 1001 ready (stays processing), 1004 backordered → on-hold with a customer note; mails sk + sv once each';
	},
};
