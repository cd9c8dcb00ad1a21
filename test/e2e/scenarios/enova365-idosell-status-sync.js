'use strict';
// Template "enova365 ⇄ IdoSell status sync" (issue 16), both directions run for real against the IdoSell simulator.
// enova365 → IdoSell (`n8n execute`): ZO rows as enova365's WebAPI returns them (the "Potwierdzenie" field, local
// times in the workflow's zone, the sales document once realised) are diffed, checked for a complete mapping against
// IdoSell's live status list, scoped, written to IdoSell with its own mail and SMS off, and mailed once by Notify Customer.
// IdoSell → enova365 (activated): panel changes reach enova365 through the polling trigger once each; the enova365
// side run by hand drops the echoes of those writes, and the trigger drops the echo of its own IdoSell write.
const { CUSTOMERS } = require('../../../demo/seed');
const { startEnova365: startEnova, localDaysAgo } = require('../enova365');
const { assert, assertMail, waitUntil, waitForIdle } = require('./helpers');

/** A ZO row as enova365's WebAPI returns it. */
const zo = (id, shopOrderId, status, language, extra = {}) => ({
	id,
	shopOrderId,
	Potwierdzenie: status,
	DokumentHandlowy: '',
	email: CUSTOMERS[language].email,
	language,
	country: CUSTOMERS[language].country,
	createdAt: localDaysAgo(2),
	updatedAt: localDaysAgo(1),
	...extra,
});

const client = (customer) => ({
	email: customer.email,
	firstName: customer.first_name,
	lastName: customer.last_name,
	phone: customer.phone,
	countryId: customer.country,
	city: customer.city,
	street: customer.address_1,
	zipCode: customer.postcode,
});
const puts = (ido) => ido.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/orders/orders'));
const statusReads = (ido) => ido.requests.filter((r) => r.path.endsWith('/orders/statuses')).length;
const sentSettings = (ido) => puts(ido).flatMap((r) => r.body.params.orders.map((o) => o.settings));

/** IdoSell again on the same address and key (the credential stays valid), with or without a status of its own. */
async function restartIdoSell(systems, customStatuses) {
	const old = systems.sims.idosell;
	await old.close();
	const ido = await systems.modules.idosell.startIdoSellSimulator({ port: Number(new URL(old.url).port), apiKey: old.apiKey, customStatuses });
	systems.sims.idosell = ido;
	return ido;
}

const executeScenario = {
	title: 'enova365 → IdoSell (n8n execute)',
	mode: 'execute',
	systems: ['idosell', 'mail'],
	async run({ systems, execute }) {
		let ido = systems.sims.idosell;
		const seedShop = (statuses) => {
			for (const [serial, status] of Object.entries(statuses)) ido.addOrder({ orderSerialNumber: Number(serial), orderStatus: status, client: client(CUSTOMERS.pl) });
		};
		seedShop({ 3001: 'new', 3002: 'new', 3003: 'new' });
		const recent = zo('ZO/2026/1', '3001', 'Potwierdzony', 'pl');
		const old = zo('ZO/2025/7', '3002', 'Potwierdzony', 'cs', { createdAt: localDaysAgo(400) });
		const realised = zo('ZO/2026/3', '3003', 'Potwierdzony', 'sk', { DokumentHandlowy: 'FV/2026/3' });
		const enova = await startEnova({ rows: [recent, old, realised] });
		try {
			// Confirmed in enova365: IdoSell 3001 in progress, one confirmation mail from us and none from IdoSell; the
			// order created 400 days ago and the realised one (a sales document) are out of scope.
			await execute();
			assert.ok(statusReads(ido) >= 1, "the completeness check did not read IdoSell's live status list");
			assert.equal(ido.orders.get(3001).orderStatus, 'on_order', `IdoSell 3001 is ${ido.orders.get(3001).orderStatus}, not on_order`);
			assert.equal(ido.orders.get(3002).orderStatus, 'new', 'the order created 400 days ago was synced');
			assert.equal(ido.orders.get(3003).orderStatus, 'new', 'the realised order (sales document FV/2026/3) was synced');
			assertMail(await systems.mail.waitFor(1), { to: CUSTOMERS.pl.email, lang: 'pl', includes: ['3001'] });
			assert.deepEqual(ido.mails, [], `IdoSell mailed or texted the customer itself: ${JSON.stringify(ido.mails)}`);
			assert.ok(sentSettings(ido).every((s) => s.dontSendMail === 'y' && s.dontSendSMS === 'y'), `IdoSell's own mail was not turned off: ${JSON.stringify(sentSettings(ido))}`);

			// Nothing changed: a second run writes and mails nothing.
			const writesBefore = puts(ido).length;
			await execute();
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(puts(ido).length, writesBefore, 'a run without enova365 changes wrote to IdoSell');
			assert.equal(systems.mail.mails.length, 1, 'a run without enova365 changes mailed');

			// Accepted (no mail), then cancelled (one mail): each event once.
			enova.set(recent.id, { Potwierdzenie: 'Zaakceptowany' });
			await execute();
			assert.equal(ido.orders.get(3001).orderStatus, 'packed', `IdoSell 3001 is ${ido.orders.get(3001).orderStatus}, not packed`);
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(systems.mail.mails.length, 1, 'Zaakceptowany (no mail in the preset) mailed the customer');
			systems.mail.clear();
			enova.set(recent.id, { Potwierdzenie: 'Anulowany' });
			await execute();
			assert.equal(ido.orders.get(3001).orderStatus, 'canceled', `IdoSell 3001 is ${ido.orders.get(3001).orderStatus}, not canceled`);
			assertMail(await systems.mail.waitFor(1), { to: CUSTOMERS.pl.email, lang: 'pl', includes: ['3001'] });
			await execute();
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(systems.mail.mails.length, 1, 'the cancellation was mailed twice');
			assert.deepEqual(ido.mails, [], `IdoSell mailed or texted the customer itself: ${JSON.stringify(ido.mails)}`);

			// The shop gains a status of its own that no row maps: the run stops naming it before writing or mailing.
			ido = await restartIdoSell(systems, [{ id: 101, panelName: 'Czeka na kuriera', parent: 'packed' }]);
			seedShop({ 3001: 'canceled', 3002: 'new', 3003: 'new' });
			enova.set(recent.id, { Potwierdzenie: 'Zrealizowany' });
			systems.mail.clear();
			const failure = await execute().then(
				() => null,
				(error) => error.message,
			);
			assert.ok(failure && failure.includes('Czeka na kuriera'), `an IdoSell status without a row did not stop the run naming it: ${failure}`);
			assert.equal(puts(ido).length, 0, 'the run with an incomplete mapping wrote to IdoSell');
			assert.equal(systems.mail.mails.length, 0, 'the run with an incomplete mapping mailed');

			// The merchant removes that status again: the next run carries the stopped change (no change lost), once.
			ido = await restartIdoSell(systems, []);
			seedShop({ 3001: 'canceled', 3002: 'new', 3003: 'new' });
			await execute();
			assert.equal(ido.orders.get(3001).orderStatus, 'finished', `the stopped change did not reach IdoSell after the fix: 3001 is ${ido.orders.get(3001).orderStatus}`);
			assertMail(await systems.mail.waitFor(1), { to: CUSTOMERS.pl.email, lang: 'pl', includes: ['3001'] });
			await execute();
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(systems.mail.mails.length, 1, 'the carried change was mailed twice');
			assert.deepEqual(ido.mails, [], `IdoSell mailed or texted the customer itself: ${JSON.stringify(ido.mails)}`);
			return 'mapping checked against IdoSell\'s live statuses each run; Potwierdzony → on_order + one confirmation mail (Polish), IdoSell\'s own mail and SMS off (dontSendMail/dontSendSMS "y"); out of scope: created 400 days ago, realised (FV/2026/3); Zaakceptowany → packed silently; Anulowany → canceled + one mail, nothing twice; IdoSell\'s own unmapped status 101 "Czeka na kuriera" (under packed) stops the run naming it, nothing written or mailed; once it is gone the next run carries the stopped change (finished, one mail)';
		} finally {
			await enova.close();
		}
	},
};

/** Executions of the workflow the running n8n lists. */
async function executionIds(n8n, workflowId) {
	const list = await n8n.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`);
	return (list.data?.results ?? list.data).map((e) => String(e.id));
}

const SCHEDULE_MS = 5 * 60000;
/**
 * "Every 5 minutes" fires once in each minute divisible by five; the scenario runs the enova365 side by hand only, so
 * it starts where that minute is at least `needMs` away, waiting one out (and its run) when it is near.
 */
async function clearOfSchedule(n8n, workflowId, needMs) {
	const intoPeriod = Date.now() % SCHEDULE_MS;
	const fireWindowEnd = 65000;
	let waitMs = 0;
	if (intoPeriod < fireWindowEnd) waitMs = fireWindowEnd - intoPeriod;
	else if (SCHEDULE_MS - intoPeriod < needMs) waitMs = SCHEDULE_MS - intoPeriod + fireWindowEnd;
	if (!waitMs) return;
	await new Promise((r) => setTimeout(r, waitMs));
	await waitForIdle(n8n, workflowId, { atLeast: 0 });
}

/** Resolves once the trigger has polled IdoSell for changes after `since` (ms) and n8n is idle again. */
async function pollAfter(ido, n8n, workflowId, since, atLeast) {
	await waitUntil(
		() => ido.requests.some((r) => r.at > since && r.path.endsWith('/orders/orders/search') && r.body?.params?.ordersRange?.ordersDateRange?.ordersDateType === 'modified'),
		'the Shop Trigger did not poll IdoSell',
		150000,
	);
	await waitForIdle(n8n, workflowId, { atLeast });
}

const activatedScenario = {
	title: 'IdoSell → enova365 (activated, polling), then the enova365 side run by hand',
	mode: 'activate',
	systems: ['idosell', 'mail'],
	async run({ systems, n8n, workflow }) {
		// Two polls and a manual run fit into the 3.5 minutes between two scheduled runs.
		await clearOfSchedule(n8n, workflow.id, 210000);
		const ido = systems.sims.idosell;
		const { mails } = systems.mail;
		const twoDaysAgo = localDaysAgo(2);
		// Untouched for two days: the trigger, polling from its start, reports only the panel changes below.
		for (const [serial, status, customer] of [[4001, 'on_order', CUSTOMERS.pl], [4002, 'on_order', CUSTOMERS.cs], [4003, 'new', CUSTOMERS.sk]]) {
			ido.addOrder({ orderSerialNumber: serial, orderStatus: status, orderAddDate: twoDaysAgo, orderChangeDate: twoDaysAgo, client: client(customer) });
		}
		const enova = await startEnova({
			rows: [zo('ZO/2026/4001', '4001', 'Potwierdzony', 'pl'), zo('ZO/2026/4002', '4002', 'Potwierdzony', 'cs'), zo('ZO/2026/4003', '4003', 'Niepotwierdzony', 'sk')],
		});
		try {
			// Staff change two orders in the IdoSell panel: enova365 gets each mapped status once, nobody is mailed by us.
			const changedAt = Date.now();
			ido.setStatusByStaff(4001, 'packed_ready');
			ido.setStatusByStaff(4002, 'canceled');
			await waitUntil(() => enova.state.writes.length >= 2, () => `the panel changes never reached enova365 (writes: ${JSON.stringify(enova.state.writes)})`, 180000);
			await pollAfter(ido, n8n, workflow.id, changedAt, 1);
			assert.deepEqual(
				enova.state.writes.sort((a, b) => a.id.localeCompare(b.id)),
				[
					{ id: 'ZO/2026/4001', Potwierdzenie: 'Zaakceptowany' },
					{ id: 'ZO/2026/4002', Potwierdzenie: 'Anulowany' },
				],
				'enova365 did not receive each mapped status exactly once',
			);
			assert.deepEqual(mails.map((m) => m.envelopeTo), [], 'the IdoSell → enova365 direction mailed a customer');

			// The enova365 side by hand: two rows now hold the statuses IdoSell wrote (echoes), one changed for real.
			enova.set('ZO/2026/4003', { Potwierdzenie: 'Potwierdzony' });
			const before = await executionIds(n8n, workflow.id);
			const manual = await n8n.runManually(workflow.id, 'Run once now');
			const run = await n8n.waitForExecution(manual);
			assert.equal(run.status, 'success', `the manual run ended ${run.status}: ${JSON.stringify(run.data?.resultData?.error ?? run).slice(0, 1500)}`);
			const written = (run.data.resultData.runData['Update IdoSell order']?.[0]?.data?.main?.[0] ?? []).map((i) => String(i.json.order.id));
			assert.deepEqual(written, ['4003'], `the manual run wrote these IdoSell orders (the echoes must be dropped): ${written}`);
			assert.equal(ido.orders.get(4001).orderStatus, 'packed_ready', 'the echo of 4001 was written back to IdoSell');
			assert.equal(ido.orders.get(4003).orderStatus, 'on_order', `IdoSell 4003 is ${ido.orders.get(4003).orderStatus}`);
			assertMail(await systems.mail.waitFor(1), { to: CUSTOMERS.sk.email, lang: 'sk', includes: ['4003'] });

			// Our write moved 4003's change date: the next poll sees it, and the mapper drops it as our own echo.
			const wroteAt = Date.now();
			await pollAfter(ido, n8n, workflow.id, wroteAt + 1000, before.length + 1);
			await new Promise((r) => setTimeout(r, 3000));
			await waitForIdle(n8n, workflow.id, { atLeast: before.length + 1 });
			assert.equal(enova.state.writes.length, 2, `the echo of IdoSell 4003 was written to enova365: ${JSON.stringify(enova.state.writes)}`);
			assert.equal(mails.length, 1, `mails besides the one for 4003: ${JSON.stringify(mails.map((m) => [m.envelopeTo, m.subject]))}`);
			assert.deepEqual(ido.mails, [], `IdoSell mailed or texted the customer itself: ${JSON.stringify(ido.mails)}`);
			return 'panel changes packed_ready/canceled → enova365 Zaakceptowany/Anulowany once each by polling, no mail; the enova365 side by hand drops both echoes and writes 4003 (on_order, one mail in Slovak, IdoSell\'s own off); the next poll drops the echo of that write';
		} finally {
			await enova.close();
		}
	},
};

module.exports = [executeScenario, activatedScenario];
