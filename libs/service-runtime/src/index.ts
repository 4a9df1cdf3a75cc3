export * from './start-http-service';
export * from './http-exception.filter';
export * from './pino-nest-logger';
export * from './zod-validation.pipe';
export * from './sharding/shard-request';
export * from './sharding/shard-tenant-directory';
export * from './sharding/tenant-shard.guard';
export * from './sharding/shard-routing';
