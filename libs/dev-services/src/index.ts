export * from './dev-environment';
export * from './postgres-server';
export * from './redis-server';
export * from './pgbouncer-server';
export * from './free-port';
export * from './chromium';
export * from './tool-cache';
export * from './go-binary';
