export * from './request-context';
export * from './logger';
export * from './metrics';
export * from './health-checks';
export * from './graceful-shutdown';
