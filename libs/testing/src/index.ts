export * from './test-database';
export * from './test-redis';
export * from './host-client';
export * from './service-process';
export * from './until';
export * from './test-logs';
export * from './platform-database';
export * from './private-postgres';
