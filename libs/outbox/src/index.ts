export * from './domain-event';
export * from './outbox-writer';
export * from './event-routes';
export * from './relayed-event.job';
export * from './outbox-relay';
export * from './event-consumer';
export * from './tenant-fair-queue';
export * from './processed-events-retention';
