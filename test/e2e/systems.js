'use strict';
// Starts the vendor simulators (TypeScript, loaded through tsx) and the mail catcher on loopback, and describes the
// n8n credentials that point at them. A simulator that does not exist yet is reported, not faked.
const fs = require('node:fs');
const path = require('node:path');
const { startMailCatcher } = require('./mail-catcher');

const ROOT = path.resolve(__dirname, '../..');
require('./tsx');

/** Credential display names the templates reference (by name, never by id). */
const CREDENTIAL_NAMES = {
	orderSyncWooCommerceApi: 'WooCommerce account',
	orderSyncPohodaApi: 'POHODA account',
	orderSyncOzonApi: 'Ozon account',
	orderSyncSmtpApi: 'SMTP account',
	orderSyncPrestaShopApi: 'PrestaShop account',
	orderSyncIdoSellApi: 'IdoSell account',
	orderSyncZzapApi: 'ZZAP account',
};

const SIMULATORS = {
	woocommerce: {
		module: 'test/simulators/woocommerce',
		start: 'startWooSimulator',
		credentialType: 'orderSyncWooCommerceApi',
		// "imported" is the custom status the import template sets.
		defaults: { customStatuses: [{ slug: 'imported', name: 'Imported' }] },
		data: (sim) => ({ url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, allowUnauthorizedCerts: false }),
	},
	pohoda: {
		module: 'test/simulators/pohoda',
		start: 'startPohodaSimulator',
		credentialType: 'orderSyncPohodaApi',
		defaults: { users: { 'order-sync': 'Demo-heslo-1' } },
		data: (sim, options) => ({
			url: sim.url,
			username: Object.keys(options.users)[0],
			password: Object.values(options.users)[0],
			ico: sim.ico,
			application: 'n8n Order Sync',
			checkDuplicity: true,
			allowUnauthorizedCerts: false,
		}),
	},
	ozon: {
		module: 'test/simulators/ozon',
		start: 'startOzonSimulator',
		credentialType: 'orderSyncOzonApi',
		// Scenarios and the demo seed their own postings.
		defaults: { seed: [] },
		data: (sim) => ({ url: sim.url, clientId: sim.clientId, apiKey: sim.apiKey, allowUnauthorizedCerts: false }),
	},
	prestashop: {
		module: 'test/simulators/prestashop',
		start: 'startPrestaShopSimulator',
		credentialType: 'orderSyncPrestaShopApi',
		defaults: {},
		data: (sim) => ({ url: sim.url, apiKey: sim.key, timeZone: sim.timeZone, urlForm: 'friendly', allowUnauthorizedCerts: false }),
	},
	idosell: {
		module: 'test/simulators/idosell',
		start: 'startIdoSellSimulator',
		credentialType: 'orderSyncIdoSellApi',
		// Scenarios and the demo seed their own orders.
		defaults: {},
		data: (sim) => ({ url: sim.url, apiKey: sim.apiKey, timeZone: sim.timeZone, allowUnauthorizedCerts: false }),
	},
	zzap: {
		module: 'test/simulators/zzap',
		start: 'startZzapSimulator',
		credentialType: 'orderSyncZzapApi',
		// ZZAP refuses requests of one login closer than this; the credential paces wider, leaving room for loopback jitter.
		defaults: { minIntervalMs: 150 },
		data: (sim) => ({ url: sim.url, login: sim.account.login, password: sim.account.password, apiKey: sim.account.apiKey, intervalSeconds: 0.3, allowUnauthorizedCerts: false }),
	},
};

/** The start function of a simulator, or a reason why it is not available. */
function loadSimulator(key) {
	const spec = SIMULATORS[key];
	const dir = path.join(ROOT, spec.module);
	if (!fs.existsSync(path.join(dir, 'index.ts'))) return { reason: `${spec.module}/index.ts does not exist yet` };
	const mod = require(dir);
	if (typeof mod[spec.start] !== 'function') return { reason: `${spec.module} does not export ${spec.start}()` };
	return { start: mod[spec.start], module: mod };
}

/**
 * Starts every available simulator (options per key, e.g. fixed ports and seeds for the demo) and the mail catcher.
 * `restart()` starts them again empty on the same ports, so imported credentials stay valid between scenarios.
 */
async function startSystems({ options = {}, mail: mailOptions = {} } = {}) {
	const systems = { sims: {}, modules: {}, missing: {}, mail: null, credentials: [] };
	const startAll = async (ports) => {
		for (const key of Object.keys(SIMULATORS)) {
			const loaded = loadSimulator(key);
			if (!loaded.start) {
				systems.missing[key] = loaded.reason;
				continue;
			}
			systems.modules[key] = loaded.module;
			const { seedOrders, ...startOptions } = { ...SIMULATORS[key].defaults, ...options[key], ...(ports ? { port: ports[key] } : {}) };
			const sim = await loaded.start(startOptions);
			// POHODA's simulator is seeded after start (it numbers the orders itself).
			if (seedOrders) sim.seed(seedOrders);
			systems.sims[key] = sim;
			systems.credentials.push(credential(SIMULATORS[key].credentialType, SIMULATORS[key].data(sim, startOptions)));
		}
		systems.mail = await startMailCatcher(ports ? { ...mailOptions, smtpPort: ports.smtp } : mailOptions);
	};
	await startAll(null);
	systems.credentials.push(
		credential('orderSyncSmtpApi', {
			host: systems.mail.host,
			port: systems.mail.smtpPort,
			security: 'none',
			user: 'shop',
			password: 'demo-password',
			fromEmail: 'shop@order-sync.test',
			fromName: 'Order Sync Demo Shop',
			heloName: 'localhost',
			allowUnauthorizedCerts: false,
		}),
	);
	const closeAll = () => Promise.allSettled([...Object.values(systems.sims).map((s) => s.close()), systems.mail.close()]);
	systems.close = closeAll;
	systems.restart = async () => {
		const ports = { smtp: systems.mail.smtpPort };
		for (const [key, sim] of Object.entries(systems.sims)) ports[key] = Number(new URL(sim.url).port);
		await closeAll();
		const credentials = [...systems.credentials];
		await startAll(ports);
		systems.credentials = credentials;
	};
	return systems;
}

function credential(type, data) {
	return { id: `os${type.replace(/^orderSync|Api$/g, '')}`.slice(0, 16), name: CREDENTIAL_NAMES[type], type, data };
}

module.exports = { CREDENTIAL_NAMES, SIMULATORS, startSystems, loadSimulator };
