export * from './scope';
export * from './baseline';
