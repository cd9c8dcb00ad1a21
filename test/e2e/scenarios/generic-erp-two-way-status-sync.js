'use strict';
// Template 6 (seed 004: F28–F30), ERP → shop direction run for real: ERP rows (as an Enova365 WebAPI or an Optima SQL
// query returns them) are diffed by the generic ERP input, mapped and written to the shop; a status without a row
// stops the run naming it. The shop → ERP branch (webhook) is imported and opened in the editor, not run here.
const { wooSeed } = require('../../../demo/seed');
const { startGenericErp } = require('../generic-erp');
const { assert } = require('./helpers');

const old = new Date(Date.now() - 86400000).toISOString();

module.exports = {
	mode: 'execute',
	systems: ['woocommerce'],
	async run({ systems, execute }) {
		const { woocommerce: woo } = systems.sims;
		const seed = wooSeed();
		woo.seed(seed.orders.filter((o) => [1001, 1002].includes(o.id)), seed.products);
		const erp = await startGenericErp({
			rows: [
				{ id: 'ZO/2026/1', shopOrderId: '1001', status: 'Potwierdzony', updatedAt: old, email: 'zuzana.kovacova@example.sk' },
				{ id: 'ZO/2026/2', shopOrderId: '1002', status: 'Potwierdzony', updatedAt: old, email: 'jiri.dvorak@example.cz' },
			],
		});
		try {
			await execute();
			assert.equal(woo.orders.get(1001).status, 'processing');

			erp.set('ZO/2026/1', { status: 'Zrealizowany' });
			erp.set('ZO/2026/2', { status: 'Anulowany' });
			await execute();
			assert.equal(woo.orders.get(1001).status, 'completed', `shop order 1001 is ${woo.orders.get(1001).status}, not completed`);
			assert.equal(woo.orders.get(1002).status, 'cancelled', `shop order 1002 is ${woo.orders.get(1002).status}, not cancelled`);

			// A status nobody mapped stops the run and names it (F30).
			erp.set('ZO/2026/1', { status: 'Wstrzymany' });
			const failure = await execute().then(
				() => null,
				(error) => error.message,
			);
			assert.ok(failure && failure.includes('Wstrzymany'), `an unmapped ERP status did not stop the run naming it: ${failure}`);
			assert.equal(woo.orders.get(1001).status, 'completed', 'an unmapped status changed the shop');
			return 'ERP Zrealizowany/Anulowany → shop completed/cancelled; unmapped "Wstrzymany" stops the run naming it';
		} finally {
			await erp.close();
		}
	},
};
