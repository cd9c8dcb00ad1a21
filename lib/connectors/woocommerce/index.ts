export * from './client';
export * from './mapping';
export * from './webhooks';
export type * from './wire';
export * from './definition';
