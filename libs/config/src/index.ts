export * from './config-error';
export * from './load-config';
export * from './config-fields';
export * from './service-config';
export * from './platform-variables';
export * from './shard-config';
export * from './database-pool-config';
