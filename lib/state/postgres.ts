import { readFileSync } from 'node:fs';
import { Pool, type PoolConfig } from 'pg';
import type { LedgerBackend, LedgerRecord } from '../ledger/backend';
import type { StateStore } from './types';
import { envFlag, envValue } from './env';
import { StateStoreError } from './errors';

export interface PostgresStoreConfig {
	/** `postgres://user:password@host:port/database`; the fields below fill in what it leaves out. */
	connectionString?: string;
	host?: string;
	port?: number;
	database?: string;
	user?: string;
	password?: string;
	/** Schema of our tables (default `public`); it must exist. */
	schema?: string;
	ssl?: boolean | { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean };
	poolSize?: number;
}

const STATE_TABLE = 'order_sync_state';
const BUDGET_TABLE = 'order_sync_budget';
/** Class id of our advisory lock, so two processes starting at once create the tables one after the other. */
const SCHEMA_LOCK_CLASS = 0x05e7c0de;

/**
 * The store in PostgreSQL: one table of records by (namespace, key) and one of rate budgets, in a schema of the
 * database n8n already uses (or another). Every call is one statement, so it is atomic and committed on return.
 */
export async function createPostgresStore(config: PostgresStoreConfig): Promise<StateStore> {
	const pool = new Pool(poolConfig(config));
	// An idle connection the server dropped is discarded by the pool; the next query opens a new one.
	pool.on('error', () => undefined);
	const schema = quoteIdentifier(config.schema ?? 'public');
	const state = `${schema}.${STATE_TABLE}`;
	const budget = `${schema}.${BUDGET_TABLE}`;
	const failure = await createTables(pool, config.schema ?? 'public', state, budget).then(
		() => undefined,
		(error: Error) => error,
	);
	if (failure) {
		await pool.end();
		throw new StateStoreError(
			`Order Sync cannot use its PostgreSQL state store at ${describeTarget(config)}: ${failure.message}`,
			{ cause: failure },
		);
	}

	return {
		kind: 'postgres',
		sharedAcrossHosts: true,
		namespace: (name) => new PostgresNamespace(pool, state, name),
		async reserve(bucket, capacity, windowMs, now) {
			const { rows } = await pool.query<{ wait: string }>(reserveSql(budget), [
				bucket,
				Math.max(1, Math.floor(capacity)),
				Math.round(windowMs),
				now === undefined ? null : Math.round(now),
			]);
			return Math.max(0, Number(rows[0].wait));
		},
		close: () => pool.end(),
	};
}

class PostgresNamespace implements LedgerBackend {
	constructor(
		private readonly pool: Pool,
		private readonly table: string,
		private readonly name: string,
	) {}

	async get(key: string): Promise<LedgerRecord | undefined> {
		const { rows } = await this.pool.query<StoredRow>(
			`SELECT at, value, keep FROM ${this.table} WHERE namespace = $1 AND key = $2`,
			[this.name, key],
		);
		return rows.length ? toRecord(rows[0]) : undefined;
	}

	async set(key: string, record: LedgerRecord): Promise<void> {
		await this.pool.query(
			`INSERT INTO ${this.table} (namespace, key, at, value, keep) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (namespace, key) DO UPDATE SET at = excluded.at, value = excluded.value, keep = excluded.keep`,
			[this.name, key, ...columns(record)],
		);
	}

	async setIfAbsent(key: string, record: LedgerRecord): Promise<boolean> {
		const { rowCount } = await this.pool.query(
			`INSERT INTO ${this.table} (namespace, key, at, value, keep) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (namespace, key) DO NOTHING`,
			[this.name, key, ...columns(record)],
		);
		return rowCount === 1;
	}

	async replaceIf(key: string, expectedAt: number, record: LedgerRecord): Promise<boolean> {
		// A concurrent replacer waits for the row lock and then sees the new `at`, so only one of them matches.
		const { rowCount } = await this.pool.query(
			`UPDATE ${this.table} SET at = $4, value = $5, keep = $6 WHERE namespace = $1 AND key = $2 AND at = $3`,
			[this.name, key, expectedAt, ...columns(record)],
		);
		return rowCount === 1;
	}

	async delete(key: string): Promise<boolean> {
		const { rowCount } = await this.pool.query(`DELETE FROM ${this.table} WHERE namespace = $1 AND key = $2`, [
			this.name,
			key,
		]);
		return rowCount === 1;
	}

	async pruneBefore(at: number): Promise<number> {
		const { rowCount } = await this.pool.query(
			`DELETE FROM ${this.table} WHERE namespace = $1 AND at < $2 AND NOT keep`,
			[this.name, at],
		);
		return rowCount ?? 0;
	}

	async list(prefix: string, limit?: number): Promise<Array<{ key: string; record: LedgerRecord }>> {
		const { rows } = await this.pool.query<StoredRow & { key: string }>(
			`SELECT key, at, value, keep FROM ${this.table}
			 WHERE namespace = $1 AND key LIKE $2 ESCAPE '\\' ORDER BY at, key LIMIT $3`,
			[this.name, `${prefix.replace(/[\\%_]/g, '\\$&')}%`, limit ?? null],
		);
		return rows.map((row) => ({ key: row.key, record: toRecord(row) }));
	}
}

interface StoredRow {
	at: string;
	value: string | null;
	keep: boolean;
}

function toRecord(row: StoredRow): LedgerRecord {
	const record: LedgerRecord = { at: Number(row.at) };
	if (row.value !== null) record.value = JSON.parse(row.value);
	if (row.keep) record.keep = true;
	return record;
}

function columns(record: LedgerRecord): [number, string | null, boolean] {
	return [record.at, record.value === undefined ? null : JSON.stringify(record.value), record.keep === true];
}

async function createTables(pool: Pool, schemaName: string, state: string, budget: string): Promise<void> {
	const { rows } = await pool.query<{ ready: boolean }>(
		'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ready',
		[state, budget],
	);
	if (rows[0].ready) return;
	const client = await pool.connect();
	let committed = false;
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SCHEMA_LOCK_CLASS, schemaName]);
		// `key` sorts bytewise, so a prefix LIKE walks the primary key.
		await client.query(`CREATE TABLE IF NOT EXISTS ${state} (
			namespace text NOT NULL,
			key text COLLATE "C" NOT NULL,
			at bigint NOT NULL,
			value text,
			keep boolean NOT NULL DEFAULT false,
			PRIMARY KEY (namespace, key))`);
		await client.query(
			`CREATE INDEX IF NOT EXISTS ${STATE_TABLE}_age ON ${state} (namespace, at) WHERE NOT keep`,
		);
		await client.query(`CREATE TABLE IF NOT EXISTS ${budget} (bucket text PRIMARY KEY, sends bigint[] NOT NULL)`);
		await client.query('COMMIT');
		committed = true;
	} finally {
		if (!committed) await client.query('ROLLBACK').catch(() => undefined);
		client.release();
	}
}

/**
 * A sliding log of the bucket's last `capacity` send times: the next send is at the earliest `windowMs` after the
 * send `capacity` places back (and never before the latest one), so no window of `windowMs` holds more than
 * `capacity` sends, and a burst uses the whole budget at once. The database clock schedules everyone (`now` is for
 * tests), so callers on hosts with skewed clocks still share one timeline; the wait is relative to it.
 */
function reserveSql(budget: string): string {
	return `WITH clock AS (
		SELECT COALESCE($4::bigint, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) AS now
	)
	INSERT INTO ${budget} AS b (bucket, sends) SELECT $1, ARRAY[clock.now] FROM clock
	ON CONFLICT (bucket) DO UPDATE SET sends = (
		SELECT (recent.sends || next.send_at)[greatest(1, cardinality(recent.sends) + 2 - $2::int):]
		FROM clock,
			LATERAL (SELECT ARRAY(SELECT t FROM unnest(b.sends) AS t WHERE t > clock.now - $3::bigint ORDER BY t) AS sends) recent,
			LATERAL (SELECT GREATEST(
				clock.now,
				recent.sends[cardinality(recent.sends)],
				CASE WHEN cardinality(recent.sends) >= $2::int
					THEN recent.sends[cardinality(recent.sends) + 1 - $2::int] + $3::bigint END
			) AS send_at) next
	)
	RETURNING sends[cardinality(sends)] - (SELECT now FROM clock) AS wait`;
}

function poolConfig(config: PostgresStoreConfig): PoolConfig {
	return {
		connectionString: config.connectionString,
		host: config.host,
		port: config.port,
		database: config.database,
		user: config.user,
		password: config.password,
		ssl: config.ssl,
		max: config.poolSize ?? 4,
		connectionTimeoutMillis: 20_000,
		idleTimeoutMillis: 30_000,
		// A claim waiting behind a stuck lock fails after this rather than holding the execution forever.
		statement_timeout: 30_000,
		keepAlive: true,
		application_name: 'n8n-nodes-order-sync',
	};
}

function quoteIdentifier(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

/** Where the store is, for messages: never the password. */
export function describeTarget(config: PostgresStoreConfig): string {
	if (config.connectionString) {
		try {
			const url = new URL(config.connectionString);
			return `${url.hostname}:${url.port || 5432}${url.pathname} as ${decodeURIComponent(url.username) || 'default user'}`;
		} catch {
			return 'the configured connection URL';
		}
	}
	return `${config.host ?? 'localhost'}:${config.port ?? 5432}/${config.database ?? ''} as ${config.user ?? 'default user'}`;
}

/**
 * The store's settings from the environment: `ORDER_SYNC_STATE_POSTGRES_URL` (schema from
 * `ORDER_SYNC_STATE_POSTGRES_SCHEMA`), or else n8n's own database when `DB_TYPE=postgresdb` (its `DB_POSTGRESDB_*`
 * settings with n8n's defaults, each also readable from a `<NAME>_FILE`). Undefined when neither is set.
 */
export function postgresConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PostgresStoreConfig | undefined {
	const url = envValue(env, 'ORDER_SYNC_STATE_POSTGRES_URL');
	if (url) return { connectionString: url, schema: envValue(env, 'ORDER_SYNC_STATE_POSTGRES_SCHEMA') ?? 'public' };
	if (envValue(env, 'DB_TYPE') !== 'postgresdb') return undefined;

	const ca = certificate(envValue(env, 'DB_POSTGRESDB_SSL_CA'));
	const cert = certificate(envValue(env, 'DB_POSTGRESDB_SSL_CERT'));
	const key = certificate(envValue(env, 'DB_POSTGRESDB_SSL_KEY'));
	const rejectUnauthorized = envFlag(env, 'DB_POSTGRESDB_SSL_REJECT_UNAUTHORIZED') ?? true;
	// As n8n does: any certificate or a relaxed check means TLS with those options; otherwise the SSL_ENABLED flag.
	const ssl =
		ca || cert || key || !rejectUnauthorized
			? { ca, cert, key, rejectUnauthorized }
			: (envFlag(env, 'DB_POSTGRESDB_SSL_ENABLED') ?? false);
	const port = Number(envValue(env, 'DB_POSTGRESDB_PORT') ?? 5432);
	return {
		host: envValue(env, 'DB_POSTGRESDB_HOST') ?? 'localhost',
		port: Number.isFinite(port) ? port : 5432,
		database: envValue(env, 'DB_POSTGRESDB_DATABASE') ?? 'n8n',
		user: envValue(env, 'DB_POSTGRESDB_USER') ?? 'postgres',
		password: envValue(env, 'DB_POSTGRESDB_PASSWORD') ?? '',
		schema: envValue(env, 'ORDER_SYNC_STATE_POSTGRES_SCHEMA') ?? envValue(env, 'DB_POSTGRESDB_SCHEMA') ?? 'public',
		ssl,
	};
}

/** A PEM given inline, or the path of a PEM file. */
function certificate(value: string | undefined): string | undefined {
	if (!value) return undefined;
	return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}
