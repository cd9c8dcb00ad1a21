import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Select from '../../../lib/state/select';

/** A fresh copy of the module: the store is chosen once per process. */
const fresh = () => {
	let module: typeof Select | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		module = require('../../../lib/state/select');
	});
	return module!;
};

const hasSqlite = (() => {
	try {
		require('node:sqlite');
		return true;
	} catch {
		return false;
	}
})();

describe('choosing the state store', () => {
	const { chooseStore, sqlitePath } = fresh();

	it('takes an explicit choice, else n8n’s PostgreSQL, else queue mode’s Redis, else SQLite', () => {
		expect(chooseStore({})).toBe('sqlite');
		expect(chooseStore({ ORDER_SYNC_STATE: 'Redis' })).toBe('redis');
		expect(chooseStore({ DB_TYPE: 'postgresdb' })).toBe('postgres');
		expect(chooseStore({ DB_TYPE: 'postgresdb', EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis' })).toBe('postgres');
		expect(chooseStore({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'redis' })).toBe('redis');
		expect(chooseStore({ QUEUE_BULL_REDIS_HOST: 'redis' })).toBe('sqlite');
		expect(() => chooseStore({ ORDER_SYNC_STATE: 'static-data' })).toThrow('ORDER_SYNC_STATE="static-data" is not a state store: use sqlite, postgres or redis.');
	});

	it('keeps the SQLite file in n8n’s user folder unless told otherwise', () => {
		expect(sqlitePath({ N8N_USER_FOLDER: '/data' })).toBe('/data/.n8n/order-sync/state.sqlite');
		expect(sqlitePath({})).toBe(path.join(os.homedir(), '.n8n', 'order-sync', 'state.sqlite'));
		expect(sqlitePath({ ORDER_SYNC_STATE_SQLITE_PATH: '/var/lib/state.db' })).toBe('/var/lib/state.db');
	});

	it('in queue mode takes its Redis, and refuses the embedded store, naming what to set', async () => {
		expect(chooseStore({ EXECUTIONS_MODE: 'queue' })).toBe('redis');
		await expect(fresh().stateStore({ EXECUTIONS_MODE: 'queue', ORDER_SYNC_STATE: 'sqlite' })).rejects.toThrow(
			/queue mode \(EXECUTIONS_MODE=queue\).*two workers would both send the same mail.*DB_TYPE=postgresdb.*ORDER_SYNC_STATE=redis/,
		);
	});

	it('tries again after a store could not be opened', async () => {
		const select = fresh();
		await expect(select.stateStore({ ORDER_SYNC_STATE: 'postgres' })).rejects.toThrow('ORDER_SYNC_STATE=postgres needs ORDER_SYNC_STATE_POSTGRES_URL');
		await expect(select.stateStore({ EXECUTIONS_MODE: 'queue', ORDER_SYNC_STATE: 'sqlite' })).rejects.toThrow(/queue mode/);
	});

	it('opens SQLite where Node has node:sqlite, and elsewhere stops with the fix instead of falling back', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-select-'));
		const opening = fresh().stateStore({ ORDER_SYNC_STATE_SQLITE_PATH: path.join(dir, 'state.sqlite') });
		if (hasSqlite) {
			const store = await opening;
			expect(store.kind).toBe('sqlite');
			await store.close();
		} else {
			await expect(opening).rejects.toThrow(/has no built-in SQLite \(node:sqlite\).*Node\.js 22\.13 or later.*ORDER_SYNC_STATE=postgres/);
			expect(fs.readdirSync(dir)).toEqual([]);
		}
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
