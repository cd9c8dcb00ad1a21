'use strict';
// The demo's control page: POHODA received orders with buttons that change them as an accountant would
// (invoice = completed, cancel, edit a line), the shop's orders and statuses, and a button that places a shop order.
const http = require('node:http');
const { CUSTOMERS, PRODUCTS } = require('./seed');

const escapeHtml = (s) =>
	String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function pohodaState(order) {
	if (order.storno) return 'Storno (cancelled)';
	if (order.isExecuted) return `Vyřízeno (completed${order.invoice ? `, invoice ${order.invoice.number}` : ''})`;
	return 'Nevyřízeno (open)';
}

/** The parcel number staff entered on a shop order (the custom field the order desk template ships by). */
const parcelNumber = (order) => order.meta_data?.find((m) => m.key === 'tracking_number')?.value ?? '';

function page({ pohoda, woocommerce, ozon }, links, message) {
	const button = (action, id, label) =>
		`<form method="post" action="/${action}/${id}"><button>${escapeHtml(label)}</button></form>`;
	const pohodaRows = pohoda
		? [...pohoda.orders.values()]
				.map(
					(o) => `<tr><td>${o.id}</td><td>${escapeHtml(o.number)}</td><td>${escapeHtml(o.extId?.ids ?? '')}</td><td>${escapeHtml(o.partner.name)}<br><small>${escapeHtml(o.partner.email)}</small></td>
<td>${o.lines.map((l) => `${escapeHtml(l.quantity)} × ${escapeHtml(l.text)}`).join('<br>')}</td><td>${escapeHtml(pohodaState(o))}</td>
<td class="actions">${o.storno || o.isExecuted ? '' : button('pohoda/invoice', o.id, 'Invoice (completes it)') + button('pohoda/cancel', o.id, 'Cancel (storno)') + button('pohoda/edit', o.id, 'Add 1 to the first line')}</td></tr>`,
				)
				.join('')
		: '';
	const wooRows = woocommerce
		? [...woocommerce.orders.values()]
				.map(
					(o) => `<tr><td>${o.id}</td><td>${escapeHtml(`${o.billing.first_name} ${o.billing.last_name}`)}<br><small>${escapeHtml(o.billing.email)}</small></td>
<td>${o.line_items.map((l) => `${escapeHtml(l.quantity)} × ${escapeHtml(l.name)}`).join('<br>')}</td><td>${escapeHtml(o.total)} ${escapeHtml(o.currency)}</td><td>${escapeHtml(parcelNumber(o))}</td><td><b>${escapeHtml(o.status)}</b></td></tr>`,
				)
				.join('')
		: '';
	const ozonRows = ozon
		? [...ozon.postings.values()]
				.map((p) => `<tr><td>${escapeHtml(p.posting_number)}</td><td>${p.products.map((x) => `${x.quantity} × ${escapeHtml(x.offer_id)}`).join('<br>')}</td><td>${escapeHtml(p.status)}</td></tr>`)
				.join('')
		: '';
	return `<!doctype html><html><head><meta charset="utf-8"><title>Order Sync demo — control</title>
<meta http-equiv="refresh" content="10">
<style>body{font-family:system-ui,sans-serif;margin:2em;background:#f6f6f8}table{border-collapse:collapse;background:#fff;margin-bottom:2em}td,th{border:1px solid #ddd;padding:.4em .6em;vertical-align:top;text-align:left}form{display:inline}.actions button{margin:.1em}.msg{background:#e8f4ea;padding:.6em}</style>
</head><body>
<h1>Order Sync demo</h1>
<p><a href="${escapeHtml(links.n8n)}">n8n editor</a> · <a href="${escapeHtml(links.mail)}">mails sent</a> · refreshes every 10 s</p>
${message ? `<p class="msg">${escapeHtml(message)}</p>` : ''}
<h2>POHODA — received orders</h2>
<table><tr><th>ID</th><th>Number</th><th>Shop order</th><th>Customer</th><th>Lines</th><th>State</th><th></th></tr>${pohodaRows}</table>
<h2>WooCommerce — orders</h2>
${button('woocommerce/new-order', 'random', 'Place a new shop order')}
<table><tr><th>ID</th><th>Customer</th><th>Lines</th><th>Total</th><th>Parcel number</th><th>Status</th></tr>${wooRows}</table>
${ozon ? `<h2>Ozon — postings</h2><table><tr><th>Posting</th><th>Products</th><th>Status</th></tr>${ozonRows}</table>` : ''}
</body></html>`;
}

async function act(systems, action, id) {
	const { pohoda, woocommerce } = systems.sims;
	switch (action) {
		case 'pohoda/invoice':
			return `POHODA order ${id} invoiced (invoice ${pohoda.invoice(id).number}); it is now completed.`;
		case 'pohoda/cancel':
			pohoda.cancel(id);
			return `POHODA order ${id} cancelled.`;
		case 'pohoda/edit': {
			const order = pohoda.orders.get(id);
			pohoda.editLine(id, 0, { quantity: order.lines[0].quantity + 1 });
			return `POHODA order ${id}: first line now ${order.lines[0].quantity} × ${order.lines[0].text}.`;
		}
		case 'woocommerce/new-order': {
			const langs = Object.keys(CUSTOMERS);
			const lang = langs[Math.floor(Math.random() * langs.length)];
			const product = PRODUCTS[Math.floor(Math.random() * PRODUCTS.length)];
			const { order, deliveries } = await woocommerce.createOrder({
				status: 'processing',
				billing: { ...CUSTOMERS[lang] },
				shipping: { ...CUSTOMERS[lang] },
				meta_data: [{ key: 'wpml_language', value: lang }],
				line_items: [{ product_id: product.id, quantity: 1 }],
			});
			const refused = deliveries.filter((d) => d.status !== 200);
			const delivery = !deliveries.length
				? 'no webhook is registered (is the import workflow active?)'
				: refused.length
					? `n8n refused the webhook (HTTP ${refused.map((d) => d.status).join(', ')})`
					: 'the webhook was delivered to n8n';
			return `Shop order ${order.id} placed for ${order.billing.first_name} ${order.billing.last_name}; ${delivery}.`;
		}
		default:
			throw new Error(`unknown action ${action}`);
	}
}

async function startControlPage({ port, systems, links }) {
	const views = { pohoda: systems.sims.pohoda, woocommerce: systems.sims.woocommerce, ozon: systems.sims.ozon };
	let message = '';
	const server = http.createServer((req, res) => {
		const match = /^\/(pohoda\/\w+|woocommerce\/new-order)\/(\w+)$/.exec(req.url);
		if (req.method === 'POST' && match) {
			act(systems, match[1], Number(match[2]))
				.then((text) => (message = text), (error) => (message = `Failed: ${error.message}`))
				.finally(() => {
					res.writeHead(303, { location: '/' });
					res.end();
				});
			return;
		}
		if (req.url === '/' || req.url.startsWith('/?')) {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(page(views, links, message));
			return;
		}
		res.writeHead(404);
		res.end();
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		url: `http://localhost:${port}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

module.exports = { startControlPage };
