import Redis, { type RedisOptions } from 'ioredis';
import type { LedgerBackend, LedgerRecord } from '../ledger/backend';
import type { StateStore } from './types';
import { envFlag, envValue } from './env';
import { StateStoreError } from './errors';

/*
 * Durability: Redis keeps data in memory and by default only snapshots it every few minutes, so a Redis crash can
 * forget claims made since the last snapshot and a mail would go out twice. Run the Redis that holds the store with
 * `appendonly yes` (`appendfsync everysec` loses at most a second; `always` nothing), or use PostgreSQL.
 */

export interface RedisStoreConfig {
	/** `redis://[user:password@]host:port/db`, or `rediss://` for TLS; the fields below fill in what it leaves out. */
	url?: string;
	host?: string;
	port?: number;
	username?: string;
	password?: string;
	db?: number;
	tls?: boolean;
	/** Prefix of every key the store writes (default `order-sync:`). */
	keyPrefix?: string;
}

/*
 * A namespace is three keys sharing one hash tag: `r`, a hash of key → record (`<at>:<keep 0|1>:<JSON value>`);
 * `k`, a sorted set of its keys by name, for prefix listing; `p`, a sorted set of the keys age pruning may
 * delete, by `at`. The scripts below keep the three in step, each atomically.
 */
const PUT = `
local function put(key, record, at, keep)
	redis.call('HSET', KEYS[1], key, record)
	redis.call('ZADD', KEYS[2], 0, key)
	if keep == '1' then redis.call('ZREM', KEYS[3], key) else redis.call('ZADD', KEYS[3], at, key) end
end
`;

const SET = `${PUT}
put(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return 1`;

const SET_IF_ABSENT = `${PUT}
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
put(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return 1`;

const REPLACE_IF = `${PUT}
local held = redis.call('HGET', KEYS[1], ARGV[1])
if not held or string.match(held, '^[^:]*') ~= ARGV[5] then return 0 end
put(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return 1`;

const DELETE = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1`;

/** One batch of at most ARGV[2] records older than ARGV[1]; the caller repeats until a batch comes back short. */
const PRUNE = `
local keys = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #keys == 0 then return 0 end
redis.call('HDEL', KEYS[1], unpack(keys))
redis.call('ZREM', KEYS[2], unpack(keys))
redis.call('ZREM', KEYS[3], unpack(keys))
return #keys`;

/** Keys in the lexical range ARGV[1]..ARGV[2] with their records, oldest first, at most ARGV[3] (0: all). */
const LIST = `
local keys = redis.call('ZRANGEBYLEX', KEYS[2], ARGV[1], ARGV[2])
local found = {}
for i = 1, #keys, 500 do
	local chunk = {}
	for j = i, math.min(i + 499, #keys) do chunk[#chunk + 1] = keys[j] end
	local records = redis.call('HMGET', KEYS[1], unpack(chunk))
	for j, record in ipairs(records) do
		if record then
			found[#found + 1] = { chunk[j], record, tonumber(string.match(record, '^[^:]*')) }
		end
	end
end
table.sort(found, function(a, b) if a[3] == b[3] then return a[1] < b[1] end return a[3] < b[3] end)
local limit = tonumber(ARGV[3])
if limit == 0 or limit > #found then limit = #found end
local flat = {}
for i = 1, limit do flat[#flat + 1] = found[i][1]; flat[#flat + 1] = found[i][2] end
return flat`;

/**
 * A sliding log of the bucket's last ARGV[1] send times (a list, oldest first): the next send is at the earliest
 * ARGV[2] ms after the send ARGV[1] places back, and never before the latest one, so no window of ARGV[2] ms holds
 * more than ARGV[1] sends and a burst uses the whole budget at once. Redis's clock schedules everyone (ARGV[3] is
 * for tests), so callers on hosts with skewed clocks share one timeline. Returns the wait in ms.
 */
const RESERVE = `
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if not now then
	local time = redis.call('TIME')
	now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local sends = redis.call('LRANGE', KEYS[1], 0, -1)
local recent = {}
for _, sent in ipairs(sends) do
	local at = tonumber(sent)
	if at > now - window then recent[#recent + 1] = at end
end
local at = now
if #recent > 0 and recent[#recent] > at then at = recent[#recent] end
if #recent >= capacity and recent[#recent - capacity + 1] + window > at then at = recent[#recent - capacity + 1] + window end
redis.call('LTRIM', KEYS[1], #sends - #recent, -1)
redis.call('RPUSH', KEYS[1], string.format('%.0f', at))
redis.call('LTRIM', KEYS[1], -capacity, -1)
redis.call('PEXPIRE', KEYS[1], at - now + window)
return at - now`;

type Script = (...arguments_: Array<string | number | Buffer>) => Promise<unknown>;

interface Scripts {
	set: Script;
	setIfAbsent: Script;
	replaceIf: Script;
	delete: Script;
	prune: Script;
	list: Script;
	reserve: Script;
}

const PRUNE_BATCH = 1000;

/** The store in Redis, e.g. the one n8n's queue mode already runs. Each call is one Lua script, atomic. */
export async function createRedisStore(config: RedisStoreConfig): Promise<StateStore> {
	const options: RedisOptions = {
		host: config.host,
		port: config.port,
		username: config.username,
		password: config.password,
		db: config.db,
		tls: config.tls ? {} : undefined,
		lazyConnect: true,
		// A claim must fail within seconds when Redis is gone, not hang the execution.
		maxRetriesPerRequest: 3,
		connectTimeout: 10_000,
		connectionName: 'n8n-nodes-order-sync',
	};
	const redis = config.url ? new Redis(config.url, options) : new Redis(options);
	// Failed commands reject with the reason; the connection's own error events need no second report.
	redis.on('error', () => undefined);
	const failure = await redis
		.connect()
		.then(() => redis.ping())
		.then(
			() => undefined,
			(error: Error) => error,
		);
	if (failure) {
		redis.disconnect();
		throw new StateStoreError(
			`Order Sync cannot use its Redis state store at ${describeTarget(config)}: ${failure.message}`,
			{ cause: failure },
		);
	}
	const define = (name: string, numberOfKeys: number, lua: string): Script => {
		redis.defineCommand(`orderSync_${name}`, { numberOfKeys, lua });
		const command = (redis as unknown as Record<string, Script>)[`orderSync_${name}`];
		return (...arguments_) => command.apply(redis, arguments_);
	};
	const scripts: Scripts = {
		set: define('set', 3, SET),
		setIfAbsent: define('setIfAbsent', 3, SET_IF_ABSENT),
		replaceIf: define('replaceIf', 3, REPLACE_IF),
		delete: define('delete', 3, DELETE),
		prune: define('prune', 3, PRUNE),
		list: define('list', 2, LIST),
		reserve: define('reserve', 1, RESERVE),
	};
	const prefix = config.keyPrefix ?? 'order-sync:';

	return {
		kind: 'redis',
		sharedAcrossHosts: true,
		namespace: (name) => new RedisNamespace(redis, scripts, `${prefix}{${name}}:`),
		async reserve(bucket, capacity, windowMs, now) {
			const wait = await scripts.reserve(
				`${prefix}budget:${bucket}`,
				Math.max(1, Math.floor(capacity)),
				Math.round(windowMs),
				now === undefined ? '' : Math.round(now),
			);
			return Math.max(0, Number(wait));
		},
		async close() {
			await redis.quit();
		},
	};
}

class RedisNamespace implements LedgerBackend {
	private readonly records: string;
	private readonly names: string;
	private readonly ages: string;

	constructor(
		private readonly redis: Redis,
		private readonly scripts: Scripts,
		base: string,
	) {
		this.records = `${base}r`;
		this.names = `${base}k`;
		this.ages = `${base}p`;
	}

	async get(key: string): Promise<LedgerRecord | undefined> {
		const stored = await this.redis.hget(this.records, key);
		return stored === null ? undefined : decode(stored);
	}

	async set(key: string, record: LedgerRecord): Promise<void> {
		await this.scripts.set(this.records, this.names, this.ages, key, ...encode(record));
	}

	async setIfAbsent(key: string, record: LedgerRecord): Promise<boolean> {
		return (await this.scripts.setIfAbsent(this.records, this.names, this.ages, key, ...encode(record))) === 1;
	}

	async replaceIf(key: string, expectedAt: number, record: LedgerRecord): Promise<boolean> {
		const replaced = await this.scripts.replaceIf(
			this.records,
			this.names,
			this.ages,
			key,
			...encode(record),
			String(expectedAt),
		);
		return replaced === 1;
	}

	async delete(key: string): Promise<boolean> {
		return (await this.scripts.delete(this.records, this.names, this.ages, key)) === 1;
	}

	async pruneBefore(at: number): Promise<number> {
		let removed = 0;
		for (;;) {
			const batch = Number(await this.scripts.prune(this.records, this.names, this.ages, String(at), PRUNE_BATCH));
			removed += batch;
			if (batch < PRUNE_BATCH) return removed;
		}
	}

	async list(prefix: string, limit?: number): Promise<Array<{ key: string; record: LedgerRecord }>> {
		// Byte 0xff never occurs in UTF-8, so `(prefix\xff` bounds every key that starts with the prefix.
		const range = prefix
			? [Buffer.from(`[${prefix}`), Buffer.concat([Buffer.from(`(${prefix}`), Buffer.from([0xff])])]
			: ['-', '+'];
		const flat = (await this.scripts.list(this.records, this.names, ...range, limit ?? 0)) as string[];
		const found: Array<{ key: string; record: LedgerRecord }> = [];
		for (let i = 0; i < flat.length; i += 2) found.push({ key: flat[i], record: decode(flat[i + 1]) });
		return found;
	}
}

function encode(record: LedgerRecord): [string, string, string] {
	const at = String(record.at);
	const keep = record.keep ? '1' : '0';
	const value = record.value === undefined ? '' : JSON.stringify(record.value);
	return [`${at}:${keep}:${value}`, at, keep];
}

function decode(stored: string): LedgerRecord {
	const [at, keep] = stored.split(':', 2);
	const value = stored.slice(at.length + keep.length + 2);
	const record: LedgerRecord = { at: Number(at) };
	if (value !== '') record.value = JSON.parse(value);
	if (keep === '1') record.keep = true;
	return record;
}

/** Where the store is, for messages: never the password. */
function describeTarget(config: RedisStoreConfig): string {
	if (config.url) {
		try {
			const url = new URL(config.url);
			return `${url.hostname}:${url.port || 6379}${url.pathname}`;
		} catch {
			return 'the configured Redis URL';
		}
	}
	return `${config.host ?? 'localhost'}:${config.port ?? 6379}/${config.db ?? 0}`;
}

/**
 * The store's settings from the environment: `ORDER_SYNC_STATE_REDIS_URL`, or else the Redis of n8n's queue mode
 * (`QUEUE_BULL_REDIS_*`) when `EXECUTIONS_MODE=queue` or `QUEUE_BULL_REDIS_HOST` is set. Undefined otherwise, and
 * for a Redis Cluster (`QUEUE_BULL_REDIS_CLUSTER_NODES`), which the store does not support.
 * `ORDER_SYNC_STATE_REDIS_PREFIX` overrides the key prefix.
 */
export function redisConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RedisStoreConfig | undefined {
	const keyPrefix = envValue(env, 'ORDER_SYNC_STATE_REDIS_PREFIX') ?? 'order-sync:';
	const url = envValue(env, 'ORDER_SYNC_STATE_REDIS_URL');
	if (url) return { url, keyPrefix };
	const host = envValue(env, 'QUEUE_BULL_REDIS_HOST');
	if (envValue(env, 'EXECUTIONS_MODE') !== 'queue' && !host) return undefined;
	if (envValue(env, 'QUEUE_BULL_REDIS_CLUSTER_NODES')) return undefined;
	const port = Number(envValue(env, 'QUEUE_BULL_REDIS_PORT') ?? 6379);
	const db = Number(envValue(env, 'QUEUE_BULL_REDIS_DB') ?? 0);
	return {
		host: host ?? 'localhost',
		port: Number.isFinite(port) ? port : 6379,
		db: Number.isFinite(db) ? db : 0,
		username: envValue(env, 'QUEUE_BULL_REDIS_USERNAME') || undefined,
		password: envValue(env, 'QUEUE_BULL_REDIS_PASSWORD') || undefined,
		tls: envFlag(env, 'QUEUE_BULL_REDIS_TLS') ?? false,
		keyPrefix,
	};
}
