export * from './database-clusters';
export * from './database-unavailable.error';
export * from './sql-identifiers';
export * from './platform-entities';
export * from './platform-migrations';
export * from './postgres-errors';
export * from './service-database-login';
