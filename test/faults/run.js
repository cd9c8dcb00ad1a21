'use strict';
// Fault-injection suite (issue 13) in a real n8n: `npm run test:faults [-- --short]`. The shipped templates run
// unchanged against the simulators and a loopback SMTP sink, while n8n is killed, restarted, flooded and fed hostile
// input. Each scenario prints one JSON line of figures and its targets; the process fails when a target is missed.
// N8N_E2E_VERSION=1|2|both picks the n8n line(s) (default 2); --short runs one crash, one burst and the hostile input;
// FAULTS_ONLY=<parts of scenario labels, comma-separated, e.g. "soak,queue mode"> runs only those.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LINES, ensureN8n, isCached, selectedLines } = require('../e2e/install-n8n');
const { buildAndPack, installIntoUserFolder, ROOT } = require('../e2e/pack');
const { N8nInstance } = require('../e2e/n8n-instance');
const { startSystems } = require('../e2e/systems');
const { loadTemplates } = require('../e2e/package-info');
const { n8nPorts } = require('../e2e/ports');
const { log } = require('./observe');
const { QueueCluster, queueMissing } = require('./queue-cluster');

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'faults');
const SCENARIOS = ['crash', 'burst-restart', 'hostile-input', 'flaky-vendors', 'wild-webhooks', 'two-way-soak'].map((name) => require(`./scenarios/${name}`));

/** Scenario runs of the short or the full suite, [scenario, options]; FAULTS_ONLY narrows them. */
function plan(short) {
	const [crash, burst, hostile, flaky, wild, soak] = SCENARIOS;
	const runs = short
		? [[crash, { killDuring: 'mails' }], [burst, {}], [hostile, {}]]
		: [
				[crash, { killDuring: 'mails' }],
				[crash, { killDuring: 'shop writes' }],
				[burst, {}],
				[wild, {}],
				[hostile, {}],
				[soak, {}],
				[flaky, {}],
				// Scenario 7: crash (a worker killed), burst + restart and flaky vendors in queue mode.
				[crash, { killDuring: 'mails', queue: true }],
				[burst, { queue: true }],
				[flaky, { queue: true }],
			];
	const only = process.env.FAULTS_ONLY?.split(',').filter(Boolean) ?? [];
	return runs.filter(([s, o]) => !only.length || only.some((part) => label(s, o).includes(part)));
}

const label = (scenario, { killDuring, queue }) => `${scenario.name}${killDuring ? ` (kill during ${killDuring})` : ''}${queue ? ' in queue mode' : ''}`;

async function main() {
	const short = process.argv.includes('--short');
	const lines = selectedLines(process.env.N8N_E2E_VERSION || '2');
	fs.rmSync(ARTIFACTS, { recursive: true, force: true });
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const installLog = fs.createWriteStream(path.join(ARTIFACTS, 'install.log'));
	log(`faults: ${short ? 'short' : 'full'} suite on n8n line(s) ${lines.join(', ')}; artifacts in ${path.relative(process.cwd(), ARTIFACTS)}`);
	for (const key of lines.filter((k) => !isCached(k))) log(`installing n8n ${LINES[key].n8n} — about 5 minutes, once per machine`);
	const [installs, packed] = await Promise.all([
		Promise.all(lines.map((k) => ensureN8n(k, { log: installLog }))),
		buildAndPack(path.join(ARTIFACTS, 'pack'), { log: installLog }),
	]);
	const reports = [];
	const runs = plan(short);
	for (const install of installs) {
		const single = runs.filter(([, o]) => !o.queue);
		const queued = runs.filter(([, o]) => o.queue);
		if (single.length) reports.push(...(await runLine(install, packed.tarball, single)));
		if (queued.length) reports.push(...(await runLine(install, packed.tarball, queued, { queue: true })));
	}
	fs.writeFileSync(path.join(ARTIFACTS, 'report.json'), JSON.stringify(reports, null, 2));
	const missed = reports.filter((r) => !r.passed);
	log(`faults: ${reports.length - missed.length} of ${reports.length} scenario runs met every target`);
	for (const r of missed) log(`  MISSED ${r.scenario} (n8n ${r.n8n}): ${Object.keys(r.missed).join(', ')}`);
	if (missed.length) process.exitCode = 1;
}

/**
 * One n8n line: the package installed, credentials and the templates imported, then every planned scenario run; with
 * `queue`, in a main and two workers on PostgreSQL and Redis (skipped when those are not installed, failed under
 * ORDER_SYNC_NO_SKIP=1).
 */
async function runLine(install, tarball, runs, { queue = false } = {}) {
	const artifacts = path.join(ARTIFACTS, `n8n-${install.version}${queue ? '-queue' : ''}`);
	if (queue && queueMissing()) {
		const reason = queueMissing();
		log(`n8n ${install.version}: queue mode skipped: ${reason}`);
		return [{ scenario: 'queue-mode', n8n: install.version, skipped: reason, passed: !process.env.ORDER_SYNC_NO_SKIP, missed: { skipped: reason } }];
	}
	// A folder of its own: another run (an e2e, a second checkout) may be using n8n at the same time.
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `order-sync-faults-${install.version}-`));
	fs.mkdirSync(artifacts, { recursive: true });
	const n8n = queue
		? await QueueCluster.create(install, { userFolder, artifacts })
		: new N8nInstance(install, { userFolder, ...(await n8nPorts()), logFile: path.join(artifacts, 'n8n.log') });
	// Volume runs: the XSD checks of every dataPack are the e2e's job, here they would only cost CPU.
	const systems = await startSystems({ options: { pohoda: { validate: false } } });
	const ctx = { n8n, systems, install, artifacts, workflows: {}, activeFiles: new Set(), running: null };
	const reports = [];
	try {
		await installIntoUserFolder(userFolder, tarball, install.nodeDir);
		await n8n.importCredentials(systems.credentials);
		const needed = new Set(runs.flatMap(([s]) => s.templates));
		ctx.workflows = await n8n.importTemplates(loadTemplates().filter((t) => needed.has(t.file)));
		for (const [scenario, options] of runs) reports.push(await runScenario(ctx, scenario, options));
	} finally {
		await (queue ? n8n.close() : n8n.stop());
		await systems.close();
	}
	if (reports.every((r) => r.passed)) fs.rmSync(userFolder, { recursive: true, force: true });
	return reports;
}

/** Runs one scenario and prints its JSON line; a harness error is a missed run with the error in the line. */
async function runScenario(ctx, scenario, options) {
	const started = Date.now();
	log(`n8n ${ctx.install.version}: ${label(scenario, options)} …`);
	let report;
	const queue = ctx.n8n instanceof QueueCluster;
	const executionsBefore = queue ? ctx.n8n.executionsPerWorker() : [];
	if (queue) ctx.n8n.killed = [];
	try {
		await activateOnly(ctx, scenario);
		const { figures, targets } = await scenario.run(ctx, options);
		const missed = Object.fromEntries(Object.entries(targets).filter(([, t]) => !t.met).map(([k, t]) => [k, t.detail]));
		const workers = queue ? { executionsPerWorker: ctx.n8n.executionsPerWorker().map((n, i) => n - executionsBefore[i]), killedWorkers: ctx.n8n.killed } : {};
		report = { scenario: scenario.name, ...options, n8n: ctx.install.version, ...figures, ...workers, passed: Object.keys(missed).length === 0, missed };
	} catch (error) {
		report = { scenario: scenario.name, ...options, n8n: ctx.install.version, passed: false, missed: { harness: error.stack || String(error) } };
		ctx.running = null;
	} finally {
		if (scenario.after) {
			await ctx.n8n.stop();
			ctx.running = null;
			await scenario.after(ctx);
		}
	}
	report.seconds = Math.round((Date.now() - started) / 1000);
	console.log(JSON.stringify(report));
	return report;
}

/**
 * n8n started with exactly the scenario's templates active (activated while stopped, as a user would before a
 * deploy), on fresh simulators and an empty mailbox; its `before(ctx)` runs while n8n is stopped. A scenario marked
 * `sharesRun` that needs the same templates as the one before keeps that n8n, shop and webhook registrations, and gets
 * an empty mailbox.
 */
async function activateOnly(ctx, { templates: files, before, sharesRun }) {
	const key = [...files].sort().join(',');
	if (sharesRun && ctx.running === key && ctx.n8n.server) {
		ctx.systems.mail.clear();
		return;
	}
	ctx.running = null;
	await ctx.n8n.stop();
	for (const [file, wf] of Object.entries(ctx.workflows)) {
		const wanted = files.includes(file);
		if (wanted === ctx.activeFiles.has(file)) continue;
		await ctx.n8n.setActive(wf.id, wanted);
		if (wanted) ctx.activeFiles.add(file);
		else ctx.activeFiles.delete(file);
	}
	await ctx.systems.restart();
	if (before) await before(ctx);
	await ctx.n8n.start();
	await ctx.n8n.setupOwner();
	ctx.running = key;
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error.stack || error);
		process.exitCode = 1;
	});
}
