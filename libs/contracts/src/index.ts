export * from './tenant-context';
export * from './error-response';
export * from './product-search';
