/** Test kit for notifications: a real SMTP server, a webhook receiver, store and order fixtures. */
export * from './test-smtp-server';
export * from './webhook-receiver';
export * from './notification-fixtures';
export * from './shard-workers';
