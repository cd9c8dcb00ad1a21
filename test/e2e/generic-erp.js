'use strict';
// A stand-in for an ERP without a public API (Enova365 / Comarch Optima): the rows a Microsoft SQL query or the
// on-premise WebAPI would return (id, shopOrderId, status, updatedAt, createdAt, email), served as JSON at the address
// set in template 6's "ERP settings" node; PUT /orders/<ERP id or shop order id> sets a row's status and is kept in
// `state.writes` (the shop → ERP direction).
const http = require('node:http');

const PORT = 8095;

/**
 * @param {{port?: number, rows?: object[], now?: () => string, written?: (body: object) => object, noun?: string}} [options]
 * `now` stamps `updatedAt` as the ERP gives it, `written` picks what a PUT may change (the status alone by default).
 */
async function startGenericErp({ port = PORT, rows = [], now = () => new Date().toISOString(), written = ({ status }) => ({ status }), noun = 'order' } = {}) {
	const state = { rows: rows.map((r) => ({ ...r })), writes: [] };
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const match = /^\/orders\/([^/]+)$/.exec(req.url);
			if (req.method === 'GET' && req.url === '/orders') return send(res, 200, state.rows);
			if (req.method === 'PUT' && match) {
				const key = decodeURIComponent(match[1]);
				const row = state.rows.find((r) => String(r.id) === key || String(r.shopOrderId) === key);
				if (!row) return send(res, 404, { error: `no ${noun} ${key}` });
				const change = written(JSON.parse(body || '{}'));
				state.writes.push({ id: row.id, ...change });
				Object.assign(row, change, { updatedAt: now() });
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
		/** Changes a row as the ERP's users would. */
		set(id, change) {
			Object.assign(state.rows.find((r) => r.id === id), change, { updatedAt: now() });
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

module.exports = { startGenericErp, PORT };
