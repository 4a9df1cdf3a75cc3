/** Test kit for notifications: a real SMTP server, a webhook receiver, a DNS server, store and order fixtures. */
export * from './test-smtp-server';
export * from './webhook-receiver';
export * from './test-dns-server';
export * from './notification-fixtures';
export * from './shard-workers';
export { until } from '@storefront/testing';
