'use strict';
// One n8n instance: a user folder, its CLI commands and its server, run with the Node its line needs.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { cleanEnv } = require('./install-n8n');

const OWNER = { email: 'owner@order-sync.test', password: 'OrderSync-demo-1', firstName: 'Demo', lastName: 'Owner' };

class N8nInstance {
	/**
	 * @param {object} install result of ensureN8n()
	 * @param {{userFolder:string, port:number, brokerPort?:number, logFile:string, env?:object}} options
	 */
	constructor(install, { userFolder, port, brokerPort, logFile, env = {} }) {
		this.install = install;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.logFile = logFile;
		this.extraEnv = env;
		this.server = null;
		this.cookie = '';
		fs.mkdirSync(userFolder, { recursive: true });
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	env() {
		return cleanEnv(this.install.nodeDir, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_EDITOR_BASE_URL: `http://localhost:${this.port}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// CLI commands print their results (list, execute --rawOutput) through the logger at level info.
			N8N_LOG_LEVEL: 'info',
			GENERIC_TIMEZONE: 'Europe/Prague',
			// The task runners' broker listens on 5679 unless told otherwise: another n8n on this machine would clash.
			...(this.brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(this.brokerPort) } : {}),
			...this.install.env,
			...this.extraEnv,
		});
	}

	/**
	 * Runs `n8n <args>`; resolves {code, stdout, stderr}; rejects only on timeout. Output goes to files, not pipes:
	 * n8n exits right after printing, and a large `--rawOutput` written to a pipe was seen cut short (exit 0).
	 */
	cli(args, { timeoutMs = 180000 } = {}) {
		const outFile = path.join(this.userFolder, `cli-${process.pid}-${++cliRuns}.out`);
		const errFile = `${outFile}.err`;
		const [out, err] = [fs.openSync(outFile, 'w'), fs.openSync(errFile, 'w')];
		const collect = () => {
			const result = { stdout: readLog(outFile), stderr: readLog(errFile) };
			fs.rmSync(outFile, { force: true });
			fs.rmSync(errFile, { force: true });
			return result;
		};
		return new Promise((resolve, reject) => {
			const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
				cwd: this.userFolder,
				env: this.env(),
				stdio: ['ignore', out, err],
				detached: true,
			});
			fs.closeSync(out);
			fs.closeSync(err);
			const timer = setTimeout(() => {
				killGroup(child, 'SIGKILL');
				const { stdout, stderr } = collect();
				reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs / 1000}s\n${tail(stdout + stderr)}`));
			}, timeoutMs);
			child.on('error', reject);
			child.on('exit', (code, signal) => {
				clearTimeout(timer);
				const { stdout, stderr } = collect();
				fs.appendFileSync(this.logFile, `\n$ n8n ${args.join(' ')}  (exit ${code}${signal ? `, ${signal}` : ''})\n${stdout}\n${stderr}\n`);
				resolve({ code, signal, stdout, stderr });
			});
		});
	}

	/** Like cli() but throws with the output when the command fails. */
	async mustCli(args, options) {
		const result = await this.cli(args, options);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
		return result;
	}

	/** Workflow name → id of every stored workflow (through export:workflow, whose output does not depend on the log level). */
	async workflowIds() {
		const file = path.join(this.userFolder, 'workflows-export.json');
		await this.mustCli(['export:workflow', '--all', `--output=${file}`]);
		const list = JSON.parse(fs.readFileSync(file, 'utf8'));
		return Object.fromEntries(list.map((w) => [w.name, w.id]));
	}

	/** `n8n import:credentials` of credential objects ({id, name, type, data}, data in plain text). */
	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.mustCli(['import:credentials', `--input=${file}`]);
	}

	/**
	 * `n8n import:workflow` of template files as they ship (inactive); resolves file → {id, name, template} and
	 * fails naming a template that did not arrive.
	 */
	async importTemplates(templates) {
		const dir = path.join(this.userFolder, 'templates');
		fs.mkdirSync(dir, { recursive: true });
		for (const t of templates) fs.copyFileSync(t.path, path.join(dir, t.file));
		await this.mustCli(['import:workflow', '--separate', `--input=${dir}`]);
		const ids = await this.workflowIds();
		const imported = {};
		for (const t of templates) {
			if (!ids[t.json.name]) throw new Error(`"${t.json.name}" not found after import (found: ${Object.keys(ids).join('; ')})`);
			imported[t.file] = { id: ids[t.json.name], name: t.json.name, template: t };
		}
		return imported;
	}

	/** Activates (1.x) or publishes (2.x) a stored workflow, or the reverse, while the server is stopped. */
	async setActive(workflowId, active) {
		const args =
			this.install.key === '1'
				? ['update:workflow', `--id=${workflowId}`, `--active=${active}`]
				: [active ? 'publish:workflow' : 'unpublish:workflow', `--id=${workflowId}`];
		await this.mustCli(args);
	}

	/** `n8n start`, resolved once the REST API answers and n8n reports itself ready (database connected and migrated). */
	async start({ timeoutMs = 180000 } = {}) {
		if (this.server) return;
		const out = fs.openSync(this.logFile, 'a');
		fs.writeSync(out, `\n$ n8n start (port ${this.port})\n`);
		this.server = spawn(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: { ...this.env(), N8N_LOG_LEVEL: 'info' },
			stdio: ['ignore', out, out],
			detached: true,
		});
		fs.closeSync(out);
		const server = this.server;
		let exited = null;
		server.on('exit', (code, signal) => (exited = { code, signal }));
		const deadline = Date.now() + timeoutMs;
		let lastAnswer = 'none';
		while (Date.now() < deadline) {
			if (exited) {
				this.server = null;
				throw new Error(`n8n start exited (${JSON.stringify(exited)}); see ${this.logFile}:\n${tail(readLog(this.logFile))}`);
			}
			try {
				// While starting, 1.x answers any path with 200 "n8n is starting up": settings must come as JSON.
				const settings = await fetch(`${this.baseUrl}/rest/settings`);
				lastAnswer = `/rest/settings: HTTP ${settings.status} ${settings.headers.get('content-type') ?? ''}`;
				if (settings.ok && /json/.test(settings.headers.get('content-type') ?? '')) {
					const readiness = await fetch(`${this.baseUrl}/healthz/readiness`);
					lastAnswer = `/healthz/readiness: HTTP ${readiness.status}`;
					if (readiness.ok) return;
				}
			} catch (error) {
				lastAnswer = `not listening (${error.cause?.code ?? error.message})`;
			}
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n was not ready on ${this.baseUrl} within ${timeoutMs / 1000}s (last answer: ${lastAnswer}); see ${this.logFile}`);
	}

	/** `n8n worker` (queue mode), resolved once it logs that it is ready to take executions from the queue. */
	async startWorker({ concurrency = 5, timeoutMs = 180000 } = {}) {
		if (this.server) return;
		const out = fs.openSync(this.logFile, 'a');
		fs.writeSync(out, `\n$ n8n worker --concurrency=${concurrency}\n`);
		const logStart = fs.statSync(this.logFile).size;
		this.server = spawn(this.install.nodeBin, [this.install.n8nBin, 'worker', `--concurrency=${concurrency}`], {
			cwd: this.userFolder,
			env: { ...this.env(), N8N_LOG_LEVEL: 'info' },
			stdio: ['ignore', out, out],
			detached: true,
		});
		fs.closeSync(out);
		const worker = this.server;
		let exited = null;
		worker.on('exit', (code, signal) => (exited = { code, signal }));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (exited) {
				this.server = null;
				throw new Error(`n8n worker exited (${JSON.stringify(exited)}); see ${this.logFile}:\n${tail(readLog(this.logFile))}`);
			}
			if (/n8n worker is now ready/.test(readLog(this.logFile).slice(logStart))) return;
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n worker was not ready within ${timeoutMs / 1000}s; see ${this.logFile}`);
	}

	async stop() {
		const server = this.server;
		this.server = null;
		this.cookie = '';
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		killGroup(server, 'SIGTERM');
		const timer = setTimeout(() => killGroup(server, 'SIGKILL'), 20000);
		await exited;
		clearTimeout(timer);
	}

	/** `kill -9` of the server and everything it started (a crash: nothing is saved, no shutdown runs). */
	async kill() {
		const server = this.server;
		this.server = null;
		this.cookie = '';
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		killGroup(server, 'SIGKILL');
		await exited;
	}

	/**
	 * Creates the owner account through the REST API (idempotent), then logs in. Right after start n8n may still
	 * answer 404 or 503 while it registers its routes: both are retried for up to `retryMs`.
	 */
	async setupOwner(owner = OWNER, { retryMs = 60000 } = {}) {
		const settings = await this.rest('GET', '/rest/settings');
		const showSetup = settings.data?.userManagement?.showSetupOnFirstLoad;
		if (showSetup !== false) {
			const res = await this.retryWhileStarting('owner setup', retryMs, () =>
				fetch(`${this.baseUrl}/rest/owner/setup`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(owner),
				}),
			);
			if (!res.ok && res.status !== 400) throw new Error(`owner setup: HTTP ${res.status} ${await res.text()}`);
		}
		await this.login(owner, { retryMs });
		return owner;
	}

	async login(owner = OWNER, { retryMs = 60000 } = {}) {
		const res = await this.retryWhileStarting('login', retryMs, () =>
			fetch(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				// 1.x and 2.x accept emailOrLdapLoginId; older 1.x used email.
				body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
			}),
		);
		if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
		this.cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')])
			.filter(Boolean)
			.map((c) => c.split(';')[0])
			.join('; ');
	}

	/** The response of `request()`, repeated while it is 404 or 503 (n8n still starting) until `ms` have passed. */
	async retryWhileStarting(what, ms, request) {
		const deadline = Date.now() + ms;
		for (;;) {
			const res = await request();
			if (res.status !== 404 && res.status !== 503) return res;
			const answer = `HTTP ${res.status} ${tail(await res.text(), 300)}`;
			if (Date.now() >= deadline) throw new Error(`${what}: n8n still answered ${answer} after ${ms / 1000}s; see ${this.logFile}`);
			await sleep(500);
		}
	}

	/**
	 * Runs a stored workflow from one of its triggers as the editor's "Execute workflow" button does (a manual
	 * execution: n8n keeps no static data from it); resolves the execution id. 1.x wants the workflow in the body.
	 */
	async runManually(workflowId, triggerName) {
		const body = { triggerToStartFrom: { name: triggerName } };
		if (this.install.key === '1') body.workflowData = (await this.rest('GET', `/rest/workflows/${workflowId}`)).data;
		const started = await this.rest('POST', `/rest/workflows/${workflowId}/run`, body);
		const executionId = started.data?.executionId;
		if (!executionId) throw new Error(`manual run of workflow ${workflowId} from "${triggerName}" started nothing: ${JSON.stringify(started).slice(0, 500)}`);
		return String(executionId);
	}

	/** The stored execution (status, and its run data unflattened), once its status is one of `statuses`. */
	async waitForExecution(executionId, { statuses = ['success', 'error', 'crashed', 'canceled', 'waiting'], ms = 60000 } = {}) {
		const deadline = Date.now() + ms;
		let last = null;
		while (Date.now() < deadline) {
			last = (await this.rest('GET', `/rest/executions/${executionId}`)).data;
			// The status can be stored a moment before the run data.
			const data = last && statuses.includes(last.status) ? unflatten(last.data) : undefined;
			if (data?.resultData) return { ...last, data };
			await sleep(250);
		}
		throw new Error(`execution ${executionId} did not reach ${statuses.join('/')} within ${ms / 1000}s (last status: ${last?.status})`);
	}

	/** JSON request to the editor's REST API with the session cookie. */
	async rest(method, urlPath, body) {
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie, 'browser-id': 'order-sync-e2e' } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : {};
	}
}

let cliRuns = 0;

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

function readLog(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function tail(text, chars = 3000) {
	return text.length > chars ? `…${text.slice(-chars)}` : text;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The JSON document `n8n execute --rawOutput` prints, found in stdout among any log lines. */
function parseRawOutput(stdout) {
	const start = stdout.search(/^\{/m);
	if (start < 0) throw new Error(`no JSON in n8n execute output:\n${tail(stdout)}`);
	const end = stdout.lastIndexOf('}');
	return JSON.parse(stdout.slice(start, end + 1));
}

/** n8n stores execution data in the `flatted` format (an array of values referring to each other by index). */
function unflatten(data) {
	if (typeof data !== 'string') return data;
	const values = JSON.parse(data);
	if (!Array.isArray(values)) return values;
	const seen = new Map();
	const revive = (value) => {
		if (typeof value === 'string' && /^\d+$/.test(value)) return resolve(Number(value));
		return value;
	};
	const resolve = (index) => {
		if (seen.has(index)) return seen.get(index);
		const raw = values[index];
		if (raw === null || typeof raw !== 'object') {
			seen.set(index, raw);
			return raw;
		}
		const out = Array.isArray(raw) ? [] : {};
		seen.set(index, out);
		for (const [k, v] of Object.entries(raw)) out[k] = revive(v);
		return out;
	};
	return resolve(0);
}

module.exports = { N8nInstance, OWNER, parseRawOutput, sleep, tail, unflatten };
