export * from './backend';
export * from './ledger';
export * from './object-backend';
export * from './process-memory';
