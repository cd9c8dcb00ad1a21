'use strict';
// `npm run demo`: a real n8n with this package, its templates and demo credentials, wired to simulated WooCommerce,
// POHODA and Ozon systems seeded with sample orders, and a mail catcher. Ctrl-C stops everything.
// N8N_DEMO_VERSION=1 runs n8n 1.123.x instead of 2.40.x.
const fs = require('node:fs');
const path = require('node:path');
const { ensureN8n, selectedLines } = require('../test/e2e/install-n8n');
const { buildAndPack, installIntoUserFolder, ROOT } = require('../test/e2e/pack');
const { N8nInstance, OWNER } = require('../test/e2e/n8n-instance');
const { loadManifest, loadTemplates } = require('../test/e2e/package-info');
const { startControlPage } = require('./control-page');
const { startGenericErp, PORT: GENERIC_ERP_PORT } = require('../test/e2e/generic-erp');
const { wooSeed, pohodaSeed, ozonSeed, genericErpSeed, idosellSeed, enova365Seed, zzapSeed } = require('./seed');
const { startEnova365, PORT: ENOVA365_PORT } = require('../test/e2e/enova365');
const { waitUntil, waitForSignedDeliveries } = require('../test/e2e/scenarios/helpers');

const PORTS = {
	n8n: Number(process.env.DEMO_N8N_PORT || 5678),
	woocommerce: 8081,
	pohoda: 8082,
	ozon: 8083,
	prestashop: 8084,
	zzap: 8086,
	smtp: 2525,
	mail: 8025,
	control: 8090,
	genericErp: GENERIC_ERP_PORT,
	idosell: 8085,
	enova365: ENOVA365_PORT,
	// n8n's task runner broker (2.x), on its default port.
	taskBroker: 5679,
};
/** Templates switched on in the demo: POHODA changes reach the shop and the customer, new shop orders reach POHODA. */
const ACTIVE_TEMPLATES = ['pohoda-to-woocommerce-status-sync.json', 'woocommerce-order-import-to-pohoda.json'];
/** Run from the editor after invoicing a POHODA order: mails the invoice PDF. */
const INVOICE_MAIL_TEMPLATE = 'pohoda-invoice-to-woocommerce.json';

const say = (text) => process.stdout.write(`${text}\n`);

/** What main() has started so far, stopped by stopAll() on Ctrl-C and on any failure. */
const running = { n8n: null, control: null, systems: null, erp: null, enova365: null };
let stopping = null;

function stopAll() {
	stopping ??= (async () => {
		say('\nStopping n8n and the simulators…');
		// n8n first: it still polls and calls the simulators.
		await running.n8n?.stop();
		await Promise.allSettled([running.control?.close(), running.systems?.close(), running.erp?.close(), running.enova365?.close()]);
		say('Stopped.');
	})();
	return stopping;
}

async function main() {
	const exitAfterStop = () => stopAll().then(() => process.exit(0), () => process.exit(1));
	process.on('SIGINT', exitAfterStop);
	process.on('SIGTERM', exitAfterStop);
	const [line] = selectedLines(process.env.N8N_DEMO_VERSION || '2');
	const demoDir = path.join(ROOT, '.demo');
	fs.mkdirSync(demoDir, { recursive: true });
	const installLog = fs.createWriteStream(path.join(demoDir, 'install.log'));

	say('Building the package and preparing n8n (the first run installs n8n into ~/.cache/n8n-order-sync: ~5 min)…');
	const [install, packed] = await Promise.all([
		ensureN8n(line, { log: installLog }),
		buildAndPack(path.join(demoDir, 'pack'), { log: installLog }),
	]);
	const userFolder = path.join(demoDir, `n8n-${install.version}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	await installIntoUserFolder(userFolder, packed.tarball, install.nodeDir, installLog);

	const { startSystems } = require('../test/e2e/systems');
	const systems = (running.systems = await startSystems({
		options: {
			woocommerce: { port: PORTS.woocommerce, seed: wooSeed() },
			pohoda: { port: PORTS.pohoda, seedOrders: pohodaSeed() },
			ozon: { port: PORTS.ozon, seed: ozonSeed() },
			prestashop: { port: PORTS.prestashop },
			idosell: { port: PORTS.idosell, seed: idosellSeed() },
			zzap: { port: PORTS.zzap, seed: zzapSeed() },
		},
		mail: { smtpPort: PORTS.smtp, httpPort: PORTS.mail, host: '127.0.0.1' },
	}));
	// The ERP without an API that the generic-ERP template reads (its "ERP settings" node points here).
	const erp = (running.erp = await startGenericErp({ port: PORTS.genericErp, rows: genericErpSeed() }));
	// enova365's WebAPI as the enova365 ⇄ IdoSell template reads it (its "Sync settings" node points here).
	const enova365 = (running.enova365 = await startEnova365({ port: PORTS.enova365, rows: enova365Seed() }));
	const n8n = (running.n8n = new N8nInstance(install, { userFolder, port: PORTS.n8n, brokerPort: PORTS.taskBroker, logFile: path.join(demoDir, 'n8n.log') }));

	const credentialsFile = path.join(userFolder, 'demo-credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(systems.credentials, null, 2));
	await n8n.mustCli(['import:credentials', `--input=${credentialsFile}`]);

	const built = new Set(loadManifest().nodes.map((n) => n.type));
	const templates = loadTemplates();
	const importable = templates.filter((t) => t.ourTypes.every((type) => built.has(type)));
	const notReady = templates.filter((t) => !importable.includes(t));
	if (importable.length) {
		const dir = path.join(userFolder, 'templates');
		fs.mkdirSync(dir, { recursive: true });
		for (const t of importable) fs.copyFileSync(t.path, path.join(dir, t.file));
		await n8n.mustCli(['import:workflow', '--separate', `--input=${dir}`]);
		const ids = await n8n.workflowIds();
		for (const t of importable.filter((x) => ACTIVE_TEMPLATES.includes(x.file) || x.file === INVOICE_MAIL_TEMPLATE)) {
			const id = ids[t.json.name];
			if (!id) continue;
			// Two runs of a polling template before start: the first remembers "now", the second takes a snapshot of the
			// seeded orders, so the first poll (or editor run) after start already reports completions, cancellations and
			// line edits.
			if (t.json.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')) {
				for (let run = 0; run < 2; run++) await n8n.mustCli(['execute', `--id=${id}`, '--rawOutput']);
			}
			if (!ACTIVE_TEMPLATES.includes(t.file)) continue;
			await n8n.mustCli(install.key === '1' ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
		}
	}

	await n8n.start();
	await n8n.setupOwner();
	// The REST API answers before the active templates finish activating: wait until every shop webhook they
	// registered accepts a signed delivery, so an order placed right after the banner is not refused.
	const activeWebhookIds = importable
		.filter((t) => ACTIVE_TEMPLATES.includes(t.file))
		.flatMap((t) => t.json.nodes.filter((n) => n.type === 'n8n-nodes-order-sync.shopTrigger' && (n.parameters.mode ?? 'webhook') === 'webhook'))
		.map((n) => n.webhookId);
	const woo = systems.sims.woocommerce;
	for (const webhookId of woo ? activeWebhookIds : []) {
		const hook = await waitUntil(
			() => [...woo.webhooks.values()].find((h) => h.status === 'active' && h.delivery_url.includes(webhookId)),
			`n8n registered no shop webhook for ${webhookId}`,
			120000,
		);
		await waitForSignedDeliveries(hook);
	}
	const control = (running.control = await startControlPage({ port: PORTS.control, systems, links: { n8n: `http://localhost:${PORTS.n8n}`, mail: systems.mail.url } }));

	say(`
n8n ${install.version} is running with n8n-nodes-order-sync — Ctrl-C stops everything.

  n8n editor        http://localhost:${PORTS.n8n}     login ${OWNER.email} / ${OWNER.password}
  demo control      ${control.url}     change POHODA orders, place shop orders, see shop statuses
  mails sent        ${systems.mail.url}
  WooCommerce sim   ${systems.sims.woocommerce?.url ?? '(not available)'}   key ${systems.sims.woocommerce?.consumerKey ?? '-'}
  POHODA sim        ${systems.sims.pohoda?.url ?? '(not available)'}
  Ozon sim          ${systems.sims.ozon?.url ?? '(not available)'}
  PrestaShop sim    ${systems.sims.prestashop ? `${systems.sims.prestashop.url}/api   key ${systems.sims.prestashop.key}` : '(not available)'}
  ZZAP sim          ${systems.sims.zzap?.url ?? '(not available)'}   login ${systems.sims.zzap?.account.login ?? '-'}
  Generic ERP       ${erp.url}/orders   (rows as an Enova365/Optima query returns them)
  IdoSell sim       ${systems.sims.idosell?.url ?? '(not available)'}   orders at /_sim/orders; a panel change: POST /_sim/status {"orderSerialNumber":5001,"orderStatus":"packed_ready"}
  enova365 WebAPI   ${enova365.url}/orders   (ZO rows for "enova365 ⇄ IdoSell status sync": run it from the editor)
  SMTP              127.0.0.1:${PORTS.smtp}

Templates imported: ${importable.map((t) => t.json.name).join('; ') || 'none'}
Active (polling/webhook): ${importable.filter((t) => ACTIVE_TEMPLATES.includes(t.file)).map((t) => t.json.name).join('; ') || 'none'}
${notReady.length ? `Not imported (their nodes are not built yet): ${notReady.map((t) => t.file).join(', ')}\n` : ''}${Object.keys(systems.missing).length ? `Simulators missing: ${Object.values(systems.missing).join('; ')}\n` : ''}
Try it: on the demo control page, invoice or cancel a POHODA order. Within one poll (1 minute) the shop order
changes status and the customer's mail (in their language) appears in the mail list. After invoicing, open
"${templates.find((t) => t.file === INVOICE_MAIL_TEMPLATE)?.json.name}"
in the editor and execute it: the invoice mail with its PDF goes to the template's test recipient.`);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`demo failed: ${error.stack || error}`);
		stopAll().finally(() => process.exit(1));
	});
}

module.exports = { PORTS };
