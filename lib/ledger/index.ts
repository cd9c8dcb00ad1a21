export * from './backend';
export * from './ledger';
