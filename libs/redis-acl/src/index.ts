export * from './redis-acl-rules';
export * from './redis-acl-users';
