'use strict';
// Scenario 7's n8n: a main and two `n8n worker`s in queue mode on a real PostgreSQL (n8n's database, and so the
// package's state store) and Redis (the Bull queue), from Debian's packages as in test/e2e/queue-mode.js. It stands in
// for the single n8n the fault scenarios drive: start and stop take all three processes, `kill()` is a `kill -9` of the
// worker running the workflow's execution (the main and the other worker stay up), and the next `start()` brings that
// worker back.
const fs = require('node:fs');
const path = require('node:path');
require('../e2e/tsx');
const { startPostgres, startRedis, postgresMissing, redisMissing, freePort } = require('../helpers/servers');
const { N8nInstance } = require('../e2e/n8n-instance');

const WORKERS = 2;

/** Why queue mode cannot run here (PostgreSQL or Redis not installed), or undefined. */
const queueMissing = () => postgresMissing() ?? redisMissing();

class QueueCluster extends N8nInstance {
	/** Starts the database and the queue; the n8n processes start with `start()`. */
	static async create(install, { userFolder, artifacts }) {
		const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		const database = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			DB_POSTGRESDB_DATABASE: postgres.database,
			N8N_ENCRYPTION_KEY: 'order-sync-queue-faults-key',
		};
		const queue = {
			...database,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		const instance = async (name, env) =>
			new N8nInstance(install, { userFolder, port: await freePort(), brokerPort: await freePort(), logFile: path.join(artifacts, `${name}.log`), env });
		const workers = [];
		for (let i = 1; i <= WORKERS; i++) workers.push(await instance(`worker-${i}`, queue));
		const cluster = new QueueCluster(install, {
			userFolder,
			port: await freePort(),
			brokerPort: await freePort(),
			logFile: path.join(artifacts, 'main.log'),
			env: queue,
		});
		cluster.workers = workers;
		// CLI commands (import, publish) only need the database.
		cluster.cliEnv = database;
		cluster.servers = { postgres, redis };
		cluster.killed = [];
		return cluster;
	}

	env() {
		const env = super.env();
		if (!this.cliMode) return env;
		for (const key of ['EXECUTIONS_MODE', 'QUEUE_BULL_REDIS_HOST', 'QUEUE_BULL_REDIS_PORT', 'OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS']) delete env[key];
		return { ...env, ...this.cliEnv };
	}

	async cli(args, options) {
		this.cliMode = true;
		try {
			return await super.cli(args, options);
		} finally {
			this.cliMode = false;
		}
	}

	/** On PostgreSQL `import:workflow` makes up no id for a workflow without one: each template gets its own. */
	async importTemplates(templates) {
		const withIds = templates.map((t, i) => {
			const file = path.join(this.userFolder, `queue-${t.file}`);
			fs.writeFileSync(file, JSON.stringify({ ...t.json, id: `faultsQueue${String(i).padStart(5, '0')}` }));
			return { ...t, path: file };
		});
		return super.importTemplates(withIds);
	}

	async start(options) {
		await super.start(options);
		await Promise.all(this.workers.map((w) => w.startWorker()));
	}

	async stop() {
		await Promise.all(this.workers.map((w) => w.stop()));
		await super.stop();
	}

	/** `kill -9` of the worker whose log shows an execution started and not finished (the first worker if none). */
	async kill() {
		const running = (worker) => {
			const log = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
			const started = [...log.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
			return started.some((id) => !log.includes(`Worker finished execution ${id} `));
		};
		const victim = this.workers.find((w) => w.server && running(w)) ?? this.workers[0];
		this.killed.push(this.workers.indexOf(victim) + 1);
		await victim.kill();
	}

	/** Workers that took executions, by their logs: how many each started. */
	executionsPerWorker() {
		return this.workers.map((w) => (fs.existsSync(w.logFile) ? fs.readFileSync(w.logFile, 'utf8').match(/Worker started execution/g) ?? [] : []).length);
	}

	async close() {
		await this.stop();
		await Promise.allSettled([this.servers.postgres.stop(), this.servers.redis.stop()]);
	}
}

module.exports = { QueueCluster, queueMissing };
