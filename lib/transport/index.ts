export * from './types';
export * from './errors';
export * from './redact';
export * from './rate-limit';
export * from './transport';
export * from './node-http';
export * from './dry-run';
