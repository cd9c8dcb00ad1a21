import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { execute } from '../../helpers/n8n-context';
import { credentialsFor } from '../pohoda/support';
import { startPohodaSimulator } from '../../simulators/pohoda';
import { startWooSimulator } from '../../simulators/woocommerce';

/** A self-signed certificate for 127.0.0.1, made for this run. */
function selfSigned(): { key: Buffer; cert: Buffer } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-tls-'));
	execFileSync(
		'openssl',
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', 'key.pem', '-out', 'cert.pem'],
		{ cwd: dir, stdio: 'ignore' },
	);
	const pair = { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
	fs.rmSync(dir, { recursive: true });
	return pair;
}

/** HTTPS in front of a plain HTTP simulator; counts the requests that got through the TLS handshake. */
async function httpsInFrontOf(target: string, tls: { key: Buffer; cert: Buffer }) {
	const state = { requests: 0 };
	const sockets = new Set<Duplex>();
	const server = https.createServer(tls, (req, res) => {
		state.requests++;
		const forward = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		req.pipe(forward);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const close = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		});
	return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, state, close };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

let tls: { key: Buffer; cert: Buffer };
beforeAll(() => {
	tls = selfSigned();
});

describe('TLS: certificates are verified unless the credential opts out (Ignore SSL Issues)', () => {
	it('Shop Order refuses a self-signed shop, and reaches it with the switch on', async () => {
		const sim = await startWooSimulator({ seed: { products: [{ id: 11, sku: 'BEANS', price: '18.90' }], orders: [{ id: 101, line_items: [{ product_id: 11, quantity: 1 } as WooLineItem] }] } });
		const front = await httpsInFrontOf(sim.url, tls);
		cleanups.push(sim.close, front.close);
		const run = (allowUnauthorizedCerts: boolean) =>
			execute(new ShopOrder(), {
				parameters: { shop: 'woocommerce', resource: 'order', operation: 'get', orderId: '101' },
				credentials: { orderSyncWooCommerceApi: { url: front.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts } },
				workflowId: `tls-woo-${allowUnauthorizedCerts}`,
			});
		await expect(run(false)).rejects.toMatchObject({
			description: expect.stringMatching(/WooCommerce's TLS certificate could not be verified \(\w+\)\. .*Ignore SSL Issues/),
		});
		expect(front.state.requests).toBe(0);
		const { output } = await run(true);
		expect(output[0][0].json.order).toMatchObject({ system: 'woocommerce', id: '101' });
		expect(front.state.requests).toBeGreaterThan(0);
	});

	it('ERP Order Status refuses a self-signed mServer, and reaches it with the switch on', async () => {
		const sim = await startPohodaSimulator();
		const front = await httpsInFrontOf(sim.url, tls);
		cleanups.push(sim.close, front.close);
		const [order] = sim.seed([{ partner: { name: 'Věra', email: 'vera@example.cz' }, lines: [{ text: 'Čokoláda', quantity: 2, unitPrice: 35 }] }]);
		const run = (allowUnauthorizedCerts: boolean) =>
			execute(new ErpOrderStatus(), {
				parameters: { erp: 'pohoda', operation: 'getOrder', lookupBy: 'id', lookupValue: String(order.id) },
				credentials: { orderSyncPohodaApi: credentialsFor(sim, { url: front.url, allowUnauthorizedCerts }) },
				workflowId: `tls-pohoda-${allowUnauthorizedCerts}`,
			});
		await expect(run(false)).rejects.toThrow();
		expect(front.state.requests).toBe(0);
		const { output } = await run(true);
		expect(output[0][0].json.order).toMatchObject({ system: 'pohoda', id: String(order.id) });
		expect(front.state.requests).toBeGreaterThan(0);
	});
});
