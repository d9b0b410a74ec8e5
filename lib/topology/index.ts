export * from './schema';
export * from './problems';
export * from './derive';
export * from './validate';
export * from './load';
export * from './define';
export { DEFAULT_TOPOLOGY } from './default';
export * from './regions';
export * from './handover';
