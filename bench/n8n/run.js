#!/usr/bin/env node
'use strict';
// `npm run bench:n8n`: the whole POHODA → WooCommerce job in a real n8n (the e2e harness's), our template against the
// same job built from n8n's own nodes, under one network model (issue 20). Options:
//   --orders=100,1000   sizes (10000 on demand)      --repeat=3   runs per job (the median counts)
//   --n8n=1|2|both      n8n line (default N8N_E2E_VERSION, else 2)  --jobs=ours,stock
//   --skip-build        pack the dist already built            --stock-repeat=N   runs of the stock job (default --repeat)
//   --state=sqlite,memory  ours with the durable store (SQLite) and with an in-process one (`ours-memory`, the baseline
//                       the store's cost is measured against)   --cpu-prof   a V8 CPU profile of each timed run of ours
// Prints one JSON line per job and size, then one summary line per n8n line and size.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureN8n, selectedLines } = require('../../test/e2e/install-n8n');
const { buildAndPack, installIntoUserFolder, ROOT } = require('../../test/e2e/pack');
const { N8nInstance, parseRawOutput, tail } = require('../../test/e2e/n8n-instance');
const { n8nPorts } = require('../../test/e2e/ports');
const { SIMULATORS, CREDENTIAL_NAMES, loadSimulator } = require('../../test/e2e/systems');
const { PRODUCTS } = require('../../demo/seed');
const { startProxy, startSmtpSink } = require('./network');
const { sampleTree } = require('./memory');

/** The network model: a shop and a mail provider on the same continent, POHODA on the LAN. */
const MODEL = { shopMs: 20, smtpMs: 20, pohodaMs: 1, batchSize: 100, smtpPool: 5 };
const OURS = 'pohoda-to-woocommerce-status-sync.json';
const STOCK = path.join(__dirname, 'stock-pohoda-to-woocommerce.json');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'bench-n8n');

const args = Object.fromEntries(
	process.argv.slice(2).map((arg) => {
		const [key, value] = arg.replace(/^--/, '').split('=');
		return [key, value ?? 'true'];
	}),
);
const SIZES = (args.orders ?? '100,1000').split(',').map(Number);
const REPEAT = Number(args.repeat ?? 3);
const STOCK_REPEAT = Number(args['stock-repeat'] ?? REPEAT);
const STATES = (args.state ?? 'sqlite').split(',');
const JOBS = (args.jobs ?? 'ours,stock').split(',').flatMap((name) => (name === 'ours' ? STATES.map((state) => (state === 'sqlite' ? 'ours' : `ours-${state}`)) : [name]));
const CPU_PROF = args['cpu-prof'] === 'true';
const LINE_KEYS = selectedLines(args.n8n ?? process.env.N8N_E2E_VERSION ?? '2');

/** Customers by country: the language their mail must be in; names POHODA's Windows-1250 can hold. */
const CUSTOMERS = [
	{ country: 'CZ', language: 'cs', tld: 'cz', first: 'Jiří', last: 'Dvořák' },
	{ country: 'SK', language: 'sk', tld: 'sk', first: 'Zuzana', last: 'Kováčová' },
	{ country: 'PL', language: 'pl', tld: 'pl', first: 'Małgorzata', last: 'Wiśniewska' },
	{ country: 'DE', language: 'de', tld: 'de', first: 'Jürgen', last: 'Müller' },
	{ country: 'SE', language: 'sv', tld: 'se', first: 'Jonas', last: 'Lindström' },
];
const FIRST_SHOP_ID = 5001;

function plan(count) {
	return Array.from({ length: count }, (_, i) => {
		const customer = CUSTOMERS[i % CUSTOMERS.length];
		const shopId = FIRST_SHOP_ID + i;
		return { shopId, customer, email: `customer-${shopId}@example.${customer.tld}` };
	});
}

function shopOrder(o) {
	const person = { first_name: o.customer.first, last_name: o.customer.last, email: o.email, country: o.customer.country, city: 'Brno', address_1: 'Masarykova 31', postcode: '602 00' };
	return {
		id: o.shopId,
		status: 'processing',
		currency: 'CZK',
		billing: person,
		shipping: person,
		meta_data: [{ key: 'wpml_language', value: o.customer.language }],
		line_items: [
			{ product_id: 11, quantity: 2 },
			{ product_id: 14, quantity: 1 },
		],
	};
}

function pohodaOrder(o, changedAt) {
	const beans = PRODUCTS.find((p) => p.sku === 'BEANS-1KG');
	const filters = PRODUCTS.find((p) => p.sku === 'FILTERS');
	return {
		partner: { name: `${o.customer.first} ${o.customer.last}`, email: o.email, city: 'Brno', street: 'Masarykova 31', zip: '602 00', country: o.customer.country },
		extId: { ids: String(o.shopId), exSystemName: 'woocommerce' },
		numberOrder: String(o.shopId),
		text: `E-shop order ${o.shopId}`,
		lines: [
			{ text: beans.name, code: beans.sku, quantity: 2, unitPrice: Number(beans.price), rateVAT: 'high' },
			{ text: filters.name, code: filters.sku, quantity: 1, unitPrice: Number(filters.price), rateVAT: 'high' },
		],
		...(changedAt ? { changedAt } : {}),
	};
}

/** Floor of the model: one POHODA request, shop batches of 100 one after another, pooled pipelined SMTP sessions. */
function floor(orders) {
	const shopRequests = Math.ceil(orders / MODEL.batchSize);
	const perSession = Math.ceil(orders / MODEL.smtpPool);
	// A session: greeting, EHLO, AUTH (3 round trips); a message: MAIL+RCPT+DATA pipelined, then the body (2).
	const smtpMs = (3 + 2 * perSession) * MODEL.smtpMs;
	return { ms: MODEL.pohodaMs + shopRequests * MODEL.shopMs + smtpMs, shopRequests, smtpConnections: Math.min(MODEL.smtpPool, orders), smtpMs };
}

/** WooCommerce and POHODA simulators behind connection-counting proxies, the SMTP sink behind a delaying one. */
async function startNetwork() {
	const net = { sims: {}, proxies: {} };
	const ports = {};
	net.start = async () => {
		for (const key of ['woocommerce', 'pohoda']) {
			const { start } = loadSimulator(key);
			const latencyMs = key === 'woocommerce' ? MODEL.shopMs : MODEL.pohodaMs;
			net.sims[key] = await start({ ...SIMULATORS[key].defaults, latencyMs, ...(ports[key] ? { port: ports[key] } : {}) });
			ports[key] = Number(new URL(net.sims[key].url).port);
		}
	};
	await net.start();
	net.smtp = await startSmtpSink();
	for (const key of ['woocommerce', 'pohoda']) net.proxies[key] = await startProxy({ host: '127.0.0.1', port: ports[key] });
	net.proxies.smtp = await startProxy({ host: net.smtp.host, port: net.smtp.port }, { replyDelayMs: MODEL.smtpMs });
	/** Empty simulators on the same ports (the credentials stay valid), counters at zero. */
	net.restart = async () => {
		await Promise.all(Object.values(net.sims).map((s) => s.close()));
		await net.start();
		net.resetCounters();
	};
	net.resetCounters = () => {
		for (const proxy of Object.values(net.proxies)) proxy.reset();
		net.smtp.reset();
		net.sims.woocommerce.resetRequestCount();
		net.sims.pohoda.requests.length = 0;
	};
	net.counters = () => ({
		shopRequests: net.sims.woocommerce.requestCount,
		/** e.g. { "POST /wp-json/wc/v3/orders/batch": 10 } */
		shopRequestKinds: net.sims.woocommerce.requests.reduce((kinds, r) => {
			const kind = `${r.method} ${r.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
			return { ...kinds, [kind]: (kinds[kind] ?? 0) + 1 };
		}, {}),
		pohodaRequests: net.sims.pohoda.requests.length,
		shopConnections: net.proxies.woocommerce.stats.connections,
		pohodaConnections: net.proxies.pohoda.stats.connections,
		smtpConnections: net.proxies.smtp.stats.connections,
		smtpSessions: net.smtp.stats.sessions,
		smtpMessages: net.smtp.stats.messages,
		pohodaAnswerBytes: net.proxies.pohoda.stats.bytesFromServer,
	});
	net.credentials = () => {
		const viaProxy = (key) => ({ ...net.sims[key], url: `http://127.0.0.1:${net.proxies[key].port}` });
		const woo = viaProxy('woocommerce');
		const pohoda = viaProxy('pohoda');
		const pohodaUser = Object.entries(SIMULATORS.pohoda.defaults.users)[0];
		const smtp = { host: '127.0.0.1', port: net.proxies.smtp.port, user: 'shop', password: 'bench-password' };
		const credential = (id, type, name, data) => ({ id, name, type, data });
		return [
			credential('benchWoo', 'orderSyncWooCommerceApi', CREDENTIAL_NAMES.orderSyncWooCommerceApi, SIMULATORS.woocommerce.data(woo)),
			credential('benchPohoda', 'orderSyncPohodaApi', CREDENTIAL_NAMES.orderSyncPohodaApi, SIMULATORS.pohoda.data(pohoda, SIMULATORS.pohoda.defaults)),
			credential('benchSmtp', 'orderSyncSmtpApi', CREDENTIAL_NAMES.orderSyncSmtpApi, {
				...smtp,
				security: 'none',
				fromEmail: 'shop@order-sync.test',
				fromName: 'Demo Coffee Shop',
				heloName: 'localhost',
				allowUnauthorizedCerts: false,
			}),
			credential('benchStockPohoda', 'httpHeaderAuth', 'POHODA mServer', {
				name: 'STW-Authorization',
				value: `Basic ${Buffer.from(pohodaUser.join(':')).toString('base64')}`,
			}),
			credential('benchStockWoo', 'wooCommerceApi', 'WooCommerce (stock)', {
				url: woo.url,
				consumerKey: woo.consumerKey,
				consumerSecret: woo.consumerSecret,
				includeCredentialsInQuery: false,
			}),
			credential('benchStockSmtp', 'smtp', 'SMTP (stock)', { ...smtp, secure: false, disableStartTls: true, hostName: 'localhost' }),
		];
	};
	net.close = () => Promise.allSettled([...Object.values(net.sims).map((s) => s.close()), ...Object.values(net.proxies).map((p) => p.close()), net.smtp.close()]);
	return net;
}

/** The stock workflow pointed at this mServer (its URL and IČO, as a user types them in). */
function stockWorkflow(net) {
	const json = JSON.parse(fs.readFileSync(STOCK, 'utf8'));
	const http = json.nodes.find((n) => n.type === 'n8n-nodes-base.httpRequest');
	http.parameters.url = `http://127.0.0.1:${net.proxies.pohoda.port}/xml`;
	http.parameters.body = http.parameters.body.replace(/ico="\d+"/, `ico="${net.sims.pohoda.ico}"`);
	return json;
}

/**
 * `n8n execute --id --rawOutput` with the instance's environment, sampling the RSS of n8n and its task runners.
 * Resolves the run, the workflow's own time (execution start to stop) and the peak RSS while it ran.
 */
function execute(n8n, workflowId, { timeoutMs = 3600_000, nodeArgs = [], env = {} } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		// Into a file: n8n exits right after printing, and a pipe would lose the end of a large run.
		const outFile = path.join(n8n.userFolder, 'execute-output.json');
		const out = fs.openSync(outFile, 'w');
		const child = spawn(n8n.install.nodeBin, [...nodeArgs, n8n.install.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
			cwd: n8n.userFolder,
			env: { ...n8n.env(), ...env },
			stdio: ['ignore', out, 'pipe'],
			detached: true,
		});
		fs.closeSync(out);
		let stderr = '';
		const samples = [];
		child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-20000)));
		const sampler = setInterval(() => samples.push({ at: Date.now(), rss: sampleTree(child.pid), cpuMs: cpuMsOf(child.pid) }), 100);
		const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(sampler);
			clearTimeout(timer);
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.appendFileSync(n8n.logFile, `\n$ n8n execute --id=${workflowId} (exit ${code})\n${stderr}\n`);
			let run;
			try {
				run = parseRawOutput(stdout);
			} catch {
				run = undefined;
			}
			// A process ended by a signal after it printed a finished run still ran it (n8n 2.40.5 at times segfaults on exit).
			const finished = run?.finished === true && run.status === 'success';
			if (code !== 0 && !(code === null && finished)) return reject(new Error(`n8n execute ${workflowId} failed (exit ${code}, ${signalOf(child)}):\n${tail(stdout + stderr)}`));
			if (!run) return reject(new Error(`n8n execute ${workflowId} (exit ${code}, ${signalOf(child)}) printed no run:\n${tail(stdout + stderr)}`));
			if (code === null) process.stderr.write(`[bench] n8n execute ${workflowId} ended by ${signalOf(child)} after printing a finished run\n`);
			if (run.data?.resultData?.error) return reject(new Error(`execution failed: ${run.data.resultData.error.message}`));
			const startedAt = Date.parse(run.startedAt);
			const stoppedAt = Date.parse(run.stoppedAt);
			const during = samples.filter((s) => s.at <= stoppedAt + 100);
			const running = during.filter((s) => s.at >= startedAt && s.cpuMs !== undefined);
			resolve({
				run,
				ms: stoppedAt - startedAt,
				processMs: Date.now() - started,
				peakRssMB: mb(Math.max(0, ...during.map((s) => s.rss))),
				// CPU of the n8n process while the workflow ran (100 ms samples): less at the mercy of a busy machine than its time
				cpuMs: running.length > 1 ? running.at(-1).cpuMs - running[0].cpuMs : undefined,
				processPeakRssMB: mb(Math.max(0, ...samples.map((s) => s.rss))),
			});
		});
	});
}

/** Per node: its time (ms) and the JSON size of what it passed on (bytes per item). */
function nodeFigures(run) {
	const figures = {};
	for (const [name, runs] of Object.entries(run.data.resultData.runData)) {
		const items = (runs[0]?.data?.main ?? []).flat().filter(Boolean);
		const bytes = items.reduce((sum, item) => sum + JSON.stringify(item.json).length, 0);
		figures[name] = { ms: runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0), items: items.length, bytesPerItem: items.length ? Math.round(bytes / items.length) : 0 };
	}
	return figures;
}

/** Every order completed in the shop, every customer mailed once, in their language, naming the order. */
async function verify(net, orders) {
	const { simpleParser } = require('mailparser');
	const problems = [];
	const notCompleted = orders.filter((o) => net.sims.woocommerce.orders.get(o.shopId)?.status !== 'completed');
	if (notCompleted.length) problems.push(`${notCompleted.length} shop orders not completed, e.g. ${notCompleted.slice(0, 3).map((o) => `${o.shopId}: ${net.sims.woocommerce.orders.get(o.shopId)?.status}`).join(', ')}`);
	const byRecipient = new Map();
	for (const message of net.smtp.messages) for (const to of message.to) byRecipient.set(to, [...(byRecipient.get(to) ?? []), message]);
	const missing = [];
	const twice = [];
	const wrong = [];
	for (const o of orders) {
		const mails = byRecipient.get(o.email) ?? [];
		if (mails.length === 0) missing.push(o.email);
		if (mails.length > 1) twice.push(o.email);
		if (mails.length !== 1) continue;
		const parsed = await simpleParser(mails[0].raw);
		const html = parsed.html || '';
		const lang = /<html[^>]*\blang="([a-z]{2})/i.exec(html)?.[1];
		if (lang !== o.customer.language) wrong.push(`${o.email}: lang ${lang}, expected ${o.customer.language}`);
		else if (!`${parsed.subject} ${html}`.includes(String(o.shopId))) wrong.push(`${o.email}: the mail does not name order ${o.shopId}`);
	}
	const strangers = [...byRecipient.keys()].filter((to) => !orders.some((o) => o.email === to));
	if (missing.length) problems.push(`${missing.length} customers not mailed, e.g. ${missing.slice(0, 3).join(', ')}`);
	if (twice.length) problems.push(`${twice.length} customers mailed more than once, e.g. ${twice.slice(0, 3).join(', ')}`);
	if (wrong.length) problems.push(`${wrong.length} mails wrong, e.g. ${wrong.slice(0, 3).join('; ')}`);
	if (strangers.length) problems.push(`mails to unexpected recipients: ${strangers.slice(0, 3).join(', ')}`);
	if (problems.length) throw new Error(problems.join('\n'));
}

/** Ours: a first run remembers "now"; the orders arrive in POHODA and are seen; they become Vyřízeno; the timed run. */
async function runOurs(ctx, orders, state) {
	const { net, n8n, ids } = ctx;
	const stateFolder = path.join(n8n.userFolder, '.n8n', 'order-sync');
	fs.rmSync(stateFolder, { recursive: true, force: true });
	const options = {};
	if (state === 'memory') {
		fs.mkdirSync(stateFolder, { recursive: true });
		options.env = { NODE_OPTIONS: `--require=${path.join(__dirname, 'memory-state.js')}`, ORDER_SYNC_BENCH_MEMORY_STATE: path.join(stateFolder, 'memory-state.json') };
	}
	net.sims.woocommerce.seed(orders.map(shopOrder), PRODUCTS);
	await execute(n8n, ids.ours, options);
	const created = net.sims.pohoda.seed(orders.map((o) => pohodaOrder(o)));
	await execute(n8n, ids.ours, options);
	if (net.smtp.messages.length) throw new Error(`orders arriving in POHODA were mailed (${net.smtp.messages.length})`);
	for (const c of created) net.sims.pohoda.setExecuted(c.id);
	net.resetCounters();
	const profile = CPU_PROF ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.join(ctx.artifacts, 'cpu-prof')}`, `--cpu-prof-name=ours-${state}-${orders.length}-${Date.now()}.cpuprofile`] } : {};
	const result = await execute(n8n, ids.ours, { ...options, ...profile });
	if (state === 'memory' && fs.existsSync(path.join(stateFolder, 'state.sqlite'))) throw new Error('the in-memory run opened the SQLite store');
	return result;
}

/** Stock: the orders were received an hour ago and became Vyřízeno now; its mServer query asks for the last 5 minutes. */
async function runStock(ctx, orders) {
	const { net, n8n, ids } = ctx;
	net.sims.woocommerce.seed(orders.map(shopOrder), PRODUCTS);
	const created = net.sims.pohoda.seed(orders.map((o) => pohodaOrder(o, Date.now() - 3600_000)));
	for (const c of created) net.sims.pohoda.setExecuted(c.id);
	net.resetCounters();
	return execute(n8n, ids.stock);
}

async function job(ctx, name, orders) {
	await ctx.net.restart();
	const result = await (name === 'stock' ? runStock(ctx, orders) : runOurs(ctx, orders, name.replace(/^ours-?/, '') || 'sqlite'));
	const counters = ctx.net.counters();
	await verify(ctx.net, orders);
	return { ...result, ...counters, requests: counters.shopRequests + counters.pohodaRequests, pohodaPayloadBytes: await pohodaPayloadBytes(ctx.net) };
}

/** POHODA's answer listing the orders changed in the last hour, as bytes (uncompressed): the job's input. */
async function pohodaPayloadBytes(net) {
	const pohoda = net.sims.pohoda;
	const since = new Date(Date.now() - 3600_000).toLocaleString('sv-SE', { timeZone: 'Europe/Prague' }).replace(' ', 'T');
	const body = stockWorkflow(net)
		.nodes.find((n) => n.type === 'n8n-nodes-base.httpRequest')
		.parameters.body.replace(/^=/, '')
		.replace(/\{\{ \$execution\.id \}\}/, 'bench')
		.replace(/\{\{ \$now.*?\}\}/, since);
	const [user, password] = Object.entries(SIMULATORS.pohoda.defaults.users)[0];
	const answer = await fetch(`${pohoda.url}/xml`, {
		method: 'POST',
		headers: { 'Content-Type': 'text/xml', 'STW-Authorization': `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
		body,
	});
	if (!answer.ok) throw new Error(`POHODA answered ${answer.status} to the payload probe`);
	pohoda.requests.length = 0;
	return (await answer.arrayBuffer()).byteLength;
}

const signalOf = (child) => child.signalCode ?? 'no signal';

/** User and system CPU time of a process so far, in ms (undefined once it is gone). */
function cpuMsOf(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return undefined;
	}
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const mb = (kb) => Math.round(kb / 1024);

async function benchLine(install, tarball) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `order-sync-bench-${install.version}-`));
	const artifacts = path.join(ARTIFACTS, `n8n-${install.version}`);
	fs.mkdirSync(artifacts, { recursive: true });
	const { port, brokerPort } = await n8nPorts();
	const n8n = new N8nInstance(install, { userFolder, port, brokerPort, logFile: path.join(artifacts, 'n8n.log') });
	const net = await startNetwork();
	const summaries = [];
	try {
		await installIntoUserFolder(userFolder, tarball, install.nodeDir);
		await n8n.importCredentials(net.credentials());
		const ours = { file: OURS, path: path.join(ROOT, 'workflows', OURS) };
		ours.json = JSON.parse(fs.readFileSync(ours.path, 'utf8'));
		const stockFile = path.join(userFolder, 'stock-pohoda-to-woocommerce.json');
		fs.writeFileSync(stockFile, JSON.stringify(stockWorkflow(net)));
		const stock = { file: 'stock-pohoda-to-woocommerce.json', path: stockFile, json: JSON.parse(fs.readFileSync(stockFile, 'utf8')) };
		const imported = await n8n.importTemplates([ours, stock]);
		const ctx = { net, n8n, artifacts, ids: { ours: imported[ours.file].id, stock: imported[stock.file].id } };

		for (const size of SIZES) {
			const orders = plan(size);
			const medians = {};
			for (const name of JOBS) {
				const runs = [];
				const repeat = name === 'stock' ? STOCK_REPEAT : REPEAT;
				for (let i = 0; i < repeat; i++) {
					const r = await job(ctx, name, orders);
					runs.push(r);
					fs.writeFileSync(path.join(artifacts, `${name}-${size}-${i + 1}.nodes.json`), JSON.stringify(nodeFigures(r.run), null, 1));
					process.stderr.write(`[bench] n8n ${install.version} ${name} ${size} orders, run ${i + 1}/${repeat}: ${r.ms} ms (CPU ${r.cpuMs} ms), ${r.requests} requests, ${r.smtpConnections} SMTP connections, peak ${r.peakRssMB} MB\n`);
				}
				const mid = runs.find((r) => r.ms === median(runs.map((x) => x.ms)));
				const line = {
					job: name,
					orders: size,
					n8nVersion: install.version,
					ms: mid.ms,
					runsMs: runs.map((r) => r.ms),
					cpuMs: mid.cpuMs,
					runsCpuMs: runs.map((r) => r.cpuMs),
					processMs: mid.processMs,
					requests: mid.requests,
					shopRequests: mid.shopRequests,
					shopRequestKinds: mid.shopRequestKinds,
					pohodaRequests: mid.pohodaRequests,
					shopConnections: mid.shopConnections,
					pohodaConnections: mid.pohodaConnections,
					smtpConnections: mid.smtpConnections,
					smtpSessions: mid.smtpSessions,
					smtpMessages: mid.smtpMessages,
					peakRssMB: mid.peakRssMB,
					processPeakRssMB: mid.processPeakRssMB,
					pohodaAnswerBytes: mid.pohodaAnswerBytes,
					pohodaPayloadBytes: mid.pohodaPayloadBytes,
					nodes: nodeFigures(mid.run),
					checked: 'every order completed, every customer mailed once in their language',
				};
				console.log(JSON.stringify(line));
				medians[name] = line;
			}
			const f = floor(size);
			const ours = medians.ours;
			const stock = medians.stock;
			const summary = {
				orders: size,
				oursMs: ours?.ms,
				stockMs: stock?.ms,
				speedup: ours && stock ? round(stock.ms / ours.ms) : undefined,
				oursRequests: ours?.requests,
				stockRequests: stock?.requests,
				oursSmtpConnections: ours?.smtpConnections,
				stockSmtpConnections: stock?.smtpConnections,
				oursPeakRssMB: ours?.peakRssMB,
				// What n8n keeps of ours: every node's output items (JSON), in the execution's runData
				oursRunDataMB: ours ? round(Object.values(ours.nodes).reduce((sum, n) => sum + n.items * n.bytesPerItem, 0) / 1048576) : undefined,
				n8nVersion: install.version,
				// POHODA's answer as text (the stock build's decoded item), what the memory target compares with
				pohodaPayloadMB: round((ours ?? stock).pohodaPayloadBytes / 1048576),
				floorMs: f.ms,
				oursToFloor: ours ? round(ours.ms / f.ms) : undefined,
				// What the durable store (SQLite) adds to ours against the in-process store (--state=sqlite,memory)
				stateStoreOverhead: ours && medians['ours-memory'] ? round(ours.ms / medians['ours-memory'].ms - 1) : undefined,
				oursShopRequestsToFloor: ours ? round(ours.shopRequests / f.shopRequests) : undefined,
				model: { ...MODEL, floorShopRequests: f.shopRequests, floorSmtpMs: f.smtpMs },
				repeat: { ours: REPEAT, stock: STOCK_REPEAT },
				machine: `${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
			};
			console.log(JSON.stringify(summary));
			summaries.push(summary);
		}
		memoryGrowth(summaries);
	} finally {
		await net.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return summaries;
}

const round = (value) => Math.round(value * 100) / 100;

/**
 * The memory target: ours' peak RSS growth between sizes against the growth of POHODA's answer and of the runData
 * n8n keeps.
 */
function memoryGrowth(summaries) {
	const payloadMB = (orders) => summaries.find((s) => s.orders === orders).pohodaPayloadMB;
	for (let i = 1; i < summaries.length; i++) {
		const [from, to] = [summaries[i - 1], summaries[i]];
		if (from.oursPeakRssMB === undefined || to.oursPeakRssMB === undefined) continue;
		const rssGrowthMB = to.oursPeakRssMB - from.oursPeakRssMB;
		const pohodaPayloadGrowthMB = round(payloadMB(to.orders) - payloadMB(from.orders));
		console.log(JSON.stringify({
			memory: { fromOrders: from.orders, toOrders: to.orders, n8nVersion: to.n8nVersion, rssGrowthMB, pohodaPayloadGrowthMB, toPayload: round(rssGrowthMB / pohodaPayloadGrowthMB), runDataGrowthMB: round(to.oursRunDataMB - from.oursRunDataMB) },
		}));
	}
}

async function main() {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const log = fs.createWriteStream(path.join(ARTIFACTS, 'install.log'));
	const [installs, packed] = await Promise.all([
		Promise.all(LINE_KEYS.map((key) => ensureN8n(key, { log }))),
		buildAndPack(path.join(ARTIFACTS, 'pack'), { skipBuild: args['skip-build'] === 'true', log }),
	]);
	for (const install of installs) await benchLine(install, packed.tarball);
}

module.exports = { floor, plan, shopOrder, pohodaOrder, startNetwork, verify, pohodaPayloadBytes };

if (require.main === module) {
	main().catch((error) => {
		console.error(error.stack || error);
		process.exitCode = 1;
	});
}
