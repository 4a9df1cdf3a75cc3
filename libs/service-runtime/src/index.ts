export * from './start-http-service';
export * from './http-exception.filter';
export * from './pino-nest-logger';
export * from './zod-validation.pipe';
export * from './tenant-shard.guard';
export * from './shard-service-resources';
