export * from './types';
export * from './table';
export * from './presets';
export * from './derive';
export * from './completeness';
export * from './mapper';
