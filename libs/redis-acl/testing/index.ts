/** Test helpers for tests that log in to Redis as one ACL user or another. */
export * from './redis-test-clients';
