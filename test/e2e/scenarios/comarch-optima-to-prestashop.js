'use strict';
// Comarch Optima → PrestaShop (`n8n execute`). The template reads Optima with n8n's Microsoft SQL node; here the two
// SQL nodes are swapped for HTTP Request nodes reading and writing the same rows from a stand-in on the template's
// address (as the generic ERP template is fed), and the workflow is imported again under its id. The rest runs as it
// ships, against the PrestaShop simulator: order imported → state + one mail (PrestaShop mails nothing itself),
// realised → state + one mail with the sales document PDF, nothing twice; a state without a row stops the run.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { assert, assertMail } = require('./helpers');

const ZONE = 'Europe/Warsaw'; // the template's time zone
const localDaysAgo = (days) => new Date(Date.now() - days * 86400000).toLocaleString('sv-SE', { timeZone: ZONE });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const CZECH = 'jiri.dvorak@example.cz'; // the simulator's order 2, customer language cs

/** Optima's rows over HTTP on the template's documents address (port 8095), its sales document PDFs, status writes. */
async function startOptima(rows) {
	const state = { rows: rows.map((r) => ({ ...r })), writes: [], pdfs: [] };
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const json = (status, value) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			const document = /^\/documents\/(.+)\.pdf$/.exec(req.url);
			if (req.method === 'GET' && req.url === '/orders') return json(200, state.rows);
			if (req.method === 'GET' && document) {
				state.pdfs.push(decodeURIComponent(document[1]));
				res.writeHead(200, { 'content-type': 'application/pdf' });
				return res.end(PDF);
			}
			const write = /^\/orders\/([^/]+)$/.exec(req.url);
			if (req.method === 'PUT' && write) {
				const row = state.rows.find((r) => String(r.shopOrderId) === decodeURIComponent(write[1]));
				if (!row) return json(404, { error: 'no such order' });
				const { status } = JSON.parse(body || '{}');
				state.writes.push({ id: row.id, status });
				Object.assign(row, { status, updatedAt: localDaysAgo(0) });
				return json(200, row);
			}
			json(404, { error: 'not found' });
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(8095, '127.0.0.1', resolve);
	});
	return {
		state,
		set(id, change) {
			Object.assign(state.rows.find((r) => r.id === id), change, { updatedAt: localDaysAgo(0) });
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

/** The template with its Microsoft SQL nodes read and written over HTTP instead, imported again under its id. */
async function feedOverHttp(n8n, workflow) {
	const json = JSON.parse(JSON.stringify(workflow.template.json));
	for (const node of json.nodes) {
		if (node.name === 'Read Optima orders') {
			Object.assign(node, { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters: { url: 'http://127.0.0.1:8095/orders', options: {} } });
			delete node.credentials;
		}
		if (node.name === 'Write status to Optima') {
			Object.assign(node, {
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'PUT',
					url: '=http://127.0.0.1:8095/orders/{{ encodeURIComponent($json.order.externalIds.prestashop ?? $json.order.id) }}',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ status: $json.status.to }) }}',
					options: {},
				},
			});
			delete node.credentials;
		}
	}
	const file = path.join(n8n.userFolder, 'optima-over-http.json');
	fs.writeFileSync(file, JSON.stringify({ ...json, id: workflow.id }));
	await n8n.mustCli(['import:workflow', `--input=${file}`]);
}

module.exports = {
	title: 'Optima → PrestaShop (n8n execute)',
	mode: 'execute',
	systems: ['prestashop', 'mail'],
	async run({ systems, n8n, workflow, execute }) {
		await feedOverHttp(n8n, workflow);
		const shop = systems.sims.prestashop;
		const row = { id: 'ZK/7/2026', shopOrderId: '2', email: CZECH, language: 'cs', createdAt: localDaysAgo(2) };
		const optima = await startOptima([{ ...row, status: 'Przyjęte', updatedAt: localDaysAgo(1) }]);
		try {
			// Imported in Optima: PrestaShop order 2 becomes "Processing in progress" (3); Notify Customer mails once in Czech.
			await execute();
			assert.equal(shop.db.orders.get('2').current_state, '3', `PrestaShop order 2 is in state ${shop.db.orders.get('2').current_state}, not 3`);
			assertMail(await systems.mail.waitFor(1), { to: CZECH, lang: 'cs', includes: [row.shopOrderId] });
			assert.deepEqual(shop.mails, [], `PrestaShop mailed the customer itself: ${JSON.stringify(shop.mails)}`);
			assert.ok(shop.requests.every((r) => r.method !== 'PUT' || !r.path.startsWith('orders')), 'an order was PUT (it would wipe fields and mail)');

			// Nothing changed: a second run writes and mails nothing.
			const historyBefore = shop.history('2').length;
			await execute();
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal(shop.history('2').length, historyBefore, 'a second run added a history row');
			assert.equal(systems.mail.mails.length, 1, 'a second run mailed again');

			// Realised in Optima (a sales document): state "Shipped" (4), one mail with that document's PDF.
			systems.mail.clear();
			optima.set(row.id, { status: 'Zrealizowane', salesDocument: 'FS/15/2026' });
			await execute();
			assert.equal(shop.db.orders.get('2').current_state, '4', `PrestaShop order 2 is in state ${shop.db.orders.get('2').current_state}, not 4`);
			assertMail(await systems.mail.waitFor(1), { to: CZECH, lang: 'cs', includes: [row.shopOrderId], attachmentType: 'application/pdf' });
			assert.deepEqual(optima.state.pdfs, ['FS/15/2026'], `the sales document PDF was fetched ${JSON.stringify(optima.state.pdfs)}`);
			assert.deepEqual(shop.mails, [], 'PrestaShop mailed the customer itself');

			// A new custom state in the shop without a row stops the next run, naming it, before anything is written.
			systems.mail.clear();
			const pickup = shop.addState({ 1: 'Awaiting pickup', 2: 'Čaká na vyzdvihnutie', 3: 'Čeká na vyzvednutí' });
			optima.set(row.id, { status: 'Anulowane' });
			const failure = await execute().then(
				() => null,
				(error) => error.message,
			);
			assert.ok(failure && (failure.includes(pickup) || failure.includes('Awaiting pickup')), `an unmapped PrestaShop state did not stop the run: ${failure}`);
			assert.equal(shop.db.orders.get('2').current_state, '4', 'the run with an incomplete mapping changed the shop');
			assert.equal(systems.mail.mails.length, 0, 'the run with an incomplete mapping mailed');
			return 'Optima rows (Microsoft SQL swapped for HTTP) → PrestaShop: imported → state 3 + one Czech mail, realised → state 4 + one mail with the sales document PDF, nothing twice, PrestaShop mailed nothing itself and no order was PUT; an unmapped live state stops the run';
		} finally {
			await optima.close();
		}
	},
};
