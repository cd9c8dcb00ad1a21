'use strict';
// End-to-end run in a real n8n: `npm run test:e2e`. N8N_E2E_VERSION=1|2|both (default both) picks the n8n line(s);
// E2E_ONLY=<part of a template file name> narrows the templates; E2E_ONLY=queue-mode runs only the queue-mode check;
// E2E_SMOKE_LINE=1|2 runs that line as a smoke test (every template imported and opened, SMOKE_TEMPLATES' scenarios).
// E2E_ONLY=real-woo only the WooCommerce templates against a real WooCommerce, on every selected line (a full run: on
// the first line only, E2E_REAL_WOO_LINES=all on every one).
// Every check prints PASS, FAIL or SKIP (with the reason); the process fails on any FAIL, and on any SKIP unless
// E2E_ONLY is set.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LINES, cacheRoot, ensureN8n, isCached, selectedLines } = require('./install-n8n');
const { buildAndPack, installIntoUserFolder, ROOT } = require('./pack');
const { N8nInstance, OWNER, parseRawOutput } = require('./n8n-instance');
const { loadManifest, loadTemplates } = require('./package-info');
const { checkEditor } = require('./browser');
const { checkDemo } = require('./demo');
const { Skip } = require('./skip');
const { checkQueueMode } = require('./queue-mode');
const { n8nPorts } = require('./ports');
const { startRealWoo, REAL_WOO_ZONES } = require('./real-woo');
const REAL_WOO_SCENARIOS = require('./scenarios/real-woo');

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
/** The six templates of issue 7. */
const PLANNED_TEMPLATES = [
	'pohoda-to-woocommerce-status-sync.json',
	'woocommerce-order-import-to-pohoda.json',
	'pohoda-invoice-to-woocommerce.json',
	'ozon-marketplace-orders.json',
	'woocommerce-order-desk.json',
	'generic-erp-two-way-status-sync.json',
];
/** The scenarios a smoke line runs: a polled and a webhook-driven template, the store and mails of both. */
const SMOKE_TEMPLATES = ['pohoda-to-woocommerce-status-sync.json', 'woocommerce-order-import-to-pohoda.json'];
const smokeLine = process.env.E2E_SMOKE_LINE;
const results = [];
const timings = {};

async function check(name, fn) {
	const started = Date.now();
	try {
		const detail = await fn();
		results.push({ name, status: 'PASS', detail: detail || '', seconds: secondsSince(started) });
	} catch (error) {
		const status = error instanceof Skip ? 'SKIP' : 'FAIL';
		results.push({ name, status, detail: status === 'SKIP' ? error.message : error.stack || String(error), seconds: secondsSince(started) });
	}
	const r = results[results.length - 1];
	console.log(`${r.status.padEnd(4)} ${name} (${r.seconds}s)${r.detail ? ` — ${firstLines(r.detail, r.status === 'FAIL' ? 25 : 3)}` : ''}`);
	return r.status === 'PASS';
}

async function timed(label, fn) {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		timings[label] = secondsSince(started);
	}
}

async function main() {
	const started = Date.now();
	const lines = selectedLines();
	fs.rmSync(ARTIFACTS, { recursive: true, force: true });
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const installLog = fs.createWriteStream(path.join(ARTIFACTS, 'install.log'));

	console.log(`e2e: n8n line(s) ${lines.join(', ')}; artifacts in ${path.relative(process.cwd(), ARTIFACTS)}`);
	for (const key of lines.filter((k) => !isCached(k))) {
		console.log(`installing n8n ${LINES[key].n8n} (Node ${LINES[key].node}) into ${cacheRoot()} — about 5 minutes, once per machine`);
	}
	const [installs, packed] = await Promise.all([
		timed('install n8n (all lines)', () => Promise.all(lines.map((k) => ensureN8n(k, { log: installLog })))),
		timed('build + npm pack', () => buildAndPack(path.join(ARTIFACTS, 'pack'), { log: installLog })),
	]);
	for (const i of installs) console.log(`n8n ${i.version} on Node ${i.nodeVersion}: ${i.installedNow ? `installed in ${i.seconds}s` : 'from cache'} (${i.dir})`);

	const manifest = loadManifest();
	// E2E_ONLY=<part of a template file name> runs only the matching templates (for working on one of them).
	const templates = loadTemplates().filter((t) => !process.env.E2E_ONLY || t.file.includes(process.env.E2E_ONLY));
	console.log(`package: ${manifest.nodes.length} node(s), ${manifest.credentials.length} credential(s); ${templates.length} template(s)`);

	await check('every planned template exists in workflows/', () => {
		if (process.env.E2E_ONLY) throw new Skip(`E2E_ONLY=${process.env.E2E_ONLY}`);
		const missing = PLANNED_TEMPLATES.filter((f) => !templates.some((t) => t.file === f));
		if (missing.length) throw new Skip(`not written yet: ${missing.join(', ')}`);
		return `${templates.length} templates`;
	});

	await check('package tarball ships dist and every template', () => {
		const missing = [
			...manifest.nodes.map((n) => n.file),
			...manifest.credentials.map((c) => c.file),
			...templates.map((t) => `workflows/${t.file}`),
		].filter((f) => !packed.files.includes(f));
		if (missing.length) throw new Error(`not in the tarball: ${missing.join(', ')}`);
		return `${packed.files.length} files`;
	});

	const queueModeOnly = process.env.E2E_ONLY === 'queue-mode';
	const realWooOnly = process.env.E2E_ONLY === 'real-woo';
	for (const install of installs.filter(() => !queueModeOnly && !realWooOnly)) {
		if (install.key === smokeLine) console.log(`n8n ${install.version}: smoke run (E2E_SMOKE_LINE=${smokeLine}): scenarios of ${SMOKE_TEMPLATES.join(', ')} only`);
		await timed(`n8n ${install.version} total`, () => runLine(install, packed.tarball, manifest, templates));
	}
	const realWooLines = installs.filter((_, index) => realWooOnly || (!process.env.E2E_ONLY && (index === 0 || process.env.E2E_REAL_WOO_LINES === 'all')));
	for (const install of realWooLines) {
		await timed(`n8n ${install.version} real WooCommerce`, () => runRealWoo(install, packed.tarball, loadTemplates()));
	}
	// A full run checks queue mode on the first line (2.x); E2E_ONLY=queue-mode on every selected line.
	for (const install of installs.filter((_, index) => queueModeOnly || (!process.env.E2E_ONLY && index === 0))) {
		await check(`queue mode on n8n ${install.version}: main + 2 workers on PostgreSQL and Redis, 500 POHODA changes over several scheduled runs — shop as in one process, no mail twice, the store in PostgreSQL; an SQLite store refuses`, () =>
			timed(`n8n ${install.version} queue mode`, () => checkQueueMode({ install, tarball: packed.tarball, artifactsDir: path.join(ARTIFACTS, `n8n-${install.version}`, 'queue-mode') })),
		);
	}
	// `npm run demo` as a newcomer uses it, from a fresh clone without ../shared: once, on the first line run in full.
	for (const install of installs.filter((i) => !queueModeOnly && !realWooOnly && i.key !== smokeLine).slice(0, 1)) {
		await check(`demo: npm run demo on n8n ${install.version} from a fresh clone without ../shared — control page changes reach the shop, POHODA and the mails within one poll; template 3 mails the invoice PDF; Ctrl-C stops everything`, () =>
			checkDemo({ line: install.key, artifactsDir: path.join(ARTIFACTS, `n8n-${install.version}`) }),
		);
	}

	timings.total = secondsSince(started);
	const summary = { results, timings };
	fs.writeFileSync(path.join(ARTIFACTS, 'summary.json'), JSON.stringify(summary, null, 2));
	const count = (s) => results.filter((r) => r.status === s).length;
	console.log(`\nTimings (s): ${JSON.stringify(timings)}`);
	console.log(`e2e: ${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped`);
	for (const r of results.filter((x) => x.status === 'SKIP')) console.log(`  SKIP ${r.name}: ${firstLines(r.detail, 1)}`);
	if (count('FAIL') > 0) {
		for (const r of results.filter((x) => x.status === 'FAIL')) console.log(`  FAIL ${r.name}`);
		process.exitCode = 1;
	}
	// Everything is built now: in a full run (CI) a skipped check means something is missing, so the run fails.
	if (!process.env.E2E_ONLY && count('SKIP') > 0) {
		console.log('e2e: a full run must skip nothing (only E2E_ONLY may narrow it)');
		process.exitCode = 1;
	}
}

async function runLine(install, tarball, manifest, templates) {
	const tag = `n8n ${install.version}`;
	const artifacts = path.join(ARTIFACTS, `n8n-${install.version}`);
	// A folder of its own: concurrent runs (other worktrees) of the same line deleted a shared one under each other.
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `order-sync-e2e-${install.version}-`));
	fs.mkdirSync(artifacts, { recursive: true });
	const { port, brokerPort } = await n8nPorts();
	const n8n = new N8nInstance(install, { userFolder, port, brokerPort, logFile: path.join(artifacts, 'n8n.log') });
	const { startSystems } = require('./systems');
	const systems = await startSystems();
	const scenarioContext = { n8n, systems, tag, artifacts, install, workflows: {}, executions: [] };
	try {
		await timed(`${tag}: install package`, () => installIntoUserFolder(userFolder, tarball, install.nodeDir));

		let exported = null;
		await check(`${tag}: n8n export:nodes lists our nodes with their light and dark icons`, async () => {
			const file = path.join(userFolder, 'nodes.json');
			await n8n.mustCli(['export:nodes', `--output=${file}`]);
			exported = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (!manifest.nodes.length) throw new Skip('package.json n8n.nodes is empty: no node built yet');
			const problems = [];
			for (const node of manifest.nodes) {
				const found = exported.find((d) => d.name === node.type);
				if (!found) {
					problems.push(`${node.type} missing`);
					continue;
				}
				const icon = resolveIcon(found, userFolder);
				if (!icon.ok) problems.push(`${node.type}: ${icon.reason}`);
			}
			if (problems.length) throw new Error(problems.join('; '));
			return manifest.nodes.map((n) => n.name).join(', ');
		});
		const knownTypes = new Set((exported || []).map((d) => d.name));

		await timed(`${tag}: import credentials`, () => n8n.importCredentials(systems.credentials));

		const importable = [];
		for (const t of templates) {
			const ok = await check(`${tag}: template ${t.file} uses only known node types`, () => {
				const notBuilt = t.ourTypes.filter((type) => !manifest.nodes.some((n) => n.type === type));
				if (notBuilt.length) throw new Skip(`node(s) not built yet: ${notBuilt.join(', ')}`);
				const unknown = t.types.filter((type) => !knownTypes.has(type));
				if (unknown.length) throw new Error(`unknown in ${tag}: ${unknown.join(', ')}`);
				return `${t.json.nodes.length} nodes`;
			});
			if (ok) importable.push(t);
		}

		if (importable.length) {
			await check(`${tag}: n8n import:workflow imports the templates unchanged`, async () => {
				Object.assign(scenarioContext.workflows, await n8n.importTemplates(importable));
				return importable.map((t) => t.file).join(', ');
			});
		}

		const scenarios = loadScenarios(templates, scenarioContext).filter((s) => install.key !== smokeLine || SMOKE_TEMPLATES.includes(s.template));
		for (const s of scenarios.filter((x) => x.mode === 'execute')) await runScenario(s, scenarioContext);

		const active = scenarios.filter((x, i, all) => x.mode === 'activate' && scenarioContext.workflows[x.template] && all.findIndex((y) => y.mode === 'activate' && y.template === x.template) === i);
		for (const s of active) {
			const wf = scenarioContext.workflows[s.template];
			if (s.before) await s.before(scenarioContext);
			await n8n.setActive(wf.id, true);
		}

		await systems.restart();
		await timed(`${tag}: n8n start`, () => n8n.start());
		await n8n.setupOwner();
		await check(`${tag}: editor serves our node and credential types with light and dark icons`, () => checkServedTypes(n8n, manifest));
		await check(`${tag}: each credential's Test in the editor reaches its system; WooCommerce's names the customer mails it sends itself`, () =>
			checkCredentialTests(n8n, systems.credentials),
		);
		// Activated templates, then those driven through the running server (manual runs, Wait forms).
		for (const s of scenarios.filter((x) => x.mode === 'activate')) await runScenario(s, scenarioContext);
		for (const s of scenarios.filter((x) => x.mode === 'server')) await runScenario(s, scenarioContext);

		await check(`${tag}: editor shows our nodes with light and dark icons in the palette, opens every template and imports each as a user does`, async () => {
			if (!manifest.nodes.length) throw new Skip('no node built yet');
			const report = await checkEditor({
				baseUrl: n8n.baseUrl,
				owner: OWNER,
				nodes: manifest.nodes,
				workflows: Object.values(scenarioContext.workflows).map((w) => ({
					id: w.id,
					name: w.name,
					nodeCount: w.template.json.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length,
					json: w.template.json,
				})),
				artifactsDir: path.join(artifacts, 'screenshots'),
			});
			fs.writeFileSync(path.join(artifacts, 'browser.json'), JSON.stringify(report, null, 2));
			const nodeTypes = await fetchJson(`${n8n.baseUrl}/types/nodes.json`, n8n.cookie);
			// Each theme's palette entry shows that theme's served icon file.
			const wrongIcon = (p) => {
				const expected = nodeTypes.find((d) => d.name === p.type)?.iconUrl?.[p.theme];
				return !expected || !p.icon.src?.endsWith(expected.replace(/^\//, '')) ? `${p.node} (${p.theme}): icon ${p.icon.src}, expected ${expected}` : null;
			};
			const problems = [
				...report.palette.filter((p) => p.appliedTheme !== p.theme).map((p) => `${p.node}: editor in theme ${p.appliedTheme}, not ${p.theme}`),
				...report.palette.filter((p) => !p.icon.loaded).map((p) => `${p.node} (${p.theme}): icon not shown (${p.icon.src})`),
				...report.palette.map(wrongIcon).filter(Boolean),
				...report.workflows.filter((w) => w.unknownNodeText).map((w) => `${w.workflow} (${w.theme}): "${w.unknownNodeText}"`),
				...report.workflows.filter((w) => w.canvasNodes < w.expectedNodes).map((w) => `${w.workflow} (${w.theme}): ${w.canvasNodes}/${w.expectedNodes} nodes on the canvas`),
				...report.imports.filter((w) => w.unknownNodeText).map((w) => `${w.workflow} pasted into the editor: "${w.unknownNodeText}"`),
				...report.imports.filter((w) => w.canvasNodes < w.expectedNodes).map((w) => `${w.workflow} pasted into the editor: ${w.canvasNodes}/${w.expectedNodes} nodes on the canvas`),
			];
			if (problems.length) throw new Error(problems.join('; '));
			return `${report.palette.length} palette entries and ${report.workflows.length} template views in the light and dark theme; ${report.imports.length} templates imported by pasting their JSON; screenshots in ${path.relative(ROOT, path.join(artifacts, 'screenshots'))}`;
		});
	} catch (error) {
		results.push({ name: `${tag}: harness`, status: 'FAIL', detail: error.stack, seconds: 0 });
		console.log(`FAIL ${tag}: harness — ${firstLines(error.stack, 30)}`);
	} finally {
		await n8n.stop();
		await systems.close();
	}
	const failed = results.some((r) => r.status === 'FAIL' && r.name.startsWith(tag));
	if (!failed) fs.rmSync(userFolder, { recursive: true, force: true });
}

/**
 * The WooCommerce templates against a real WooCommerce (test/e2e/real-woo.js, scenarios/real-woo.js), started clean for
 * the line, once per site time zone: a fresh n8n whose WooCommerce credential points at the shop (its certificate
 * trusted through NODE_EXTRA_CA_CERTS), with POHODA's simulator and the mail catcher beside it.
 */
async function runRealWoo(install, tarball, templates) {
	let shop;
	const started = await check(`n8n ${install.version}: ../shared/real-woo/setup.sh starts a clean WooCommerce 10 on loopback (https, self-signed)`, () => {
		try {
			shop = startRealWoo();
		} catch (error) {
			if (error instanceof Skip && process.env.ORDER_SYNC_NO_SKIP === '1') throw new Error(`${error.message} (ORDER_SYNC_NO_SKIP=1: it is required)`);
			throw error;
		}
		return `${shop.url}, WooCommerce ${shop.wcVersion}`;
	});
	if (!started) return;
	try {
		for (const zone of REAL_WOO_ZONES) await timed(`n8n ${install.version} real WooCommerce ${zone}`, () => runRealWooZone(install, tarball, templates, shop, zone));
	} finally {
		shop.stop();
	}
}

async function runRealWooZone(install, tarball, templates, shop, zone) {
	const tag = `n8n ${install.version} + real WooCommerce (${zone})`;
	const scenarios = REAL_WOO_SCENARIOS.filter((s) => !s.zones || s.zones.includes(zone));
	const files = new Set(scenarios.flatMap((s) => s.templates));
	const artifacts = path.join(ARTIFACTS, `n8n-${install.version}`, `real-woo-${zone.replace(/\W+/g, '-')}`);
	fs.mkdirSync(artifacts, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `order-sync-e2e-${install.version}-woo-`));
	const { port, brokerPort } = await n8nPorts();
	const n8n = new N8nInstance(install, { userFolder, port, brokerPort, logFile: path.join(artifacts, 'n8n.log'), env: { NODE_EXTRA_CA_CERTS: shop.caCert } });
	const { startSystems } = require('./systems');
	const systems = await startSystems();
	const ctx = { n8n, systems, shop, zone, tag, artifacts, install, workflows: {}, executions: [] };
	let passed = true;
	const runOne = async (s) => {
		const ok = await check(`${tag}: ${s.title}`, () => s.run({ ...ctx, execute: (file) => execute(ctx, file) }));
		if (!ok && s.mode === 'activate') for (const file of s.templates) await saveServerExecutions(ctx, file);
		passed &&= ok;
	};
	try {
		shop.setTimeZone(zone);
		await installIntoUserFolder(userFolder, tarball, install.nodeDir);
		await n8n.importCredentials(systems.credentials.map((c) => (c.type === 'orderSyncWooCommerceApi' ? { ...c, data: shop.credentialData() } : c)));
		Object.assign(ctx.workflows, await n8n.importTemplates(templates.filter((t) => files.has(t.file))));
		for (const s of scenarios.filter((x) => x.mode === 'execute')) await runOne(s);
		const active = scenarios.filter((x) => x.mode === 'activate');
		if (active.length) {
			for (const file of new Set(active.flatMap((s) => s.templates))) await n8n.setActive(ctx.workflows[file].id, true);
			await n8n.start();
			await n8n.setupOwner();
			for (const s of active) await runOne(s);
		}
	} catch (error) {
		passed = false;
		results.push({ name: `${tag}: harness`, status: 'FAIL', detail: error.stack, seconds: 0 });
		console.log(`FAIL ${tag}: harness — ${firstLines(error.stack, 30)}`);
	} finally {
		await n8n.stop();
		await systems.close();
	}
	if (passed) fs.rmSync(userFolder, { recursive: true, force: true });
}

/**
 * Scenarios per template (test/e2e/scenarios/<template>.js); a template without one is a failure. Modes: `execute`
 * (`n8n execute` before the server starts), `activate` (activated, then driven while n8n runs), `server` (driven
 * through the running server without activation: manual runs, Wait forms).
 */
function loadScenarios(templates, ctx) {
	const out = [];
	for (const t of templates) {
		const file = path.join(__dirname, 'scenarios', t.file.replace(/\.json$/, '.js'));
		if (!fs.existsSync(file)) {
			out.push({ template: t.file, mode: 'execute', name: `template ${t.file}`, run: () => Promise.reject(new Error(`no e2e scenario ${path.relative(ROOT, file)}`)) });
			continue;
		}
		// A module exports one scenario or several (e.g. a CLI run and a run through the server's Wait form).
		const exported = require(file);
		for (const scenario of Array.isArray(exported) ? exported : [exported]) {
			out.push({ template: t.file, ...scenario, name: `template ${t.file}${scenario.title ? ` — ${scenario.title}` : ''}` });
		}
	}
	return out.map((s) => ({ ...s, name: `${ctx.tag}: ${s.name}` }));
}

async function runScenario(s, ctx) {
	const passed = await check(s.name, async () => {
		if (!ctx.workflows[s.template]) throw new Skip('template not imported (see above)');
		const missing = (s.systems || []).filter((k) => k !== 'mail' && !ctx.systems.sims[k]);
		if (missing.length) throw new Skip(missing.map((k) => ctx.systems.missing[k]).join('; '));
		// Execute- and server-mode scenarios get empty systems; activated ones share those the running n8n registered with.
		if (s.mode !== 'activate') await ctx.systems.restart();
		else ctx.systems.mail.clear();
		return s.run({
			...ctx,
			workflow: ctx.workflows[s.template],
			execute: (file) => execute(ctx, file || s.template),
			setSettings: (values) => setSettings(ctx, s.template, values),
		});
	});
	if (!passed && s.mode !== 'execute') {
		await saveServerExecutions(ctx, s.template);
		saveWebhookDeliveries(ctx, s.template);
	}
}

/** What the shop simulators delivered to n8n and what n8n answered (a refused or lost delivery shows here). */
function saveWebhookDeliveries(ctx, templateFile) {
	const deliveries = Object.fromEntries(
		Object.entries(ctx.systems.sims)
			.filter(([, sim]) => Array.isArray(sim.deliveries))
			.map(([key, sim]) => [key, sim.deliveries]),
	);
	fs.writeFileSync(path.join(ctx.artifacts, `webhook-deliveries-${templateFile}`), JSON.stringify(deliveries, null, 1));
}

/** The running n8n's executions of a template (activated runs leave no CLI output), kept as an artifact. */
async function saveServerExecutions(ctx, templateFile) {
	const wf = ctx.workflows[templateFile];
	if (!wf) return;
	try {
		const list = await ctx.n8n.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: wf.id }))}&limit=20`);
		const results = list.data?.results ?? list.data ?? [];
		const details = [];
		for (const e of results) details.push(await ctx.n8n.rest('GET', `/rest/executions/${e.id}`));
		fs.writeFileSync(path.join(ctx.artifacts, `server-executions-${templateFile}`), JSON.stringify(details, null, 1));
	} catch (error) {
		console.log(`      (could not save the executions of ${templateFile}: ${error.message})`);
	}
}

/**
 * Sets values of the template's Settings node (e.g. `{ dryRun: true }`) in the imported workflow, as a merchant does
 * in the editor: the template imported again over the same workflow (same id, so the same sync state), changed only
 * there.
 */
async function setSettings(ctx, templateFile, values) {
	const wf = ctx.workflows[templateFile];
	const json = structuredClone(wf.template.json);
	const settings = json.nodes.find((node) => node.name === 'Settings');
	if (!settings) throw new Error(`${templateFile} has no Settings node`);
	for (const assignment of settings.parameters.assignments.assignments) {
		if (assignment.name in values) assignment.value = values[assignment.name];
	}
	const file = path.join(ctx.artifacts, `settings-${templateFile}`);
	fs.writeFileSync(file, JSON.stringify({ ...json, id: wf.id }));
	await ctx.n8n.mustCli(['import:workflow', `--input=${file}`]);
}

/** `n8n execute --id --rawOutput` of an imported template; returns the run data (throws on a failed run). */
async function execute(ctx, templateFile) {
	const wf = ctx.workflows[templateFile];
	const result = await ctx.n8n.cli(['execute', `--id=${wf.id}`, '--rawOutput']);
	// A process ended by a signal after it printed a finished run (seen on a busy machine) still ran it; said in the log.
	if (result.code === null && finishedRun(result.stdout)) {
		console.log(`      (n8n execute "${wf.name}" ended by ${result.signal} after printing a finished run)`);
	} else if (result.code !== 0) {
		const messages = [...new Set([...(result.stdout + result.stderr).matchAll(/"message": "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]))];
		throw new Error(`n8n execute "${wf.name}" failed (exit ${result.code}): ${messages.join(' | ') || (result.stdout + result.stderr).slice(-3000)}`);
	}
	const run = parseRawOutput(result.stdout);
	ctx.executions.push(templateFile);
	fs.writeFileSync(path.join(ctx.artifacts, `execution-${templateFile.replace(/\.json$/, '')}-${ctx.executions.length}.json`), JSON.stringify(run, null, 1));
	const items = (nodeName, output = 0) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[output] ?? [];
	return { run, items, ran: (nodeName) => Boolean(run.data.resultData.runData[nodeName]) };
}

/** Whether `--rawOutput` holds a run n8n reported finished and successful. */
function finishedRun(stdout) {
	try {
		const run = parseRawOutput(stdout);
		return run.finished === true && run.status === 'success';
	} catch {
		return false;
	}
}

/** The editor's credential test (POST /rest/credentials/test) of every credential the scenarios use. */
async function checkCredentialTests(n8n, credentials) {
	const results = [];
	for (const { id, name, type, data } of credentials) {
		const { data: result } = await n8n.rest('POST', '/rest/credentials/test', { credentials: { id, name, type, data } });
		results.push({ type, ...result });
	}
	const failed = results.filter((r) => r.status !== 'OK');
	if (failed.length) throw new Error(failed.map((r) => `${r.type}: ${r.status} ${r.message}`).join('; '));
	const woo = results.find((r) => r.type === 'orderSyncWooCommerceApi');
	if (!/WooCommerce itself mails customers: .*Completed order/.test(woo?.message ?? '')) throw new Error(`WooCommerce's test does not name its mails: ${woo?.message}`);
	const presta = results.find((r) => r.type === 'orderSyncPrestaShopApi');
	if (presta && !/^Connected to .*\(PrestaShop [\d.]+\).*PrestaShop itself mails customers: .*Shipped \(template "shipped"/.test(presta.message ?? '')) {
		throw new Error(`PrestaShop's test does not name its release and state mails: ${presta.message}`);
	}
	return `${results.length} credentials OK; ${woo.message}`;
}

async function checkServedTypes(n8n, manifest) {
	if (!manifest.nodes.length && !manifest.credentials.length) throw new Skip('no node or credential built yet');
	const problems = [];
	const nodeTypes = await fetchJson(`${n8n.baseUrl}/types/nodes.json`, n8n.cookie);
	const credTypes = await fetchJson(`${n8n.baseUrl}/types/credentials.json`, n8n.cookie);
	const served = [
		...manifest.nodes.map((n) => ({ what: n.type, desc: nodeTypes.find((d) => d.name === n.type) })),
		...manifest.credentials.map((c) => ({ what: c.name, desc: credTypes.find((d) => d.name === c.name) })),
	];
	for (const { what, desc } of served) {
		if (!desc) {
			problems.push(`${what} not served`);
			continue;
		}
		const icons = themedIconUrls(desc);
		if (!icons.ok) {
			problems.push(`${what}: ${icons.reason}`);
			continue;
		}
		for (const iconUrl of [icons.light, icons.dark]) {
			const res = await fetch(`${n8n.baseUrl}/${iconUrl.replace(/^\//, '')}`, { headers: { cookie: n8n.cookie } });
			const body = await res.text();
			if (!res.ok || !/<svg/i.test(body)) problems.push(`${what}: icon ${iconUrl} → HTTP ${res.status}`);
		}
	}
	if (problems.length) throw new Error(problems.join('; '));
	return `${served.length} types with light and dark SVG icons`;
}

async function fetchJson(url, cookie) {
	const res = await fetch(url, { headers: { cookie } });
	if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
	return res.json();
}

/** The light and dark icon URLs of a node or credential description (n8n turns `icon: { light, dark }` into them). */
function themedIconUrls(desc) {
	const { light, dark } = typeof desc.iconUrl === 'object' && desc.iconUrl ? desc.iconUrl : {};
	if (!light || !dark) return { ok: false, reason: `no light and dark iconUrl (iconUrl: ${JSON.stringify(desc.iconUrl)}, icon: ${JSON.stringify(desc.icon)})` };
	if (light === dark) return { ok: false, reason: `light and dark icon are the same file ${light}` };
	return { ok: true, light, dark };
}

/** Both icons of an exported node description, as SVG files inside the installed package. */
function resolveIcon(desc, userFolder) {
	const icons = themedIconUrls(desc);
	if (!icons.ok) return icons;
	for (const iconUrl of [icons.light, icons.dark]) {
		const rel = iconUrl.replace(/^\/?icons\/n8n-nodes-order-sync\//, '');
		const file = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-order-sync', rel);
		if (!fs.existsSync(file)) return { ok: false, reason: `icon file ${rel} not in the installed package` };
		if (!/<svg/i.test(fs.readFileSync(file, 'utf8'))) return { ok: false, reason: `${rel} is not an SVG` };
	}
	return { ok: true };
}

const secondsSince = (t) => Math.round((Date.now() - t) / 100) / 10;
const firstLines = (text, n) => String(text).split('\n').slice(0, n).join('\n      ');

if (require.main === module) {
	main().catch((error) => {
		console.error(error.stack || error);
		process.exitCode = 1;
	});
}
