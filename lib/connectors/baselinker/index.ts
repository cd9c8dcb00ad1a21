export * from './wire';
export * from './mapping';
export * from './client';
export * from './connector';
export * from './definition';
