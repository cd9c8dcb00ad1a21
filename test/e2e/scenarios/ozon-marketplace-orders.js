'use strict';
// Template 4 (seed 002: F15–F21): new Ozon postings are announced to the managers, accepted or rejected by stock,
// shipped or cancelled on Ozon, and the accepted ones become POHODA orders. A second run handles nothing twice.
const { ozonSeed } = require('../../../demo/seed');
const { assert, assertPohodaRequestsValid } = require('./helpers');

const MANAGERS = 'managers@example.com';

module.exports = {
	mode: 'execute',
	systems: ['ozon', 'pohoda'],
	async run({ systems, execute }) {
		const { ozon, pohoda } = systems.sims;
		const { mails } = systems.mail;
		ozon.seed(ozonSeed());
		const [inStock, outOfStock] = ozonSeed().map((p) => p.posting_number);

		await execute();
		await systems.mail.waitFor(2);
		const toManagers = mails.filter((m) => m.envelopeTo.includes(MANAGERS));
		assert.equal(toManagers.length, 2, `expected one manager mail per posting, got ${toManagers.length}`);
		const orderNumber = ozonSeed()[0].order_number;
		assert.ok(toManagers.some((m) => (m.subject + m.html).includes(orderNumber)), `no manager mail names order ${orderNumber}`);

		// F18/F21: enough stock → shipped on Ozon; none → cancelled with the chosen reason.
		assert.equal(ozon.postings.get(inStock).status, 'awaiting_deliver', `posting ${inStock} not shipped`);
		assert.equal(ozon.postings.get(outOfStock).status, 'cancelled', `posting ${outOfStock} not cancelled`);
		const { cancellation } = ozon.postings.get(outOfStock);
		assert.equal(cancellation.cancel_reason_id, 352, `posting ${outOfStock} cancelled with reason ${cancellation.cancel_reason_id}, not 352`);

		// F19: the accepted posting is a received order in POHODA.
		const imported = [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === inStock);
		assert.equal(imported.length, 1, `accepted posting ${inStock} is not in POHODA exactly once`);

		await execute();
		assert.equal(mails.length, 2, 'a second run mailed the managers again');
		assert.equal([...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === inStock).length, 1, 'a second run imported again');
		const packs = await assertPohodaRequestsValid(pohoda);
		return `managers mailed per posting; ${inStock} shipped + POHODA order ${imported[0].number}; ${outOfStock} cancelled (reason 352); nothing twice; ${packs} POHODA requests XSD-valid`;
	},
};
