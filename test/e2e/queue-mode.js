'use strict';
// Queue mode (issue 12; issue 13 scenario 7): an n8n main and two `n8n worker`s on a real PostgreSQL (n8n's database)
// and Redis (the Bull queue), started here from Debian's packages. The POHODA → WooCommerce template runs activated on
// its one-minute schedule while 500 POHODA changes arrive over several runs; at each scheduled run a manual run is
// started as well, so two workers read the same changes at once. Then the same template on a worker whose store is
// SQLite must refuse to run. Run alone: E2E_ONLY=queue-mode N8N_E2E_VERSION=2 npm run test:e2e
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
require('./tsx');
const { Client } = require('pg');
const { startPostgres, startRedis, postgresMissing, redisMissing, freePort } = require('../helpers/servers');
const { N8nInstance, sleep } = require('./n8n-instance');
const { installIntoUserFolder, ROOT } = require('./pack');
const { startSystems } = require('./systems');
const { Skip } = require('./skip');
const { PRODUCTS } = require('../../demo/seed');

const TEMPLATE = 'pohoda-to-woocommerce-status-sync.json';
const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', TEMPLATE), 'utf8'));
const ORDERS = 200;
const FIRST_SHOP_ID = 3001;
const BEANS = PRODUCTS.find((p) => p.sku === 'BEANS-1KG');
const email = (shopId) => `customer-${shopId}@example.cz`;

/**
 * What arrives in POHODA before each scheduled run, and the shop status each order must end in. Orders 1–200 arrive
 * (200 changes, nobody mailed); then 1–100 get a line edited and 101–150 are invoiced (150); then 1–50 are invoiced
 * and 51–100 and 151–200 cancelled (150): 500 changes, 300 mails.
 */
function plan() {
	const orders = Array.from({ length: ORDERS }, (_, i) => ({ n: i + 1, shopId: FIRST_SHOP_ID + i }));
	const range = (from, to) => orders.slice(from - 1, to);
	return {
		orders,
		waves: [
			(pohoda) => {
				pohoda.seed(orders.map(pohodaOrder)).forEach((created, i) => (orders[i].pohodaId = created.id));
				return ORDERS;
			},
			(pohoda) => {
				for (const o of range(1, 100)) pohoda.editLine(o.pohodaId, 0, { quantity: 3 });
				for (const o of range(101, 150)) pohoda.invoice(o.pohodaId);
				return 150;
			},
			(pohoda) => {
				for (const o of range(1, 50)) pohoda.invoice(o.pohodaId);
				for (const o of [...range(51, 100), ...range(151, 200)]) pohoda.cancel(o.pohodaId);
				return 150;
			},
		],
		expected: (o) => ({
			status: o.n <= 50 || (o.n > 100 && o.n <= 150) ? 'completed' : 'cancelled',
			quantity: o.n <= 100 ? 3 : 1,
			events: [...(o.n <= 100 ? ['edited'] : []), o.n <= 50 || (o.n > 100 && o.n <= 150) ? 'completed' : 'cancelled'],
		}),
	};
}

function pohodaOrder(o) {
	return {
		partner: { name: `Zákazník ${o.n}`, email: email(o.shopId), city: 'Brno', street: 'Masarykova 31', zip: '602 00', country: 'CZ' },
		extId: { ids: String(o.shopId), exSystemName: 'woocommerce' },
		numberOrder: String(o.shopId),
		text: `E-shop order ${o.shopId}`,
		lines: [{ text: BEANS.name, code: BEANS.sku, quantity: 1, unitPrice: Number(BEANS.price), rateVAT: 'high' }],
	};
}

function shopOrder(o) {
	const customer = { first_name: 'Zákazník', last_name: String(o.n), email: email(o.shopId), country: 'CZ', city: 'Brno', address_1: 'Masarykova 31', postcode: '602 00' };
	return {
		id: o.shopId,
		status: 'processing',
		currency: 'CZK',
		billing: customer,
		shipping: customer,
		meta_data: [{ key: 'wpml_language', value: 'cs' }],
		line_items: [{ product_id: BEANS.id, quantity: 1 }],
	};
}

/** The event a mail is about, from its Czech subject (the template's texts). */
function mailEvent(mail) {
	if (/je vyřízena/.test(mail.subject)) return 'completed';
	if (/byla zrušena/.test(mail.subject)) return 'cancelled';
	if (/^Změna ve Vaší objednávce/.test(mail.subject)) return 'edited';
	return `other: ${mail.subject}`;
}

/**
 * Runs the whole scenario for one installed n8n line; resolves the check's detail and prints the figures as one JSON
 * line. Throws Skip when PostgreSQL or Redis is not installed.
 */
async function checkQueueMode({ install, tarball, artifactsDir }) {
	const missing = postgresMissing() ?? redisMissing();
	if (missing) throw new Skip(missing);
	fs.mkdirSync(artifactsDir, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `order-sync-queue-${install.version}-`));
	const started = [];
	let postgres;
	let redis;
	let systems;
	try {
		[postgres, redis, systems] = await Promise.all([startPostgres(), startRedis(), startSystems()]);
		await installIntoUserFolder(userFolder, tarball, install.nodeDir);
		const database = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			DB_POSTGRESDB_DATABASE: postgres.database,
			N8N_ENCRYPTION_KEY: 'order-sync-queue-mode-e2e-key',
		};
		const queue = {
			...database,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Manual runs go to the workers too (by default they run on the main).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		const instance = async (name, env) =>
			new N8nInstance(install, { userFolder, port: await freePort(), brokerPort: await freePort(), logFile: path.join(artifactsDir, `${name}.log`), env });

		// Credentials and the template go into n8n's PostgreSQL through the CLI, as in a single-process set-up.
		const cli = await instance('cli', database);
		const credentialsFile = path.join(userFolder, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(systems.credentials));
		await cli.mustCli(['import:credentials', `--input=${credentialsFile}`]);
		// On PostgreSQL `import:workflow` does not make up an id for a workflow without one (SQLite does).
		const workflowId = 'qmPohodaToWoo001';
		const workflowFile = path.join(userFolder, TEMPLATE);
		fs.writeFileSync(workflowFile, JSON.stringify({ ...template, id: workflowId }));
		await cli.mustCli(['import:workflow', `--input=${workflowFile}`]);
		if (!(await cli.workflowIds())[template.name]) throw new Error(`"${template.name}" not found after import:workflow`);
		await cli.mustCli(install.key === '1' ? ['update:workflow', `--id=${workflowId}`, '--active=true'] : ['publish:workflow', `--id=${workflowId}`]);

		const { pohoda, woocommerce: woo } = systems.sims;
		const { orders, waves, expected } = plan();
		woo.seed(orders.map(shopOrder), PRODUCTS);
		// Shop writes take a moment, so the scheduled and the manual run of each minute overlap on the two workers.
		woo.latencyMs = 20;

		const main = await instance('main', queue);
		const workers = [await instance('worker-1', queue), await instance('worker-2', queue)];
		started.push(main, ...workers);
		await Promise.all([main.start(), ...workers.map((w) => w.startWorker())]);
		await main.setupOwner();

		// The first scheduled run only remembers "now"; each later one finds the wave that arrived before it.
		await nextScheduledRun(main, workflowId, 0);
		let changes = 0;
		for (const wave of waves) {
			const arrivedAt = Date.now();
			changes += wave(pohoda);
			await nextScheduledRun(main, workflowId, arrivedAt, { alsoManual: true });
		}
		const runs = await executions(main, workflowId);
		const failed = runs.filter((r) => r.status !== 'success');

		// Shop statuses and lines as the single-process run sets them; one mail per customer and event.
		const mails = systems.mail.mails;
		const perRecipientEvent = new Map();
		for (const mail of mails) {
			const key = `${mail.envelopeTo.join(',')} ${mailEvent(mail)}`;
			perRecipientEvent.set(key, (perRecipientEvent.get(key) ?? 0) + 1);
		}
		const duplicateMails = [...perRecipientEvent.values()].reduce((sum, n) => sum + n - 1, 0);
		const wrongShop = [];
		const unmailed = [];
		let expectedMails = 0;
		for (const o of orders) {
			const want = expected(o);
			const shop = woo.orders.get(o.shopId);
			const quantity = shop.line_items.find((l) => l.sku === BEANS.sku)?.quantity;
			if (shop.status !== want.status || quantity !== want.quantity) wrongShop.push(`${o.shopId}: ${shop.status}/${quantity}, expected ${want.status}/${want.quantity}`);
			for (const event of want.events) {
				expectedMails++;
				if (!perRecipientEvent.has(`${email(o.shopId)} ${event}`)) unmailed.push(`${email(o.shopId)} ${event}`);
			}
		}
		const unexpected = [...perRecipientEvent.keys()].filter((key) => !orders.some((o) => expected(o).events.some((e) => key === `${email(o.shopId)} ${e}`)));

		// The package's store is n8n's PostgreSQL: its table holds the claims, snapshots and watermark.
		const storeRows = await countStoreRows(postgres);
		const sqliteFile = path.join(userFolder, '.n8n', 'order-sync', 'state.sqlite');
		const workersUsed = workers.map((w) => (fs.readFileSync(w.logFile, 'utf8').match(/Worker started execution/g) ?? []).length);

		const figures = {
			scenario: 'queue-mode',
			n8n: install.version,
			changes,
			runs: runs.length,
			// Manual runs that ran while a scheduled one did (on the other worker, as the logs show).
			overlappingRuns: runs.filter((m) => m.mode === 'manual' && runs.some((t) => t.mode === 'trigger' && t.startedAt < m.stoppedAt && m.startedAt < t.stoppedAt)).length,
			mails: mails.length,
			duplicateMails,
			lost: unmailed.length + wrongShop.length,
			workers: workersUsed.filter((n) => n > 0).length,
			executionsPerWorker: workersUsed,
			store: storeRows > 0 ? 'postgres' : 'none',
			storeRows,
		};
		const problems = [
			...(failed.length ? [`executions that did not succeed: ${failed.map((r) => `${r.id} (${r.mode}) ${r.status}`).join('; ')}`] : []),
			...(duplicateMails ? [`${duplicateMails} duplicate mail(s): ${[...perRecipientEvent].filter(([, n]) => n > 1).slice(0, 5).map(([k, n]) => `${k} ×${n}`).join('; ')}`] : []),
			...(unmailed.length ? [`${unmailed.length} of ${expectedMails} mails missing, e.g. ${unmailed.slice(0, 5).join('; ')}`] : []),
			...(unexpected.length ? [`unexpected mails: ${unexpected.slice(0, 5).join('; ')}`] : []),
			...(wrongShop.length ? [`${wrongShop.length} shop orders differ from the single-process result, e.g. ${wrongShop.slice(0, 5).join('; ')}`] : []),
			...(storeRows === 0 ? ['order_sync_state in n8n\'s PostgreSQL has no rows: the store is not PostgreSQL'] : []),
			...(fs.existsSync(sqliteFile) ? [`an SQLite store was opened (${sqliteFile})`] : []),
			...(figures.workers < 2 ? [`executions ran on ${figures.workers} worker(s), expected both: ${workersUsed.join(', ')}`] : []),
		];

		// ORDER_SYNC_STATE=sqlite in queue mode: the execution fails naming the fix, and nobody is mailed.
		await Promise.all(workers.map((w) => w.stop()));
		const sqliteWorker = await instance('worker-sqlite', { ...queue, ORDER_SYNC_STATE: 'sqlite' });
		started.push(sqliteWorker);
		await sqliteWorker.startWorker();
		for (const o of orders.slice(100, 105)) pohoda.editLine(o.pohodaId, 0, { quantity: 2 });
		const mailsBefore = mails.length;
		const refused = await main.waitForExecution(await main.runManually(workflowId, 'Run once now'), { statuses: ['success', 'error', 'crashed'], ms: 120000 });
		const message = refused.data.resultData.error?.message ?? '';
		await sleep(2000);
		if (refused.status !== 'error') problems.push(`with ORDER_SYNC_STATE=sqlite in queue mode the execution ended "${refused.status}", expected an error`);
		if (!/EXECUTIONS_MODE=queue/.test(message) || !/DB_TYPE=postgresdb/.test(message)) problems.push(`the refusal does not name queue mode and the fix: "${message}"`);
		if (mails.length !== mailsBefore) problems.push(`${mails.length - mailsBefore} mail(s) sent by the SQLite-store worker in queue mode`);
		figures.sqliteRefusal = refused.status === 'error' && mails.length === mailsBefore;

		console.log(JSON.stringify(figures));
		fs.writeFileSync(path.join(artifactsDir, 'queue-mode.json'), JSON.stringify({ figures, runs, problems }, null, 1));
		if (problems.length) throw new Error(problems.join('\n'));
		return `${changes} POHODA changes over ${runs.length} runs (scheduled + manual, on ${figures.workers} workers: ${workersUsed.join(' + ')} executions): ${mails.length} mails, 0 duplicates, every shop status and line as in a single process; ${storeRows} rows in order_sync_state; with ORDER_SYNC_STATE=sqlite the run stops naming the fix and mails nobody`;
	} finally {
		await Promise.allSettled(started.map((n) => n.stop()));
		await Promise.allSettled([postgres?.stop(), redis?.stop(), systems?.close()]);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** The workflow's executions (id, mode, status, start and end in epoch ms), newest first. */
async function executions(main, workflowId) {
	const list = await main.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`);
	return (list.data?.results ?? list.data ?? []).map((e) => ({ id: String(e.id), mode: e.mode, status: e.status, startedAt: Date.parse(e.startedAt ?? e.createdAt), stoppedAt: Date.parse(e.stoppedAt) }));
}

/**
 * Waits for the workflow's first scheduled execution created after `after` (epoch ms) and its end; with `alsoManual`,
 * starts a manual run as soon as the scheduled one exists, so two workers read the same changes at once.
 */
async function nextScheduledRun(main, workflowId, after, { alsoManual = false, ms = 150000 } = {}) {
	const deadline = Date.now() + ms;
	let scheduled;
	while (!scheduled) {
		if (Date.now() > deadline) throw new Error(`no scheduled execution of workflow ${workflowId} within ${ms / 1000}s`);
		const list = await main.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=20`);
		scheduled = (list.data?.results ?? list.data ?? []).find((e) => e.mode === 'trigger' && Date.parse(e.createdAt ?? e.startedAt) >= after);
		if (!scheduled) await sleep(250);
	}
	const ids = [String(scheduled.id)];
	if (alsoManual) ids.push(await main.runManually(workflowId, 'Run once now'));
	for (const id of ids) await main.waitForExecution(id, { statuses: ['success', 'error', 'crashed', 'canceled'], ms: Math.max(deadline - Date.now(), 30000) });
}

async function countStoreRows(postgres) {
	const client = new Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
	await client.connect();
	try {
		const { rows } = await client.query('SELECT count(*)::int AS n FROM order_sync_state');
		return rows[0].n;
	} catch (error) {
		// 42P01: the table does not exist, the store never opened n8n's database.
		if (error.code === '42P01') return 0;
		throw error;
	} finally {
		await client.end();
	}
}

module.exports = { checkQueueMode };
