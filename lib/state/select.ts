import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteStateStore } from './sqlite';
import type { StateStore } from './types';

export type Environment = Record<string, string | undefined>;

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

function createStore(env: Environment): StateStore {
	const choice = env.ORDER_SYNC_STATE?.trim().toLowerCase() || 'sqlite';
	if (choice !== 'sqlite') {
		throw new Error(`ORDER_SYNC_STATE="${env.ORDER_SYNC_STATE}" is not a state store: use sqlite, postgres or redis.`);
	}
	if (env.EXECUTIONS_MODE === 'queue') {
		throw new Error(
			`n8n runs in queue mode (EXECUTIONS_MODE=queue), and the embedded SQLite store is one file on one host: two workers would both send the same mail. ${QUEUE_MODE_FIX}`,
		);
	}
	return new SqliteStateStore(sqlitePath(env));
}

let chosen: { store: StateStore } | { error: Error } | undefined;

/**
 * The store of this process, chosen once from the environment. Without a configuration that works, every node
 * that keeps state stops with the reason: there is no silent fallback to workflow static data.
 */
export function stateStore(env: Environment = process.env): StateStore {
	if (!chosen) {
		try {
			chosen = { store: createStore(env) };
		} catch (error) {
			chosen = { error: error as Error };
		}
	}
	if ('error' in chosen) throw chosen.error;
	return chosen.store;
}

/** Puts a given store in place of the environment's choice: for tests and benchmarks of the nodes. */
export function useStateStore(store: StateStore): void {
	chosen = { store };
}
