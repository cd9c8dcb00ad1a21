import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LedgerBackend, LedgerRecord } from '../ledger/backend';
import { pace } from './pacing';
import type { StateStore } from './types';

/** The parts of `node:sqlite` (Node 22.13+, 24) used here; @types/node 20 does not know the module. */
interface Statement {
	run(...params: unknown[]): { changes: number | bigint };
	get(...params: unknown[]): Record<string, unknown> | undefined;
	all(...params: unknown[]): Array<Record<string, unknown>>;
}
interface Database {
	exec(sql: string): void;
	prepare(sql: string): Statement;
	close(): void;
}

function openDatabase(file: string): Database {
	let sqlite: { DatabaseSync: new (file: string) => Database } | undefined;
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		sqlite = require('node:sqlite');
	} catch {
		sqlite = undefined;
	}
	if (!sqlite) {
		throw new Error(
			`This Node.js (${process.version}) has no built-in SQLite (node:sqlite), which the embedded state store needs. ` +
				'Run n8n on Node.js 22.13 or later (n8n 1.123 and 2.x ship with it), or point the store at PostgreSQL or Redis ' +
				'(ORDER_SYNC_STATE=postgres with ORDER_SYNC_STATE_POSTGRES_URL, or ORDER_SYNC_STATE=redis with ORDER_SYNC_STATE_REDIS_URL).',
		);
	}
	fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	const db = new sqlite.DatabaseSync(file);
	// Several n8n processes on one host may open the file: WAL lets readers and one writer work at once, and a writer
	// waits for another's transaction instead of failing.
	db.exec('PRAGMA busy_timeout = 10000');
	db.exec('PRAGMA journal_mode = WAL');
	db.exec('PRAGMA synchronous = NORMAL');
	db.exec(`CREATE TABLE IF NOT EXISTS state (
		namespace TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL, value TEXT, keep INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (namespace, key)) WITHOUT ROWID`);
	db.exec('CREATE INDEX IF NOT EXISTS state_by_age ON state (namespace, keep, at)');
	db.exec('CREATE TABLE IF NOT EXISTS budget (bucket TEXT PRIMARY KEY, tat INTEGER NOT NULL) WITHOUT ROWID');
	return db;
}

const encode = (record: LedgerRecord) => [Math.round(record.at), record.value === undefined ? null : JSON.stringify(record.value), record.keep ? 1 : 0];

function decode(row: Record<string, unknown>): LedgerRecord {
	const record: LedgerRecord = { at: Number(row.at) };
	if (row.value !== null && row.value !== undefined) record.value = JSON.parse(String(row.value));
	if (row.keep) record.keep = true;
	return record;
}

/** The embedded store: one SQLite file on this host, shared by the n8n processes that run here. */
export class SqliteStateStore implements StateStore {
	readonly kind = 'sqlite' as const;
	readonly sharedAcrossHosts = false;
	private readonly db: Database;
	private readonly statements: Record<string, Statement>;

	constructor(readonly file: string) {
		this.db = openDatabase(file);
		const db = this.db;
		this.statements = {
			get: db.prepare('SELECT at, value, keep FROM state WHERE namespace = ? AND key = ?'),
			set: db.prepare(
				'INSERT INTO state (namespace, key, at, value, keep) VALUES (?, ?, ?, ?, ?) ' +
					'ON CONFLICT (namespace, key) DO UPDATE SET at = excluded.at, value = excluded.value, keep = excluded.keep',
			),
			setIfAbsent: db.prepare('INSERT INTO state (namespace, key, at, value, keep) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
			replaceIf: db.prepare('UPDATE state SET at = ?, value = ?, keep = ? WHERE namespace = ? AND key = ? AND at = ?'),
			delete: db.prepare('DELETE FROM state WHERE namespace = ? AND key = ?'),
			prune: db.prepare('DELETE FROM state WHERE namespace = ? AND keep = 0 AND at < ?'),
			list: db.prepare('SELECT key, at, value, keep FROM state WHERE namespace = ? AND key >= ? AND key < ? ORDER BY at, key LIMIT ?'),
			budget: db.prepare('SELECT tat FROM budget WHERE bucket = ?'),
			setBudget: db.prepare('INSERT INTO budget (bucket, tat) VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET tat = excluded.tat'),
		};
	}

	namespace(name: string): LedgerBackend {
		const s = this.statements;
		return {
			get: async (key) => {
				const row = s.get.get(name, key);
				return row ? decode(row) : undefined;
			},
			set: async (key, record) => {
				s.set.run(name, key, ...encode(record));
			},
			setIfAbsent: async (key, record) => Number(s.setIfAbsent.run(name, key, ...encode(record)).changes) === 1,
			replaceIf: async (key, expectedAt, record) =>
				Number(s.replaceIf.run(...encode(record), name, key, Math.round(expectedAt)).changes) === 1,
			delete: async (key) => Number(s.delete.run(name, key).changes) === 1,
			pruneBefore: async (at) => Number(s.prune.run(name, Math.round(at)).changes),
			list: async (prefix, limit = -1) =>
				s.list.all(name, prefix, `${prefix}\u{10FFFF}`, limit).map((row) => ({ key: String(row.key), record: decode(row) })),
		};
	}

	async reserve(bucket: string, capacity: number, windowMs: number, now = Date.now()): Promise<number> {
		this.db.exec('BEGIN IMMEDIATE');
		let committed = false;
		try {
			const row = this.statements.budget.get(bucket);
			const { tat, waitMs } = pace(row ? Number(row.tat) : undefined, capacity, windowMs, now);
			this.statements.setBudget.run(bucket, tat);
			this.db.exec('COMMIT');
			committed = true;
			return waitMs;
		} finally {
			if (!committed) this.db.exec('ROLLBACK');
		}
	}

	async close(): Promise<void> {
		this.db.close();
	}
}
