export * from './status';
export * from './order';
export * from './lines';
export * from './money';
