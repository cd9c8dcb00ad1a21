export * from './types';
export * from './memory';
export * from './migrate';
export * from './select';
export { SqliteStateStore } from './sqlite';
export * from './outbox';
