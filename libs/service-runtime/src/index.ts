export * from './start-http-service';
export * from './http-exception.filter';
export * from './pino-nest-logger';
export * from './zod-validation.pipe';
