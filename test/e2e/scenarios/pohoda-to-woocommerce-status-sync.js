'use strict';
// Template 1 (seed 000: F1–F6): POHODA completed / cancelled / edited orders update the shop and mail the customer.
const { wooSeed, pohodaSeed, CUSTOMERS } = require('../../../demo/seed');
const { assert, assertPohodaRequestsValid, assertMail } = require('./helpers');

module.exports = {
	mode: 'execute',
	systems: ['pohoda', 'woocommerce'],
	async run({ systems, execute, setSettings }) {
		const { pohoda, woocommerce: woo } = systems.sims;
		const { mails } = systems.mail;
		const seed = wooSeed();
		woo.seed(seed.orders, seed.products);
		pohoda.seed([{ ...pohodaSeed()[4], changedAt: Date.now() - 86400000 }]);

		// First run: remembers "now", replays no history (F13).
		await execute();
		assert.equal(mails.length, 0, 'the first run mailed about old orders');

		// The shop's orders arrive in POHODA: seen as created, nobody mailed (the table does not notify "new").
		const [sk, cs, pl, sv] = pohoda.seed(pohodaSeed().slice(0, 4));
		woo.orders.get(1004).status = 'on-hold'; // set in the shop meanwhile: a new POHODA order must not override it
		await execute();
		assert.equal(mails.length, 0, `new POHODA orders were mailed: ${mails.map((m) => m.subject).join('; ')}`);
		assert.equal(woo.orders.get(1004).status, 'on-hold', 'a newly seen POHODA order changed the shop status');

		pohoda.invoice(sk.id); // Vyřízeno (F2)
		pohoda.cancel(cs.id); // Storno (F3)
		pohoda.editLine(pl.id, 0, { quantity: 3 }); // edited line (F1)

		// Dry first (Settings → dryRun): every change shown, nothing written, nobody mailed, nothing remembered.
		await setSettings({ dryRun: true });
		const shopWritesBefore = woo.requests.filter((r) => r.method !== 'GET').length;
		const dry = await execute();
		const wouldMail = dry.items('Mail the customer').map((i) => i.json.dryRun && i.json.dryRun.mail && i.json.dryRun.mail.to[0]);
		assert.deepEqual(wouldMail.sort(), [CUSTOMERS.sk.email, CUSTOMERS.cs.email, CUSTOMERS.pl.email].sort(), `the dry run would mail ${wouldMail}`);
		const wouldWrite = dry.items('Update the shop order status').map((i) => i.json.dryRun && i.json.dryRun.wouldWrite[0] && i.json.dryRun.wouldWrite[0].method);
		assert.ok(wouldWrite.length >= 2 && wouldWrite.every((m) => m === 'POST'), `the dry run shows no shop writes: ${JSON.stringify(wouldWrite)}`);
		assert.equal(woo.requests.filter((r) => r.method !== 'GET').length, shopWritesBefore, 'the dry run wrote to the shop');
		assert.equal(woo.orders.get(1001).status, 'processing', 'the dry run completed shop order 1001');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		assert.equal(mails.length, 0, `the dry run mailed: ${mails.map((m) => m.subject).join('; ')}`);
		await setSettings({ dryRun: false });

		const run = await execute();
		assert.ok(run.ran('Mail the customer'), 'Mail the customer did not run');

		assert.equal(woo.orders.get(1001).status, 'completed', 'shop order 1001 not completed');
		assert.equal(woo.orders.get(1002).status, 'cancelled', 'shop order 1002 not cancelled');
		const beans = woo.orders.get(1003).line_items.find((l) => l.sku === 'BEANS-1KG');
		assert.equal(beans && beans.quantity, 3, 'the POHODA line edit did not reach shop order 1003');
		assert.equal(woo.orders.get(1004).status, 'on-hold', 'untouched order 1004 changed');

		await systems.mail.waitFor(3);
		// Each mail is the event's own (subject), names the order, and the edit mail lists the changed line.
		assertMail(mails, { to: CUSTOMERS.sk.email, lang: 'sk', includes: [`Objednávka ${sk.numberOrder} je vybavená`] });
		assertMail(mails, { to: CUSTOMERS.cs.email, lang: 'cs', includes: [`Objednávka ${cs.numberOrder} byla zrušena`] });
		const edited = assertMail(mails, { to: CUSTOMERS.pl.email, lang: 'pl', includes: [`Zmiany w zamówieniu ${pl.numberOrder}`] });
		assert.match(edited.html, /<li>[^<]*Espresso beans 1 kg, [^<]*1 → 3<\/li>/, `the edit mail does not list the beans going from 1 to 3: ${edited.html.slice(0, 2000)}`);
		assert.equal(mails.length, 3, `expected 3 mails, got ${mails.length}`);
		assert.ok(!mails.some((m) => [CUSTOMERS.sv.email, CUSTOMERS.ru.email].some((e) => m.envelopeTo.includes(e))), `unchanged order ${sv.number} or the old one was mailed`);

		// Nothing new: nobody is mailed twice (F6).
		await execute();
		assert.equal(mails.length, 3, 'a second run mailed again');
		const packs = await assertPohodaRequestsValid(pohoda);
		return `dry run: 3 mails and the shop writes shown, nothing done; then shop 1001 completed, 1002 cancelled, 1003 line edited; 3 mails (sk, cs, pl), none twice; ${packs} POHODA requests XSD-valid`;
	},
};
