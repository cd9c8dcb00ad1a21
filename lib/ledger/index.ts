export * from './backend';
export * from './ledger';
export * from './read-only';
