/**
 * Real database servers for the store tests and the ledger benchmark: a PostgreSQL and a Redis of Debian's
 * `postgresql` and `redis-server` packages, each in its own temporary directory on a free loopback port, stopped
 * (and their directories removed) by `stop()`. When a package is missing, `postgresMissing()` / `redisMissing()`
 * install it with apt-get under ORDER_SYNC_NO_SKIP=1 (CI), and otherwise return why the suite is skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';

export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
	url: string;
	stop(): Promise<void>;
}

export interface RedisServer {
	host: string;
	port: number;
	password?: string;
	url: string;
	stop(): Promise<void>;
}

function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function redisBinary(): string | undefined {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Installs a Debian package under ORDER_SYNC_NO_SKIP=1; returns apt-get's complaint when it failed. */
function aptInstall(debianPackage: string): string | undefined {
	if (process.env.ORDER_SYNC_NO_SKIP !== '1') return undefined;
	const result = spawnSync(
		'sh',
		['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`],
		{ encoding: 'utf8' },
	);
	return result.status === 0 ? undefined : `apt-get install ${debianPackage} failed: ${result.stderr.trim().slice(-300)}`;
}

/** Why a real PostgreSQL cannot be started here, or undefined when it can. */
export function postgresMissing(): string | undefined {
	if (postgresBinDir()) return undefined;
	const failed = aptInstall('postgresql');
	if (postgresBinDir()) return undefined;
	return failed ?? 'PostgreSQL is not installed (Debian: apt-get install postgresql)';
}

/** Why a real Redis cannot be started here, or undefined when it can. */
export function redisMissing(): string | undefined {
	if (redisBinary()) return undefined;
	const failed = aptInstall('redis-server');
	if (redisBinary()) return undefined;
	return failed ?? 'Redis is not installed (Debian: apt-get install redis-server)';
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** PostgreSQL refuses to run as root: as root, its files and process belong to the `postgres` system user. */
function postgresOwner(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
	const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
	if (!uid || !gid) throw new Error('running as root, and there is no `postgres` user to run PostgreSQL as');
	return { uid, gid };
}

export async function startPostgres(): Promise<PostgresServer> {
	const bin = postgresBinDir();
	if (!bin) throw new Error(postgresMissing() ?? 'PostgreSQL is not installed');
	const owner = postgresOwner();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-pg-'));
	const password = `pw-${Math.random().toString(36).slice(2)}`;
	fs.writeFileSync(path.join(dir, 'password'), password, { mode: 0o600 });
	if (owner) {
		fs.chownSync(dir, owner.uid, owner.gid);
		fs.chownSync(path.join(dir, 'password'), owner.uid, owner.gid);
	}
	const runAs = { cwd: dir, ...(owner ?? {}) };
	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${path.join(dir, 'password')}`, '-E', 'UTF8', '--locale=C', '--no-sync'],
		{ ...runAs, encoding: 'utf8' },
	);
	if (init.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	}
	const port = await freePort();
	const child = spawn(
		path.join(bin, 'postgres'),
		['-D', path.join(dir, 'data'), '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dir, '-c', 'max_connections=50'],
		{ ...runAs, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	const server: PostgresServer = {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		password,
		database: 'postgres',
		url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
		stop: () => stopChild(child, 'SIGINT', dir),
	};
	await waitUntilReady(child, 'PostgreSQL', async () => {
		const client = new Client({ host: server.host, port, user: server.user, password, database: server.database });
		try {
			await client.connect();
			await client.query('SELECT 1');
		} finally {
			await client.end().catch(() => undefined);
		}
	}, dir);
	return server;
}

export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
	const binary = redisBinary();
	if (!binary) throw new Error(redisMissing() ?? 'Redis is not installed');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-redis-'));
	const port = await freePort();
	const settings = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
	if (options.password) settings.push('--requirepass', options.password);
	const child = spawn(binary, settings, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
	const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
	const server: RedisServer = {
		host: '127.0.0.1',
		port,
		password: options.password,
		url: `redis://${auth}127.0.0.1:${port}`,
		stop: () => stopChild(child, 'SIGTERM', dir),
	};
	await waitUntilReady(child, 'Redis', async () => {
		const client = new Redis({ host: server.host, port, password: options.password, lazyConnect: true, maxRetriesPerRequest: 0 });
		client.on('error', () => undefined);
		try {
			await client.connect();
			await client.ping();
		} finally {
			client.disconnect();
		}
	}, dir);
	return server;
}

async function waitUntilReady(child: ChildProcess, name: string, probe: () => Promise<void>, dir: string): Promise<void> {
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			fs.rmSync(dir, { recursive: true, force: true });
			throw new Error(`${name} exited at start: ${stderr}`);
		}
		try {
			await probe();
			return;
		} catch (error) {
			if (Date.now() > deadline) {
				await stopChild(child, 'SIGKILL', dir);
				throw new Error(`${name} did not accept connections within 30 s: ${(error as Error).message}; ${stderr}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals, dir: string): Promise<void> {
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill(signal);
		const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(killer);
	}
	fs.rmSync(dir, { recursive: true, force: true });
}
