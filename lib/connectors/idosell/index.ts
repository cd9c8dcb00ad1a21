export * from './wire';
export * from './mapping';
export * from './client';
export * from './definition';
