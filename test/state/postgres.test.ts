import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createPostgresStore, postgresConfigFromEnv, type PostgresStoreConfig } from '../../lib/state/postgres';
import { describeWith } from '../helpers/requires';
import { postgresMissing, startPostgres, type PostgresServer } from '../helpers/servers';
import { describeStoreContract } from './contract';

describe('postgresConfigFromEnv', () => {
	it('is undefined unless our URL is set or n8n runs on PostgreSQL', () => {
		expect(postgresConfigFromEnv({})).toBeUndefined();
		expect(postgresConfigFromEnv({ DB_TYPE: 'sqlite', DB_POSTGRESDB_HOST: 'db' })).toBeUndefined();
	});

	it('takes ORDER_SYNC_STATE_POSTGRES_URL first, with its own schema', () => {
		expect(
			postgresConfigFromEnv({
				ORDER_SYNC_STATE_POSTGRES_URL: 'postgres://u:p@db:5433/state',
				ORDER_SYNC_STATE_POSTGRES_SCHEMA: 'order_sync',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: 'n8n-db',
			}),
		).toEqual({ connectionString: 'postgres://u:p@db:5433/state', schema: 'order_sync' });
	});

	it("reads n8n's DB_POSTGRESDB_* settings with n8n's defaults", () => {
		expect(postgresConfigFromEnv({ DB_TYPE: 'postgresdb' })).toEqual({
			host: 'localhost',
			port: 5432,
			database: 'n8n',
			user: 'postgres',
			password: '',
			schema: 'public',
			ssl: false,
		});
		expect(
			postgresConfigFromEnv({
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: 'db.internal',
				DB_POSTGRESDB_PORT: '6432',
				DB_POSTGRESDB_DATABASE: 'automation',
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_PASSWORD: 'secret',
				DB_POSTGRESDB_SCHEMA: 'n8n_schema',
				DB_POSTGRESDB_SSL_ENABLED: 'true',
			}),
		).toEqual({
			host: 'db.internal',
			port: 6432,
			database: 'automation',
			user: 'n8n',
			password: 'secret',
			schema: 'n8n_schema',
			ssl: true,
		});
	});

	it('reads a setting from its _FILE, and a CA given as a file or inline, as n8n does', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-env-'));
		const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
		fs.writeFileSync(path.join(dir, 'password'), 'from-file');
		fs.writeFileSync(path.join(dir, 'ca.pem'), pem);
		try {
			const config = postgresConfigFromEnv({
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_PASSWORD_FILE: path.join(dir, 'password'),
				DB_POSTGRESDB_SSL_CA: path.join(dir, 'ca.pem'),
			});
			expect(config?.password).toBe('from-file');
			expect(config?.ssl).toEqual({ ca: pem, cert: undefined, key: undefined, rejectUnauthorized: true });
			expect(
				postgresConfigFromEnv({ DB_TYPE: 'postgresdb', DB_POSTGRESDB_SSL_CA: pem, DB_POSTGRESDB_SSL_REJECT_UNAUTHORIZED: 'false' })?.ssl,
			).toEqual({ ca: pem, cert: undefined, key: undefined, rejectUnauthorized: false });
			expect(postgresConfigFromEnv({ DB_TYPE: 'postgresdb', DB_POSTGRESDB_SSL_REJECT_UNAUTHORIZED: 'false' })?.ssl).toEqual({
				ca: undefined,
				cert: undefined,
				key: undefined,
				rejectUnauthorized: false,
			});
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describeWith('a real PostgreSQL server', postgresMissing(), () => {
	let server: PostgresServer;
	const config = (extra: Partial<PostgresStoreConfig> = {}): PostgresStoreConfig => ({
		host: server.host,
		port: server.port,
		database: server.database,
		user: server.user,
		password: server.password,
		...extra,
	});

	beforeAll(async () => {
		server = await startPostgres();
	}, 60_000);
	afterAll(async () => {
		await server?.stop();
	});

	describeStoreContract('PostgreSQL', () => createPostgresStore({ connectionString: server.url }), {
		childProcess: () => ({
			module: require.resolve('../../lib/state/postgres'),
			exportName: 'createPostgresStore',
			config: { connectionString: server.url },
		}),
	});

	it('creates its tables in the configured schema, also when several processes start at once', async () => {
		const admin = new Client(config());
		await admin.connect();
		try {
			await admin.query('CREATE SCHEMA order_sync_fresh');
			const stores = await Promise.all(Array.from({ length: 6 }, () => createPostgresStore(config({ schema: 'order_sync_fresh' }))));
			await stores[0].namespace('wf:1').set('k', { at: 1, value: 'in schema' });
			const { rows } = await admin.query<{ value: string }>('SELECT value FROM order_sync_fresh.order_sync_state');
			expect(rows).toEqual([{ value: '"in schema"' }]);
			await Promise.all(stores.map((store) => store.close()));
		} finally {
			await admin.end();
		}
	});

	it('works in n8n\'s database as a user that may use but not create in a schema once the tables exist', async () => {
		const admin = new Client(config());
		await admin.connect();
		try {
			await admin.query(`CREATE SCHEMA shared_state; CREATE ROLE worker LOGIN PASSWORD 'worker-pw';
				GRANT USAGE ON SCHEMA shared_state TO worker`);
			const owner = await createPostgresStore(config({ schema: 'shared_state' }));
			await owner.close();
			await admin.query('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA shared_state TO worker');
			const worker = await createPostgresStore(config({ schema: 'shared_state', user: 'worker', password: 'worker-pw' }));
			expect(await worker.namespace('instance').setIfAbsent('k', { at: 1 })).toBe(true);
			await worker.close();
		} finally {
			await admin.end();
		}
	});

	it('names the server and user when it cannot connect, never the password', async () => {
		const attempt = createPostgresStore(config({ password: 'wrong-Secret-123' }));
		await expect(attempt).rejects.toThrow(`PostgreSQL state store at 127.0.0.1:${server.port}/postgres as postgres`);
		await expect(attempt).rejects.not.toThrow('wrong-Secret-123');
		const byUrl = createPostgresStore({ connectionString: `postgres://postgres:wrong-Secret-123@127.0.0.1:${server.port}/postgres` });
		await expect(byUrl).rejects.toThrow(/password authentication failed/);
		await expect(byUrl).rejects.not.toThrow('wrong-Secret-123');
	});
});
