'use strict';
// Comarch Optima ⇄ BaseLinker, activated. BaseLinker → Optima: orders confirmed after activation are imported into
// Optima once each (read from the journal by the polling Shop Trigger), set to the account's "imported" status and
// mailed; an order confirmed before activation and an unconfirmed one are left alone. Optima → BaseLinker (run by
// hand): a realised order gets its BaseLinker status and the sales document PDF attached, and the customer one mail
// with that PDF; nothing twice; BaseLinker never blocks the token.
const http = require('node:http');
const { CUSTOMERS } = require('../../../demo/seed');
const { assert, assertMail, waitUntil, waitForIdle } = require('./helpers');

const OPTIMA_PORT = 8096;
const IMPORTED = 40021;
const SHIPPED = 40012;
const PDF = Buffer.from('%PDF-1.4\n% sales document FS-7-2026 +/+/\n%%EOF\n');

/** A stand-in for Optima behind the template's HTTP nodes: rows, the import, and the sales document's PDF. */
async function startOptima() {
	const state = { rows: [], imports: [] };
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.method === 'GET' && req.url === '/orders') return send(200, state.rows);
			if (req.method === 'POST' && req.url === '/orders') {
				const order = JSON.parse(body || '{}');
				state.imports.push(order);
				const row = { id: `ZO/2026/${state.rows.length + 1}`, shopOrderId: String(order.shopOrderId), status: 'Potwierdzony', email: order.email, createdAt: order.createdAt, updatedAt: new Date().toISOString(), salesDocument: '' };
				state.rows.push(row);
				return send(201, row);
			}
			const doc = /^\/documents\/([^/]+)$/.exec(req.url);
			if (req.method === 'GET' && doc) {
				res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${decodeURIComponent(doc[1])}.pdf"` });
				return res.end(PDF);
			}
			send(404, { error: 'not found' });
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(OPTIMA_PORT, '127.0.0.1', resolve);
	});
	return {
		state,
		set(shopOrderId, change) {
			Object.assign(state.rows.find((r) => r.shopOrderId === String(shopOrderId)), change, { updatedAt: new Date().toISOString() });
		},
		close: () => new Promise((resolve) => {
			server.closeAllConnections();
			server.close(resolve);
		}),
	};
}

const buyer = (customer) => ({
	email: customer.email,
	phone: customer.phone,
	delivery_fullname: `${customer.first_name} ${customer.last_name}`,
	delivery_address: customer.address_1,
	delivery_city: customer.city,
	delivery_postcode: customer.postcode,
	delivery_country_code: customer.country,
});

module.exports = {
	mode: 'activate',
	systems: ['baselinker', 'mail'],
	async run({ systems, n8n, workflow }) {
		const bl = systems.sims.baselinker;
		const { mails } = systems.mail;
		const optima = await startOptima();
		try {
			const before = bl.addOrder({ ...buyer(CUSTOMERS.pl), date_add: Math.floor(Date.now() / 1000) - 3600 });
			// The trigger's first poll only notes where the journal stands.
			await waitUntil(() => bl.requests.some((r) => r.method === 'getJournalList'), 'the activated Shop Trigger never read the BaseLinker journal', 150000);
			await new Promise((r) => setTimeout(r, 3000));
			const first = bl.addOrder({ ...buyer(CUSTOMERS.pl), order_source: 'allegro', external_order_id: '7777000111' });
			const second = bl.addOrder({ ...buyer(CUSTOMERS.pl), email: 'jan.nowak@example.pl' });
			const draft = bl.addOrder({ ...buyer(CUSTOMERS.pl), email: 'draft@example.pl', confirmed: false });
			await waitUntil(() => optima.state.imports.length >= 2, () => `Optima got ${optima.state.imports.length} imports, not 2`, 150000);
			await waitUntil(() => [first, second].every((o) => bl.orders.get(o.order_id).order_status_id === IMPORTED), 'the imported orders did not get the "imported" status', 60000);
			await waitForIdle(n8n, workflow.id, { atLeast: 1 });
			await systems.mail.waitFor(2);
			const imported = optima.state.imports.map((i) => String(i.shopOrderId)).sort();
			assert.deepEqual(imported, [String(first.order_id), String(second.order_id)].sort(), `imported into Optima: ${imported}`);
			assert.notEqual(bl.orders.get(before.order_id).order_status_id, IMPORTED, 'an order from before activation was imported');
			assert.notEqual(bl.orders.get(draft.order_id).order_status_id, IMPORTED, 'an unconfirmed order was imported');
			assertMail(mails, { to: CUSTOMERS.pl.email, lang: 'pl', includes: [String(first.order_id)] });
			assertMail(mails, { to: 'jan.nowak@example.pl', lang: 'pl', includes: [String(second.order_id)] });

			const runOptimaSide = async () => {
				const run = await n8n.waitForExecution(await n8n.runManually(workflow.id, 'Run once now'));
				const error = run.data?.resultData?.error;
				const said = error ? `${error.node?.name ?? run.data.resultData.lastNodeExecuted}: ${error.message} ${error.description ?? ''}` : `last node ${run.data?.resultData?.lastNodeExecuted}`;
				assert.equal(run.status, 'success', `the Optima run ended ${run.status}: ${said}`);
				return run;
			};
			// The first Optima run sees the imported rows as they are: nothing to write, nobody to mail.
			mails.length = 0;
			await runOptimaSide();
			assert.deepEqual([first, second].map((o) => bl.orders.get(o.order_id).order_status_id), [IMPORTED, IMPORTED], 'the first Optima run moved a BaseLinker order');
			assert.equal(bl.invoices.length, 0, 'the first Optima run attached a document');

			// Realised in Optima: BaseLinker "shipped" + the sales document attached + one mail with the PDF.
			optima.set(first.order_id, { status: 'Zrealizowany', salesDocument: 'FS-7-2026' });
			for (let round = 0; round < 2; round++) await runOptimaSide();
			assert.equal(bl.orders.get(first.order_id).order_status_id, SHIPPED, `BaseLinker order ${first.order_id} is in status ${bl.orders.get(first.order_id).order_status_id}`);
			assert.equal(bl.orders.get(second.order_id).order_status_id, IMPORTED, 'the order Optima did not change moved');
			const invoice = bl.invoices.find((i) => i.order_id === first.order_id);
			assert.ok(invoice?.file?.equals(PDF), 'the sales document PDF did not reach BaseLinker intact');
			assert.equal(invoice.external_invoice_number, 'FS-7-2026');
			await systems.mail.waitFor(1);
			await new Promise((r) => setTimeout(r, 1000));
			assertMail(mails, { to: CUSTOMERS.pl.email, lang: 'pl', attachmentType: 'application/pdf' });
			assert.equal(mails.length, 1, `mails after the realised order: ${JSON.stringify(mails.map((m) => [m.envelopeTo, m.subject]))}`);
			const blocked = bl.requests.filter((r) => r.errorCode === 'ERROR_BLOCKED_TOKEN').length;
			assert.equal(blocked, 0, 'BaseLinker blocked the token');
			assert.equal(bl.mails.length, 0, 'BaseLinker mailed a customer itself');
			return `2 orders confirmed after activation imported into Optima once each, set to "imported" in BaseLinker and mailed (pl); the order from before activation and the unconfirmed one left alone; realised in Optima → BaseLinker shipped + sales document FS-7-2026 attached (PDF intact) + one mail with the PDF, nothing twice over two runs; ${bl.requests.length} BaseLinker requests, 0 blocked`;
		} finally {
			await optima.close();
		}
	},
};
