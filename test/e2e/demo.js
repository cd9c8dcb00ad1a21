'use strict';
// `npm run demo` as a newcomer uses it: starts `node demo/run.js`, waits for its banner, invoices and cancels POHODA
// orders and places a shop order with the control page's buttons, and watches the shop simulator, POHODA and the mail
// list: the shop status and one mail in the customer's language within one poll of the status-sync template, the new
// shop order in POHODA at once; template 3 run from its manual trigger mails the invoice PDF, which the mail page
// links. Then Ctrl-C (SIGINT): the demo exits with 0 and leaves no port and no process behind.
// It runs from a fresh clone of HEAD in a temporary folder without ../shared beside it, as a newcomer's: the clone
// builds the package itself (node_modules is linked to this checkout's), and its POHODA simulator must say once that
// it does not validate against the absent schemas.
// Run by test/e2e/run.js once (on the first full line), or alone (under the e2e lock: the demo's ports are fixed):
//   flock /tmp/order-sync-e2e.lock node test/e2e/demo.js [1|2]
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { PORTS } = require('../../demo/run');
const { CUSTOMERS } = require('../../demo/seed');
const { ensureN8n } = require('./install-n8n');
const { N8nInstance } = require('./n8n-instance');
const { ROOT } = require('./pack');
const { Skip } = require('./skip');
const { assert, assertMail, waitUntil } = require('./scenarios/helpers');

const STATUS_SYNC = path.join(ROOT, 'workflows', 'pohoda-to-woocommerce-status-sync.json');
const INVOICE_MAIL = path.join(ROOT, 'workflows', 'pohoda-invoice-to-woocommerce.json');
const BANNER_MS = 10 * 60000;
/** Beyond one poll interval: a change made while a poll runs is seen by the next one. */
const POLL_SLACK_MS = 30000;
/** A new shop order reaches n8n by webhook, not by a poll. */
const WEBHOOK_MS = 30000;
/** The demo stops n8n (SIGKILL after 20 s at worst) and the simulators. */
const STOP_MS = 40000;
/** What the POHODA simulator says once when it cannot validate (test/simulators/pohoda). */
const NOT_VALIDATING = /POHODA simulator: requests are not validated against POHODA's XML schemas: POHODA's XML schemas are not in (\S+):/g;

/** The status-sync template's poll interval in ms, from its schedule trigger. */
function pollIntervalMs() {
	const template = JSON.parse(fs.readFileSync(STATUS_SYNC, 'utf8'));
	const [interval] = template.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger').parameters.rule.interval;
	assert.equal(interval.field, 'minutes', `the status-sync template polls by ${interval.field}, this test expects minutes`);
	return interval.minutesInterval * 60000;
}

/** The demo's fixed ports (the task runner broker only in n8n 2.x, where runners are on). */
const demoPorts = (line) => Object.entries(PORTS).filter(([name]) => line === '2' || name !== 'taskBroker');

function portTaken(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', (error) => resolve(error.code === 'EADDRINUSE'));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
	});
}

async function takenPorts(ports) {
	const taken = [];
	for (const [name, port] of ports) if (await portTaken(port)) taken.push(`${port} (${name})`);
	return taken;
}

/**
 * A clone of this checkout's HEAD in a new temporary folder, which has no `shared` folder beside the clone; its
 * node_modules is a link to this checkout's (no second npm ci), everything else the clone builds itself.
 */
function cloneHead() {
	const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-demo-clone-'));
	const dir = path.join(parent, 'n8n-nodes-order-sync');
	const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
	execFileSync('git', ['clone', '--quiet', '--no-checkout', ROOT, dir]);
	execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: dir });
	fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'));
	assert.ok(!fs.existsSync(path.join(dir, '..', 'shared')), `${parent} has a shared folder`);
	return { dir, head: head.slice(0, 7), remove: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

/** The environment without what could point the clone at this checkout or at ../shared (npm's, POHODA_XSD_DIR). */
function newcomerEnv(line) {
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !['INIT_CWD', 'POHODA_XSD_DIR', 'NODE_OPTIONS'].includes(k)));
	return { ...env, N8N_DEMO_VERSION: line };
}

/** Processes still running in the demo's folder (n8n and its task runners run in `.demo/n8n-<version>`). */
function processesInDemoFolder(demoDir) {
	const found = [];
	for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
			if (cwd.startsWith(demoDir)) found.push({ pid: Number(pid), command: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
		} catch {
			// gone meanwhile, or not ours to read
		}
	}
	return found;
}

/** `node demo/run.js` (what `npm run demo` runs) in checkout `root`, with its output kept in `logFile`. */
function startDemo(root, line, logFile) {
	const log = fs.createWriteStream(logFile);
	const child = spawn(process.execPath, ['demo/run.js'], { cwd: root, env: newcomerEnv(line), stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const onData = (chunk) => {
		output += chunk;
		log.write(chunk);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let exit = null;
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exit = { code, signal };
			log.end();
			resolve(exit);
		}),
	);
	return {
		child,
		exited,
		demoDir: path.join(root, '.demo'),
		output: () => output,
		async banner(ms) {
			await waitUntil(
				() => exit || /is running with n8n-nodes-order-sync[\s\S]*Try it:/.test(output),
				() => `no "is running" banner within ${ms / 1000}s; demo output:\n${tail(output)}`,
				ms,
			);
			if (!/is running with/.test(output)) throw new Error(`the demo exited (${JSON.stringify(exit)}) before its banner:\n${tail(output)}`);
			return output.slice(output.indexOf('is running with'));
		},
	};
}

/** The addresses the banner prints, as a newcomer reads them. */
function bannerUrls(banner) {
	const url = (label) => {
		const match = new RegExp(`^\\s*${label}\\s+(http://\\S+)`, 'm').exec(banner);
		assert.ok(match, `the banner names no ${label} address:\n${banner}`);
		return match[1];
	};
	return { control: url('demo control'), mails: url('mails sent'), shop: url('WooCommerce sim'), pohoda: url('POHODA sim') };
}

async function getJson(url) {
	const res = await fetch(url);
	assert.ok(res.ok, `GET ${url}: HTTP ${res.status}`);
	return res.json();
}

/** Presses a control page button (a form POST); the page answers with a redirect back to itself. */
async function press(control, action) {
	const res = await fetch(`${control}/${action}`, { method: 'POST', redirect: 'manual' });
	assert.equal(res.status, 303, `POST ${control}/${action}: HTTP ${res.status}`);
	const page = await (await fetch(control)).text();
	const message = /<p class="msg">([^<]*)<\/p>/.exec(page)?.[1] ?? '';
	assert.ok(message && !message.startsWith('Failed'), `the control page reports for ${action}: "${message}"`);
	return message;
}

/**
 * Template 3 (invoice PDF mail) as a newcomer runs it: its manual trigger ("Execute workflow" in the editor) in the
 * demo's n8n, logged in as the demo owner. Each run must succeed.
 */
async function invoiceMailTemplate(line, demoDir) {
	const install = await ensureN8n(line);
	const n8n = new N8nInstance(install, { userFolder: path.join(demoDir, `n8n-${install.version}`), port: PORTS.n8n, logFile: path.join(demoDir, 'n8n.log') });
	await n8n.login();
	const template = JSON.parse(fs.readFileSync(INVOICE_MAIL, 'utf8'));
	const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger').name;
	const workflows = (await n8n.rest('GET', '/rest/workflows')).data;
	const workflow = workflows.find((w) => w.name === template.name);
	assert.ok(workflow, `the demo imported no workflow "${template.name}": ${workflows.map((w) => w.name).join('; ')}`);
	return {
		testRecipient: template.nodes.find((n) => n.type === 'n8n-nodes-order-sync.notifyCustomer').parameters.testRecipient,
		async run() {
			const id = await n8n.runManually(workflow.id, trigger);
			const execution = await n8n.waitForExecution(id);
			const error = execution.data?.resultData?.error;
			assert.equal(execution.status, 'success', `"${template.name}" run ${id} from "${trigger}" ended ${execution.status}: ${error?.message ?? ''}`);
			return itemsPerNode(execution);
		},
	};
}

/** "node: n items, …" of an execution, for messages. */
const itemsPerNode = (execution) =>
	Object.entries(execution.data?.resultData?.runData ?? {})
		.map(([node, runs]) => `${node}: ${runs.map((r) => (r.data?.main ?? []).map((output) => output?.length ?? 0).join('/')).join(', ')}`)
		.join('; ');

const mailsTo = (mails, email) => mails.filter((m) => m.envelopeTo.includes(email));
const tail = (text, chars = 4000) => (text.length > chars ? `…${text.slice(-chars)}` : text);
const secondsSince = (t) => Math.round((Date.now() - t) / 1000);

/** Changes in POHODA, seen in the shop and the mail list within one poll; a new shop order seen in POHODA. */
async function exercise(urls, line, demoDir) {
	const pollMs = pollIntervalMs();
	const shopOrders = async () => new Map((await getJson(`${urls.shop}/_sim/orders`)).map((o) => [o.id, o]));
	const pohodaOrders = () => getJson(`${urls.pohoda}/_sim/orders`);
	const mails = () => getJson(`${urls.mails}/api/mails`);
	const inPohoda = (orders, shopOrderId) => orders.filter((o) => o.extId?.ids === String(shopOrderId));

	assert.deepEqual((await mails()).map((m) => m.subject), [], 'the demo mailed before anything changed');
	const seeded = await pohodaOrders();
	const [invoiced] = inPohoda(seeded, 1001);
	const [cancelled] = inPohoda(seeded, 1002);
	assert.ok(invoiced && cancelled, `POHODA has no seeded orders for shop orders 1001 and 1002: ${JSON.stringify(seeded.map((o) => o.extId))}`);
	const invoiceMail = await invoiceMailTemplate(line, demoDir);

	const changed = Date.now();
	await press(urls.control, `pohoda/invoice/${invoiced.id}`);
	await press(urls.control, `pohoda/cancel/${cancelled.id}`);
	let shop;
	let sent;
	await waitUntil(
		async () => {
			[shop, sent] = await Promise.all([shopOrders(), mails()]);
			return shop.get(1001).status === 'completed' && shop.get(1002).status === 'cancelled' && mailsTo(sent, CUSTOMERS.sk.email).length && mailsTo(sent, CUSTOMERS.cs.email).length;
		},
		() => `within one poll (${pollMs / 1000}s + ${POLL_SLACK_MS / 1000}s): shop 1001 is ${shop?.get(1001).status} (want completed), 1002 is ${shop?.get(1002).status} (want cancelled); mails: ${JSON.stringify(sent?.map((m) => [m.envelopeTo, m.subject]))}`,
		pollMs + POLL_SLACK_MS,
	);
	const pollSeconds = secondsSince(changed);
	assertMail(sent, { to: CUSTOMERS.sk.email, lang: 'sk' });
	assertMail(sent, { to: CUSTOMERS.cs.email, lang: 'cs' });
	assert.equal(sent.length, 2, `expected 2 mails, got ${JSON.stringify(sent.map((m) => [m.envelopeTo, m.subject]))}`);
	// The mail page a newcomer opens lists both mails and renders each one's own HTML.
	const listing = await (await fetch(urls.mails)).text();
	for (const mail of sent) {
		assert.ok(listing.includes(`src="/mail/${mail.id}/body"`), `the mail page does not show mail #${mail.id}`);
		const rendered = await (await fetch(`${urls.mails}/mail/${mail.id}/body`)).text();
		assert.equal(rendered, mail.html, `the mail page renders something else for mail #${mail.id}`);
	}

	const before = new Set(shop.keys());
	const placedAt = Date.now();
	const message = await press(urls.control, 'woocommerce/new-order/random');
	assert.ok(message.includes('the webhook was delivered to n8n'), `the control page reports: ${message}`);
	const placed = [...(await shopOrders()).values()].filter((o) => !before.has(o.id));
	assert.equal(placed.length, 1, `the new-order button placed ${placed.length} shop orders`);
	const [order] = placed;
	const lang = order.meta_data.find((m) => m.key === 'wpml_language')?.value;
	let imported = [];
	let status = '';
	let newMails = [];
	await waitUntil(
		async () => {
			const [pohoda, shopNow, sentNow] = await Promise.all([pohodaOrders(), shopOrders(), mails()]);
			imported = inPohoda(pohoda, order.id);
			status = shopNow.get(order.id).status;
			newMails = sentNow.slice(sent.length);
			return imported.length && status === 'imported' && mailsTo(newMails, order.billing.email).length;
		},
		() => `shop order ${order.id}: ${imported.length} POHODA order(s), shop status ${status} (want imported), new mails ${JSON.stringify(newMails.map((m) => [m.envelopeTo, m.subject]))}`,
		WEBHOOK_MS,
	);
	assert.equal(imported.length, 1, `shop order ${order.id} is in POHODA ${imported.length} times`);
	assertMail(newMails, { to: order.billing.email, lang });
	assert.equal(newMails.length, 1, `placing one order mailed ${newMails.length} times`);

	const pdf = await invoicePdfMail(urls, invoiceMail, invoiced.id);
	return `invoice + cancel → shop completed/cancelled and 2 mails (sk, cs) in ${pollSeconds}s (poll ${pollMs / 1000}s); new shop order ${order.id} (${lang}) → POHODA ${imported[0].number}, shop "imported", 1 mail in ${secondsSince(placedAt)}s; ${pdf}`;
}

/**
 * Template 3 run after the invoice (the demo ran it twice before start, so it knows the seeded orders): one mail to its test recipient (test mode is on), for the Slovak customer,
 * listed on the mail page with the invoice PDF, whose link downloads that PDF.
 */
async function invoicePdfMail(urls, invoiceMail, pohodaOrderId) {
	const invoice = (await getJson(`${urls.pohoda}/_sim/orders`)).find((o) => o.id === pohodaOrderId)?.invoice;
	assert.ok(invoice, `POHODA order ${pohodaOrderId} has no invoice after the invoice button`);
	const before = (await getJson(`${urls.mails}/api/mails`)).length;
	const items = await invoiceMail.run();
	let added = [];
	await waitUntil(
		async () => (added = (await getJson(`${urls.mails}/api/mails`)).slice(before)).length,
		`the invoice mail template's second run mailed nothing (items per node: ${items})`,
		10000,
	);
	const mail = assertMail(added, { to: invoiceMail.testRecipient, lang: 'sk', includes: [invoice.number] });
	assert.equal(added.length, 1, `expected only the invoice mail, got ${JSON.stringify(added.map((m) => [m.envelopeTo, m.subject]))}`);
	assert.ok(mail.subject.includes(CUSTOMERS.sk.email), `the test-mode subject does not name the customer: ${mail.subject}`);
	const index = mail.attachments.findIndex((a) => a.contentType === 'application/pdf');
	assert.ok(index >= 0, `the invoice mail has no PDF attachment: ${JSON.stringify(mail.attachments)}`);
	const link = `/mail/${mail.id}/attachment/${index}`;
	const listing = await (await fetch(urls.mails)).text();
	assert.ok(listing.includes(`href="${link}"`) && listing.includes(mail.attachments[index].filename), `the mail page does not link the PDF of mail #${mail.id} (${link})`);
	const res = await fetch(`${urls.mails}${link}`);
	const bytes = Buffer.from(await res.arrayBuffer());
	assert.equal(res.status, 200, `GET ${link}: HTTP ${res.status}`);
	assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${link} is no PDF: ${JSON.stringify(bytes.subarray(0, 20).toString('latin1'))}`);
	assert.ok(bytes.toString('latin1').includes(invoice.number), `the downloaded PDF does not name invoice ${invoice.number}`);
	return `template 3 run from the editor → invoice ${invoice.number} mailed to ${invoiceMail.testRecipient} (test mode), its PDF (${bytes.length} bytes) linked on the mail page`;
}

/** Ctrl-C: SIGINT to the demo, which must exit with 0 in time and leave no port taken and no process running. */
async function interrupt(demo, ports) {
	const sent = Date.now();
	demo.child.kill('SIGINT');
	let timer;
	const exit = await Promise.race([demo.exited, new Promise((resolve) => (timer = setTimeout(() => resolve(null), STOP_MS)))]);
	clearTimeout(timer);
	if (!exit) demo.child.kill('SIGKILL');
	const left = processesInDemoFolder(demo.demoDir);
	// What the demo left running is ours to end.
	for (const p of left) process.kill(p.pid, 'SIGKILL');
	const problems = [];
	if (!exit) problems.push(`the demo did not exit within ${STOP_MS / 1000}s of SIGINT`);
	else if (exit.code !== 0) problems.push(`the demo exited with ${JSON.stringify(exit)} after SIGINT`);
	if (left.length) problems.push(`processes left running: ${left.map((p) => `${p.pid} ${p.command}`).join('; ')}`);
	const taken = await takenPorts(ports);
	if (taken.length) problems.push(`ports still taken: ${taken.join(', ')}`);
	if (problems.length) throw new Error(`${problems.join('; ')}\ndemo output:\n${tail(demo.output())}`);
	return secondsSince(sent);
}

/** The simulator said once, from the clone, that it does not validate: the schemas are absent there. */
function assertNotValidating(output, cloneDir) {
	const said = [...output.matchAll(NOT_VALIDATING)];
	assert.equal(said.length, 1, `the POHODA simulator said ${said.length} times (want once) that it does not validate; demo output:\n${tail(output)}`);
	const looked = said[0][1];
	assert.ok(looked === path.join(cloneDir, '..', 'shared', 'pohoda-xsd'), `the clone's POHODA simulator looked for the schemas in ${looked}, not beside the clone`);
}

/** The demo test on n8n line `line` ('1' or '2') from a fresh clone of HEAD; its output lands in `artifactsDir`/demo.log. */
async function checkDemo({ line, artifactsDir }) {
	if (process.env.E2E_ONLY && !'demo'.includes(process.env.E2E_ONLY)) throw new Skip(`E2E_ONLY=${process.env.E2E_ONLY}`);
	const ports = demoPorts(line);
	const taken = await takenPorts(ports);
	if (taken.length) throw new Error(`the demo needs ports that are in use: ${taken.join(', ')}; stop what holds them (another \`npm run demo\`?)`);
	fs.mkdirSync(artifactsDir, { recursive: true });
	const clone = cloneHead();
	try {
		const started = Date.now();
		const demo = startDemo(clone.dir, line, path.join(artifactsDir, 'demo.log'));
		let summary;
		let bannerSeconds;
		try {
			const urls = bannerUrls(await demo.banner(BANNER_MS));
			bannerSeconds = secondsSince(started);
			summary = await exercise(urls, line, demo.demoDir);
		} catch (error) {
			await interrupt(demo, ports).catch((stopError) => (error.message += `\nand on stopping: ${stopError.message}`));
			throw error;
		}
		const stopSeconds = await interrupt(demo, ports);
		assertNotValidating(demo.output(), clone.dir);
		return `clone of ${clone.head} without ../shared (simulator unvalidated, said once); banner after ${bannerSeconds}s; ${summary}; Ctrl-C: exit 0 in ${stopSeconds}s, ports free, no process left`;
	} finally {
		clone.remove();
	}
}

if (require.main === module) {
	const line = process.argv[2] || '2';
	checkDemo({ line, artifactsDir: path.join(ROOT, 'test-artifacts', 'demo') }).then(
		(detail) => console.log(`PASS demo — ${detail}`),
		(error) => {
			console.log(`FAIL demo — ${error.stack || error}`);
			process.exitCode = 1;
		},
	);
}

module.exports = { checkDemo };
