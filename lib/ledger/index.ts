export * from './backend';
export * from './ledger';
export * from './process-memory';
