export * from './decide';
export * from './apply';
export * from './positions';
