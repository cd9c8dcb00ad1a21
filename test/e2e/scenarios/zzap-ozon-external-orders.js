'use strict';
// Template 7 (issue 18: ZZAP, F16, F17, F19, F20, F21). Automatic path over the ZZAP, Ozon and POHODA simulators:
// each new order is announced to the managers once, decided per position against the price list, the accepted
// positions become a POHODA order whose customer is matched in the address book (or created) and whose items carry
// the bound offer, and then every position's status goes back (ZZAP: per position with the buyer's reply). Manual
// path: an order with an unknown article is decided by a manager through the mailed form.
const { assert, assertPohodaRequestsValid, waitUntil } = require('./helpers');

const MANAGERS = 'managers@example.com';
const DECISION_SUBJECT = /^Decision needed: order /;
const minutesAgo = (m) => new Date(Date.now() - m * 60000).toISOString();

/** Three ZZAP buyer orders: partly in stock, fully in stock (a known customer), nothing in stock. */
function seedZzap(zzap) {
	const moscow = (m) => zzap.module.moscowTime(Date.now() - m * 60000);
	const partly = zzap.sim.addOrder(
		[
			{ partnumber: 'W712/95', class_man: 'MANN-FILTER', class_cat: 'Фильтр масляный', qty_order: 2, price: 690 },
			{ partnumber: 'OC90', class_man: 'KNECHT', class_cat: 'Фильтр масляный', qty_order: 1, price: 540 },
		],
		{ create_date: moscow(20), client_email: 'ivanov@example.ru', client_name: 'Sergej Ivanov', client_region: 'Moskovskaja oblast' },
	);
	const known = zzap.sim.addOrder([{ partnumber: '0986494', class_man: 'BOSCH', class_cat: 'Колодки тормозные', qty_order: 1, price: 2400 }], {
		create_date: moscow(15),
		client_email: '',
		client_phone: '+79031112233',
		client_name: 'Petr Petrov',
	});
	const none = zzap.sim.addOrder([{ partnumber: 'OC90', class_man: 'KNECHT', qty_order: 3, price: 540 }], {
		create_date: moscow(10),
		client_email: 'sidorov@example.ru',
		client_name: 'Ivan Sidorov',
	});
	return { partly, known: known[0], none: none[0] };
}

/** An Ozon posting of two positions, one in stock. */
function ozonPosting() {
	return {
		posting_number: '55550001-0001-1',
		order_number: '55550001-0001',
		in_process_at: minutesAgo(12),
		products: [
			{ sku: 1001, offer_id: 'BRK-PAD-01', name: 'Brake pads, front', quantity: 2, price: '2490.000000', currency_code: 'RUB' },
			{ sku: 1002, offer_id: 'OIL-FLT-07', name: 'Oil filter', quantity: 1, price: '690.000000', currency_code: 'RUB' },
		],
	};
}

const automatic = {
	title: 'decided per position, customer matched or created, statuses back',
	mode: 'execute',
	systems: ['zzap', 'ozon', 'pohoda'],
	async run({ systems, execute }) {
		const { zzap, ozon, pohoda } = systems.sims;
		const { mails } = systems.mail;
		const zz = seedZzap({ sim: zzap, module: systems.modules.zzap });
		ozon.seed([ozonPosting()]);
		const [petrov] = pohoda.seedAddresses([{ name: 'Petr Petrov', mobil: '+79031112233', city: 'Moskva' }]);

		await execute();
		await systems.mail.waitFor(4);
		const toManagers = mails.filter((m) => m.envelopeTo.includes(MANAGERS));
		assert.equal(toManagers.length, 4, `expected one manager mail per new order (3 ZZAP + 1 Ozon), got ${toManagers.length}`);
		assert.ok(!toManagers.some((m) => DECISION_SUBJECT.test(m.subject)), 'an order the price list knows was handed to a manager');

		// ZZAP: per-position statuses and the buyer's reply.
		const [w712, oc90] = zz.partly;
		const status = (p) => zzap.positions.get(p.code_order);
		assert.equal(status(w712).code_track, 2, `W712/95 (in stock) is ${status(w712).descr_track}, not "В работе"`);
		assert.equal(status(oc90).code_track, 6, `OC90 (none in stock) is ${status(oc90).descr_track}, not the refusal`);
		assert.equal(status(oc90).response, 'Нет в наличии, извините', `the buyer reads "${status(oc90).response}"`);
		assert.equal(status(zz.known).code_track, 2, 'the fully stocked ZZAP order was not accepted');
		assert.equal(status(zz.none).code_track, 6, 'the ZZAP order with nothing in stock was not refused');

		// POHODA: one order per order with something accepted, only the accepted positions, the bound offer as note.
		const inPohoda = (system, id) => [...pohoda.orders.values()].filter((o) => o.extId && o.extId.exSystemName === system && o.extId.ids === String(id));
		const partlyOrder = inPohoda('zzap', w712.code_order);
		assert.equal(partlyOrder.length, 1, `ZZAP order ${w712.code_order} is not in POHODA exactly once`);
		assert.deepEqual(partlyOrder[0].lines.map((l) => [l.code, l.quantity]), [['W712/95', 2]], `POHODA holds ${JSON.stringify(partlyOrder[0].lines)}`);
		assert.equal(inPohoda('zzap', zz.none.code_order).length, 0, 'an order with nothing accepted reached POHODA');
		const sent = pohoda.requests.map((r) => r.body || '').find((b) => b.includes('<ord:order ') && b.includes('W712/95'));
		assert.ok(sent && sent.includes('<ord:note>Dodavatel: Склад Москва; nákupní cena: 410; dodání: 1 dní</ord:note>'), 'the bound offer is not the item note');

		// F19: Ivanov created (by e-mail), Petrov matched by phone, the Ozon buyer (Ozon itself) created by name.
		const ivanov = [...pohoda.addressBook.values()].find((a) => a.email === 'ivanov@example.ru');
		assert.ok(ivanov, 'the new ZZAP customer was not added to the address book');
		assert.equal(partlyOrder[0].partner.addressId, ivanov.id, 'the order does not reference the new address');
		assert.equal(inPohoda('zzap', zz.known.code_order)[0]?.partner.addressId, petrov.id, 'the known customer was not matched by phone');
		assert.equal([...pohoda.addressBook.values()].filter((a) => a.name === 'Petr Petrov').length, 1, 'the known customer was created again');
		assert.equal(ivanov.region, undefined, 'the region was written although Update Customer Region is off');

		// Ozon: the short position cancelled, the rest shipped, and only the shipped one in POHODA.
		const posting = ozonPosting().posting_number;
		assert.deepEqual(ozon.cancelledProducts.map((c) => [c.sku, c.quantity, c.reason_id]), [[1002, 1, 352]], `cancelled: ${JSON.stringify(ozon.cancelledProducts)}`);
		assert.equal(ozon.postings.get(posting).status, 'awaiting_deliver', 'the Ozon posting was not shipped');
		const ozonOrder = inPohoda('ozon', posting);
		assert.equal(ozonOrder.length, 1, 'the Ozon posting is not in POHODA exactly once');
		assert.ok(ozonOrder[0].partner.addressId, 'the Ozon order references no address');

		// Paced: ZZAP never had to refuse a request for coming too soon.
		const refused = zzap.requests.filter((r) => r.error === 'too many').length;
		assert.equal(refused, 0, `ZZAP refused ${refused} request(s) as too many`);
		const zzapCalls = zzap.requests.length;

		await execute();
		assert.equal(mails.length, 4, 'a second run mailed the managers again');
		assert.equal(inPohoda('zzap', w712.code_order).length, 1, 'a second run imported again');
		assert.equal(zzap.requests.filter((r) => r.name === 'SetOrderStatusV3').length, 4, 'a status was sent twice');
		const packs = await assertPohodaRequestsValid(pohoda);
		return `4 manager mails; ZZAP: ${w712.code_order} W712/95 in work + OC90 refused with reply, ${zz.known.code_order} accepted (customer matched by phone), ${zz.none.code_order} refused; POHODA orders with offer notes and address links; Ozon partly cancelled + shipped; ${zzapCalls} ZZAP calls, none refused; nothing twice; ${packs} POHODA requests XSD-valid`;
	},
};

/** The form link of a decision mail: the button's target, also in the text part. */
function formLinkOf(mail) {
	const button = /<a href="([^"]+)"[^>]*>Accept or reject the order<\/a>/.exec(mail.html);
	assert.ok(button, `decision mail "${mail.subject}" has no "Accept or reject the order" button`);
	return button[1].replace(/&amp;/g, '&');
}

const byManager = {
	title: 'a manager decides an unknown article through the mailed form',
	mode: 'server',
	systems: ['zzap', 'ozon', 'pohoda'],
	async run({ systems, n8n, workflow }) {
		const { zzap, pohoda } = systems.sims;
		const { mails } = systems.mail;
		const [position] = zzap.addOrder([{ partnumber: 'UNKNOWN-77', class_man: 'NoName', qty_order: 1, price: 999 }], {
			create_date: systems.modules.zzap.moscowTime(Date.now() - 5 * 60000),
			client_email: 'kuznetsov@example.ru',
			client_name: 'Anna Kuznetsova',
		});
		const decisionMails = () => mails.filter((m) => m.envelopeTo.includes(MANAGERS) && DECISION_SUBJECT.test(m.subject));

		const executionId = await n8n.runManually(workflow.id, 'Run once now');
		// the mail goes out just before the Wait node parks the execution; its form answers only from then on
		const waiting = await n8n.waitForExecution(executionId);
		assert.equal(waiting.status, 'waiting', `execution ${executionId} is ${waiting.status}, not waiting for the manager`);
		await waitUntil(() => decisionMails().length >= 1, 'no decision mail reached the managers');
		const link = formLinkOf(decisionMails()[0]);
		const page = await fetch(link);
		const body = await page.text();
		assert.equal(page.status, 200, `form page: HTTP ${page.status}`);
		assert.ok(body.includes(String(position.code_order)), 'the form does not name the ZZAP order');
		const form = new FormData();
		form.append('field-0', 'Accept');
		const answer = await fetch(link, { method: 'POST', body: form });
		assert.ok(answer.ok, `submitting the form: HTTP ${answer.status}`);

		const done = await n8n.waitForExecution(executionId, { statuses: ['success', 'error', 'crashed', 'canceled'] });
		assert.equal(done.status, 'success', `execution ${executionId} ended ${done.status}`);
		assert.equal(zzap.positions.get(position.code_order).code_track, 2, 'the accepted position is not "В работе" on ZZAP');
		const imported = [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === String(position.code_order));
		assert.equal(imported.length, 1, 'the accepted order is not in POHODA exactly once');
		assert.ok(imported[0].partner.addressId, 'the accepted order references no address');
		return `form answered from the mail; ZZAP ${position.code_order} accepted → "В работе" + POHODA order ${imported[0].number}`;
	},
};

module.exports = [automatic, byManager];
