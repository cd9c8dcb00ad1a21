/** How a process opens the SQLite store for the contract's processes (run on a Node with node:sqlite). */
import { SqliteStateStore } from '../../lib/state/sqlite';

export async function openSqliteStore(config: { file: string }): Promise<SqliteStateStore> {
	return new SqliteStateStore(config.file);
}
