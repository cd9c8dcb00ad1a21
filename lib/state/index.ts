export * from './types';
export * from './memory';
export * from './migrate';
export * from './select';
export { SqliteStateStore } from './sqlite';
export * from './outbox';
export * from './errors';
export { createPostgresStore, postgresConfigFromEnv } from './postgres';
export { createRedisStore, redisConfigFromEnv } from './redis';
