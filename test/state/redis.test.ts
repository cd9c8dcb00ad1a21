import { createRedisStore, redisConfigFromEnv } from '../../lib/state/redis';
import { describeWith } from '../helpers/requires';
import { redisMissing, startRedis, type RedisServer } from '../helpers/servers';
import { describeStoreContract } from './contract';

describe('redisConfigFromEnv', () => {
	it('is undefined unless our URL is set or n8n runs in queue mode', () => {
		expect(redisConfigFromEnv({})).toBeUndefined();
		expect(redisConfigFromEnv({ QUEUE_BULL_REDIS_PORT: '6380' })).toBeUndefined();
	});

	it('takes ORDER_SYNC_STATE_REDIS_URL first', () => {
		expect(
			redisConfigFromEnv({ ORDER_SYNC_STATE_REDIS_URL: 'rediss://u:p@cache:6380/2', EXECUTIONS_MODE: 'queue', ORDER_SYNC_STATE_REDIS_PREFIX: 'shop1:' }),
		).toEqual({ url: 'rediss://u:p@cache:6380/2', keyPrefix: 'shop1:' });
	});

	it("reads n8n's QUEUE_BULL_REDIS_* settings with n8n's defaults", () => {
		expect(redisConfigFromEnv({ EXECUTIONS_MODE: 'queue' })).toEqual({
			host: 'localhost',
			port: 6379,
			db: 0,
			username: undefined,
			password: undefined,
			tls: false,
			keyPrefix: 'order-sync:',
		});
		expect(
			redisConfigFromEnv({
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: 'redis.internal',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_DB: '3',
				QUEUE_BULL_REDIS_USERNAME: 'n8n',
				QUEUE_BULL_REDIS_PASSWORD: 'secret',
				QUEUE_BULL_REDIS_TLS: 'true',
			}),
		).toEqual({ host: 'redis.internal', port: 6380, db: 3, username: 'n8n', password: 'secret', tls: true, keyPrefix: 'order-sync:' });
	});

	it('leaves a Redis Cluster to the other stores', () => {
		expect(redisConfigFromEnv({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_CLUSTER_NODES: 'r1:6379,r2:6379' })).toBeUndefined();
	});
});

describeWith('a real Redis server', redisMissing(), () => {
	let server: RedisServer;
	const password = 'redis-Secret-42';

	beforeAll(async () => {
		server = await startRedis({ password });
	}, 60_000);
	afterAll(async () => {
		await server?.stop();
	});

	describeStoreContract('Redis', () => createRedisStore({ url: server.url }), {
		childProcess: () => ({
			module: require.resolve('../../lib/state/redis'),
			exportName: 'createRedisStore',
			config: { url: server.url },
		}),
	});

	it('keeps stores with different key prefixes apart', async () => {
		const one = await createRedisStore({ host: server.host, port: server.port, password, keyPrefix: 'shop-one:' });
		const two = await createRedisStore({ host: server.host, port: server.port, password, keyPrefix: 'shop-two:' });
		try {
			expect(await one.namespace('instance').setIfAbsent('act|woo|1|mail', { at: 1 })).toBe(true);
			expect(await two.namespace('instance').setIfAbsent('act|woo|1|mail', { at: 2 })).toBe(true);
			expect(await one.reserve('ozon', 1, 60_000, 0)).toBe(0);
			expect(await two.reserve('ozon', 1, 60_000, 0)).toBe(0);
		} finally {
			await Promise.all([one.close(), two.close()]);
		}
	});

	it('names the server when it cannot connect, never the password', async () => {
		const attempt = createRedisStore({ host: server.host, port: server.port, password: 'wrong-Secret-123' });
		await expect(attempt).rejects.toThrow(`Redis state store at 127.0.0.1:${server.port}/0`);
		await expect(attempt).rejects.not.toThrow('wrong-Secret-123');
	});
});
