export * from './wire';
export * from './client';
export * from './mapping';
export * from './connector';
export * from './definition';
