export * from './tenant-context';
export * from './error-response';
