'use strict';
// A stand-in for enova365's WebAPI as the enova365 ⇄ IdoSell template reads it: order documents (ZO) at GET /orders
// with the "Potwierdzenie" field and local times; PUT /orders/<ZO or shop order> sets the fields sent (the template
// sends the status field named in its "Sync settings") and is kept in `state.writes`.
const http = require('node:http');

const PORT = 8096;
const ZONE = 'Europe/Warsaw';
/** "YYYY-MM-DD HH:mm:ss" in Warsaw, days ago: a local time as enova365 gives it. */
const localDaysAgo = (days) => new Date(Date.now() - days * 86400000).toLocaleString('sv-SE', { timeZone: ZONE });

/** @param {{port?: number, rows?: object[]}} [options] */
async function startEnova365({ port = PORT, rows = [] } = {}) {
	const state = { rows: rows.map((r) => ({ ...r })), writes: [] };
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const match = /^\/orders\/([^/]+)$/.exec(req.url);
			if (req.method === 'GET' && req.url === '/orders') return send(res, 200, state.rows);
			if (req.method === 'PUT' && match) {
				const key = decodeURIComponent(match[1]);
				const row = state.rows.find((r) => r.id === key || r.shopOrderId === key);
				if (!row) return send(res, 404, { error: `no ZO ${key}` });
				const change = JSON.parse(body || '{}');
				state.writes.push({ id: row.id, ...change });
				Object.assign(row, change, { updatedAt: localDaysAgo(0) });
				return send(res, 200, row);
			}
			send(res, 404, { error: 'not found' });
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${port}`,
		state,
		/** Changes a row as enova365's users would. */
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

function send(res, status, json) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(json));
}

module.exports = { startEnova365, localDaysAgo, PORT, ZONE };
