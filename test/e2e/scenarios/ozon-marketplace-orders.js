'use strict';
// Template 4 (seed 002: F15–F21). Automatic path: postings whose articles the price list knows are announced to the
// managers, accepted or rejected by stock, shipped or cancelled on Ozon, and the accepted ones become POHODA orders;
// a second run handles nothing twice. Manual path: postings with unknown articles are decided one at a time by a
// manager through the form linked in a mail.
const { minutesAgo, ozonProduct, ozonSeed } = require('../../../demo/seed');
const { assert, assertPohodaRequestsValid, waitUntil } = require('./helpers');

const MANAGERS = 'managers@example.com';
const DECISION_SUBJECT = /^Decision needed: order /;

const automatic = {
	title: 'decided by stock',
	mode: 'execute',
	systems: ['ozon', 'pohoda'],
	async run({ systems, execute }) {
		const { ozon, pohoda } = systems.sims;
		const { mails } = systems.mail;
		ozon.seed([...ozonSeed(), mixedPosting()]);
		const [inStock, outOfStock, mixed] = [...ozonSeed(), mixedPosting()].map((p) => p.posting_number);

		await execute();
		await systems.mail.waitFor(3);
		const toManagers = mails.filter((m) => m.envelopeTo.includes(MANAGERS));
		assert.equal(toManagers.length, 3, `expected one manager mail per posting, got ${toManagers.length}`);
		assert.ok(!toManagers.some((m) => DECISION_SUBJECT.test(m.subject)), 'a posting the price list knows was handed to a manager');
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

		// Partly in stock: the grinder position is cancelled on Ozon, the beans are shipped and only they reach POHODA.
		const cancelledOfMixed = ozon.cancelledProducts.filter((c) => c.posting_number === mixed);
		assert.deepEqual(cancelledOfMixed.map((c) => [c.sku, c.quantity, c.reason_id]), [[2002, 1, 352]], `positions cancelled of ${mixed}: ${JSON.stringify(cancelledOfMixed)}`);
		assert.equal(ozon.postings.get(mixed).status, 'awaiting_deliver', `the in-stock position of ${mixed} was not shipped`);
		const mixedInPohoda = [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === mixed);
		assert.equal(mixedInPohoda.length, 1, `posting ${mixed} is not in POHODA exactly once`);
		assert.deepEqual(mixedInPohoda[0].lines.map((l) => [l.code, l.quantity]), [['BEANS-1KG', 1]], `POHODA order of ${mixed} does not hold only the accepted beans: ${JSON.stringify(mixedInPohoda[0].lines)}`);

		await execute();
		assert.equal(mails.length, 3, 'a second run mailed the managers again');
		assert.equal([...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === inStock).length, 1, 'a second run imported again');
		const packs = await assertPohodaRequestsValid(pohoda);
		return `managers mailed per posting; ${inStock} shipped + POHODA order ${imported[0].number}; ${outOfStock} cancelled (reason 352); ${mixed}: grinder cancelled, beans shipped + POHODA order ${mixedInPohoda[0].number}; nothing twice; ${packs} POHODA requests XSD-valid`;
	},
};

/** A posting the price list knows, partly in stock: beans (in stock) and the grinder (none). */
function mixedPosting() {
	return {
		posting_number: '87654321-0003-1',
		order_number: '87654321-0003',
		in_process_at: new Date(Date.now() - 5 * 60000).toISOString(),
		products: [
			{ sku: 2001, offer_id: 'BEANS-1KG', name: 'Кофе в зёрнах 1 кг', quantity: 1, price: '1890.000000', currency_code: 'RUB' },
			{ sku: 2002, offer_id: 'GRINDER', name: 'Ручная кофемолка', quantity: 1, price: '7900.000000', currency_code: 'RUB' },
		],
	};
}

/** Two postings whose articles the template's price list does not know: a manager has to decide them. */
function unknownArticlePostings() {
	return [
		{
			posting_number: '87654321-0101-1',
			order_number: '87654321-0101',
			in_process_at: minutesAgo(15),
			products: [ozonProduct(2101, 'SAMOVAR-5L', 'Самовар электрический 5 л', 1, '12900.000000')],
		},
		{
			posting_number: '87654321-0102-1',
			order_number: '87654321-0102',
			in_process_at: minutesAgo(5),
			products: [ozonProduct(2102, 'TEAPOT-GLASS', 'Стеклянный заварочный чайник', 2, '1590.000000')],
		},
	];
}

/** The form link of a decision mail, as a manager's mail client shows it: the button's target, also in the text part. */
function formLinkOf(mail) {
	const button = /<a href="([^"]+)"[^>]*>Accept or reject the order<\/a>/.exec(mail.html);
	assert.ok(button, `decision mail "${mail.subject}" has no "Accept or reject the order" button`);
	const link = button[1].replace(/&amp;/g, '&');
	assert.ok(mail.text.includes(link), `the text part of "${mail.subject}" lacks the form link ${link}`);
	return link;
}

/** Opens the form as the manager's browser would and answers it; returns which of `postings` the form was about. */
async function answerForm(link, decision, postings) {
	const page = await fetch(link);
	const body = await page.text();
	assert.equal(page.status, 200, `form page ${link}: HTTP ${page.status} ${body.slice(0, 300)}`);
	const about = postings.filter((p) => body.includes(p));
	assert.equal(about.length, 1, `the form should name exactly one posting of ${postings.join(', ')}, names ${about.join(', ') || 'none'}`);
	assert.ok(body.includes('field-0'), 'the form has no Decision field (field-0)');
	// n8n's form page posts multipart/form-data to its own address (2.x keeps the signature in the query).
	const form = new FormData();
	form.append('field-0', decision);
	const answer = await fetch(link, { method: 'POST', body: form });
	assert.ok(answer.ok, `submitting "${decision}" to ${link}: HTTP ${answer.status} ${(await answer.text()).slice(0, 300)}`);
	return about[0];
}

const byManager = {
	title: 'a manager decides through the mailed form',
	mode: 'server',
	systems: ['ozon', 'pohoda'],
	async run({ systems, n8n, workflow, install }) {
		const { ozon, pohoda } = systems.sims;
		const { mails } = systems.mail;
		ozon.seed(unknownArticlePostings());
		const postings = unknownArticlePostings().map((p) => p.posting_number);
		const decisionMails = () => mails.filter((m) => m.envelopeTo.includes(MANAGERS) && DECISION_SUBJECT.test(m.subject));

		const executionId = await n8n.runManually(workflow.id, 'Run once now');
		const waiting = await n8n.waitForExecution(executionId);
		assert.equal(waiting.status, 'waiting', `execution ${executionId} is ${waiting.status}, not waiting for the manager`);
		await waitUntil(() => decisionMails().length >= 1, 'no decision mail reached the managers');
		assert.equal(decisionMails().length, 1, 'the managers were asked about more than one posting at once');
		const firstLink = formLinkOf(decisionMails()[0]);
		// 2.x signs its form links: the mail must carry the whole link, signature included.
		if (install.key === '2') assert.match(firstLink, /[?&]signature=[0-9a-f]+/, `the mailed form link ${firstLink} lacks its signature`);
		const accepted = await answerForm(firstLink, 'Accept', postings);
		assert.ok(decisionMails()[0].subject.includes(accepted.replace(/-1$/, '')), `the first mail is not about ${accepted}`);

		// The loop asks again for the other posting, in a new mail with its own form.
		await waitUntil(() => decisionMails().length >= 2, () => `no second decision mail; mails: ${JSON.stringify(mails.map((m) => m.subject))}`);
		assert.equal((await n8n.waitForExecution(executionId)).status, 'waiting', 'the execution does not wait for the second decision');
		const rejected = await answerForm(formLinkOf(decisionMails()[1]), 'Reject', postings.filter((p) => p !== accepted));

		const done = await n8n.waitForExecution(executionId, { statuses: ['success', 'error', 'crashed', 'canceled'] });
		assert.equal(done.status, 'success', `execution ${executionId} ended ${done.status}`);
		assert.equal(decisionMails().length, 2, 'expected exactly one decision mail per posting');
		assert.equal(mails.filter((m) => m.envelopeTo.includes(MANAGERS)).length, 2, 'postings a manager decides got the automatic path\'s mail too');

		assert.equal(ozon.postings.get(accepted).status, 'awaiting_deliver', `accepted posting ${accepted} not shipped`);
		const imported = [...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === accepted);
		assert.equal(imported.length, 1, `accepted posting ${accepted} is not in POHODA exactly once`);
		assert.equal(ozon.postings.get(rejected).status, 'cancelled', `rejected posting ${rejected} not cancelled`);
		const { cancellation } = ozon.postings.get(rejected);
		assert.equal(cancellation.cancel_reason_id, 352, `posting ${rejected} cancelled with reason ${cancellation.cancel_reason_id}, not 352`);
		assert.equal([...pohoda.orders.values()].filter((o) => o.extId && o.extId.ids === rejected).length, 0, `rejected posting ${rejected} reached POHODA`);
		const packs = await assertPohodaRequestsValid(pohoda);
		return `one form per posting, link taken from the mail; ${accepted} accepted → shipped + POHODA order ${imported[0].number}; ${rejected} rejected → cancelled (352); execution ${executionId} success; ${packs} POHODA requests XSD-valid`;
	},
};

module.exports = [automatic, byManager];
