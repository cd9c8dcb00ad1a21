'use strict';
// Template 6 (seed 004: F28–F30), ERP → shop direction run for real: ERP rows (as an Enova365 WebAPI or an Optima SQL
// query returns them, local times in the workflow's zone) are diffed by the generic ERP input, checked for a complete
// mapping against the store's live status list, scoped to orders created within 30 days, written to the shop and
// mailed. The shop → ERP branch (webhook) is imported and opened in the editor, not run here.
const { wooSeed, CUSTOMERS } = require('../../../demo/seed');
const { startGenericErp } = require('../generic-erp');
const { assert, assertMail } = require('./helpers');

const ZONE = 'Europe/Prague'; // the template's time zone
/** "YYYY-MM-DD HH:mm:ss" in the template's zone, days ago: how Optima's SQL returns a date. */
const localDaysAgo = (days) => new Date(Date.now() - days * 86400000).toLocaleString('sv-SE', { timeZone: ZONE });
const statusReads = (woo) => woo.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/reports/orders/totals')).length;

/** The shop again on the same address (the credential stays valid) with a custom status the template does not map. */
async function shopWithUnmappedStatus(systems) {
	const old = systems.sims.woocommerce;
	await old.close();
	const shop = await systems.modules.woocommerce.startWooSimulator({
		port: Number(new URL(old.url).port),
		consumerKey: old.consumerKey,
		consumerSecret: old.consumerSecret,
		customStatuses: [
			{ slug: 'imported', name: 'Imported' },
			{ slug: 'awaiting-pickup', name: 'Awaiting pickup' },
		],
	});
	// The harness's restart() before the next scenario closes this one and starts the default shop again.
	systems.sims.woocommerce = shop;
	return shop;
}

module.exports = {
	mode: 'execute',
	systems: ['woocommerce', 'mail'],
	async run({ systems, execute }) {
		let woo = systems.sims.woocommerce;
		const seed = wooSeed();
		const shopOrders = seed.orders.filter((o) => [1001, 1002].includes(o.id));
		woo.seed(shopOrders, seed.products);
		const recent = { id: 'ZO/2026/1', shopOrderId: '1001', email: CUSTOMERS.sk.email, createdAt: localDaysAgo(2) };
		const old = { id: 'ZO/2025/7', shopOrderId: '1002', email: CUSTOMERS.cs.email, createdAt: localDaysAgo(400) };
		const erp = await startGenericErp({
			rows: [recent, old].map((row) => ({ ...row, status: 'Niepotwierdzony', updatedAt: localDaysAgo(1) })),
		});
		try {
			// First run: both ERP rows are new and unconfirmed (shop: pending); only the recent order is in scope.
			await execute();
			assert.ok(statusReads(woo) >= 1, 'the completeness check did not read the store\'s live status list');
			assert.equal(woo.orders.get(1001).status, 'pending', `shop order 1001 is ${woo.orders.get(1001).status}, not pending`);
			assert.equal(woo.orders.get(1002).status, 'processing', `shop order 1002 (created 400 days ago) became ${woo.orders.get(1002).status}`);

			// Completed in the ERP: the recent order is completed in the shop and mailed once; the old one is left alone.
			erp.set(recent.id, { status: 'Zrealizowany' });
			erp.set(old.id, { status: 'Zrealizowany' });
			woo.resetRequestCount();
			systems.mail.clear();
			await execute();
			assert.ok(statusReads(woo) >= 1, 'the second run did not check the mapping against the live status list');
			assert.equal(woo.orders.get(1001).status, 'completed', `shop order 1001 is ${woo.orders.get(1001).status}, not completed`);
			assert.equal(woo.orders.get(1002).status, 'processing', `shop order 1002 (created 400 days ago) became ${woo.orders.get(1002).status}`);
			const mails = await systems.mail.waitFor(1);
			assertMail(mails, { to: CUSTOMERS.sk.email, lang: 'pl', includes: [recent.id] });
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(systems.mail.mails.filter((m) => m.envelopeTo.includes(CUSTOMERS.cs.email)).length, 0, 'the order created 400 days ago was mailed');

			// The store gains a status no row maps: the next run stops naming it, before writing or mailing anything (F30).
			woo = await shopWithUnmappedStatus(systems);
			woo.seed(shopOrders.map((o) => ({ ...o, status: o.id === 1001 ? 'completed' : 'processing' })), seed.products);
			woo.resetRequestCount();
			erp.set(recent.id, { status: 'Anulowany' });
			systems.mail.clear();
			const failure = await execute().then(
				() => null,
				(error) => error.message,
			);
			assert.ok(failure && failure.includes('awaiting-pickup'), `a store status without a row did not stop the run naming it: ${failure}`);
			assert.ok(!failure.includes('"imported"'), `the mapped custom status "imported" was reported as unmapped: ${failure}`);
			assert.ok(statusReads(woo) >= 1, 'the failing run did not read the live status list');
			assert.equal(woo.orders.get(1001).status, 'completed', 'the run with an incomplete mapping changed the shop');
			assert.equal(systems.mail.mails.length, 0, 'the run with an incomplete mapping mailed');
			return 'mapping checked against the live store statuses each run; ERP Zrealizowany → shop completed + one mail for the order created 2 days ago, nothing for the one created 400 days ago; the store\'s unmapped "awaiting-pickup" stops the run naming it';
		} finally {
			await erp.close();
		}
	},
};
