export * from './client';
export * from './definition';
export * from './mapping';
export * from './time';
export * from './xml';
export type * from './wire';
