import * as os from 'node:os';
import * as path from 'node:path';
import { createPostgresStore, postgresConfigFromEnv } from './postgres';
import { createRedisStore, redisConfigFromEnv } from './redis';
import { SqliteStateStore } from './sqlite';
import type { StateStore } from './types';

export type Environment = NodeJS.ProcessEnv;

/** Where the embedded store lives: ORDER_SYNC_STATE_SQLITE_PATH, else `order-sync/state.sqlite` in n8n's user folder. */
export function sqlitePath(env: Environment): string {
	if (env.ORDER_SYNC_STATE_SQLITE_PATH) return env.ORDER_SYNC_STATE_SQLITE_PATH;
	const n8nFolder = env.N8N_USER_FOLDER ? path.join(env.N8N_USER_FOLDER, '.n8n') : path.join(os.homedir(), '.n8n');
	return path.join(n8nFolder, 'order-sync', 'state.sqlite');
}

const QUEUE_MODE_FIX =
	'In queue mode every worker needs the same store: run n8n on PostgreSQL (DB_TYPE=postgresdb; the store then uses ' +
	"n8n's database) or set ORDER_SYNC_STATE=postgres with ORDER_SYNC_STATE_POSTGRES_URL, or ORDER_SYNC_STATE=redis " +
	'(with QUEUE_BULL_REDIS_* or ORDER_SYNC_STATE_REDIS_URL).';

/** Which store the environment asks for: explicit, else n8n's PostgreSQL, else queue mode's Redis, else SQLite. */
export function chooseStore(env: Environment): 'sqlite' | 'postgres' | 'redis' {
	const explicit = env.ORDER_SYNC_STATE?.trim().toLowerCase();
	if (explicit) {
		if (explicit === 'sqlite' || explicit === 'postgres' || explicit === 'redis') return explicit;
		throw new Error(`ORDER_SYNC_STATE="${env.ORDER_SYNC_STATE}" is not a state store: use sqlite, postgres or redis.`);
	}
	if (postgresConfigFromEnv(env)) return 'postgres';
	if (env.EXECUTIONS_MODE === 'queue' && redisConfigFromEnv(env)) return 'redis';
	return 'sqlite';
}

async function createStore(env: Environment): Promise<StateStore> {
	switch (chooseStore(env)) {
		case 'postgres': {
			const config = postgresConfigFromEnv(env);
			if (!config) throw new Error('ORDER_SYNC_STATE=postgres needs ORDER_SYNC_STATE_POSTGRES_URL, or n8n on PostgreSQL (DB_TYPE=postgresdb).');
			return createPostgresStore(config);
		}
		case 'redis': {
			const config = redisConfigFromEnv(env);
			if (!config) throw new Error('ORDER_SYNC_STATE=redis needs ORDER_SYNC_STATE_REDIS_URL, or n8n in queue mode with QUEUE_BULL_REDIS_HOST.');
			return createRedisStore(config);
		}
		default:
			if (env.EXECUTIONS_MODE === 'queue') {
				throw new Error(
					`n8n runs in queue mode (EXECUTIONS_MODE=queue), and the embedded SQLite store is one file on one host: two workers would both send the same mail. ${QUEUE_MODE_FIX}`,
				);
			}
			return new SqliteStateStore(sqlitePath(env));
	}
}

let opened: Promise<StateStore> | undefined;

/**
 * The store of this process, chosen once from the environment. A store that cannot be opened (a database down) is
 * tried again by the next call; without a configuration that works, every node that keeps state stops with the
 * reason: there is no fallback to workflow static data.
 */
export function stateStore(env: Environment = process.env): Promise<StateStore> {
	if (!opened) {
		opened = createStore(env);
		opened.catch(() => {
			opened = undefined;
		});
	}
	return opened;
}

/** Puts a given store in place of the environment's choice: for tests and benchmarks of the nodes. */
export function useStateStore(store: StateStore): void {
	opened = Promise.resolve(store);
}
