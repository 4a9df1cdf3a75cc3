/**
 * What each Redis user may touch (docs/adr/0700-redis-acl-users.md has the key and channel table).
 * Rules are ACL SETUSER arguments; every list starts from nothing (`resetkeys resetchannels -@all`).
 */

/** The shared services' users; each process logs in as its own. */
export const SERVICE_REDIS_USERS = ['platform-api', 'checkout', 'search', 'notifications', 'tenant-operator'] as const;
export type ServiceRedisUser = (typeof SERVICE_REDIS_USERS)[number];

/** The one user that creates the others (the operator, `npm start`, the test setup). */
export const ADMIN_REDIS_USER = 'platform-admin';

/** The local storefront, which serves every store by Host (a Pod of one store has its own user). */
export const ALL_STOREFRONTS_REDIS_USER = 'storefront';

/** Every login a machine running the whole platform needs. */
export type RedisLogin = ServiceRedisUser | typeof ADMIN_REDIS_USER | typeof ALL_STOREFRONTS_REDIS_USER;

/** The storefront's key namespaces, each `<namespace>:<tenant>:...` so one pattern per store captures them. */
const STOREFRONT_KEY_NAMESPACES = ['storefront:session', 'storefront:rate', 'storefront:checkout', 'catalog', 'reviews:rate'] as const;
/** Its channels, each `<channel>:<tenant>`. */
const STOREFRONT_CHANNELS = ['cache:catalog:invalidate', 'platform:tenant-changed'] as const;

/**
 * What ioredis and the storefront send: AUTH (always allowed), INFO (the ready check), SELECT (a
 * database number in the URL), CLIENT SETNAME (a refused CLIENT SETINFO ioredis ignores), then plain reads, writes,
 * transactions and pub/sub. No SCAN, KEYS, RANDOMKEY or PUBSUB: key patterns do not filter what
 * they list, and session keys carry session ids.
 */
const STOREFRONT_COMMANDS = [
  'ping', 'quit', 'info', 'select', 'client|setname', 'client|getname',
  'get', 'set', 'del', 'exists', 'incr', 'expire', 'ttl',
  'multi', 'exec', 'discard',
  'publish', 'subscribe', 'unsubscribe',
] as const;

/** Store ids name ACL users and patterns: anything but a UUID could smuggle in more rules or globs. */
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function assertTenantId(tenantId: string): void {
  if (!TENANT_ID.test(tenantId)) throw new Error(`not a tenant id (lower-case UUID): ${JSON.stringify(tenantId)}`);
}

export function storefrontRedisUser(tenantId: string): string {
  assertTenantId(tenantId);
  return `storefront-${tenantId}`;
}

/**
 * The storefront Pod of one store: its store's keys and channels only. Explicit namespaces, not
 * `~storefront:*:<tenant>:*`, which would also match another store's key whose shopper-chosen
 * part (an idempotency key) contains `:<tenant>:`.
 */
export function storefrontAclRules(tenantId: string): string[] {
  assertTenantId(tenantId);
  return [
    'resetkeys',
    ...STOREFRONT_KEY_NAMESPACES.map((namespace) => `~${namespace}:${tenantId}:*`),
    'resetchannels',
    ...STOREFRONT_CHANNELS.map((channel) => `&${channel}:${tenantId}`),
    '-@all',
    ...STOREFRONT_COMMANDS.map((command) => `+${command}`),
  ];
}

/** The local storefront, which serves every store by Host: every store's storefront keys, nothing else. */
export function allStorefrontsAclRules(): string[] {
  return [
    'resetkeys',
    ...STOREFRONT_KEY_NAMESPACES.map((namespace) => `~${namespace}:*`),
    'resetchannels',
    // PSUBSCRIBE is checked against the literal pattern, which is exactly these.
    ...STOREFRONT_CHANNELS.map((channel) => `&${channel}:*`),
    '-@all',
    ...[...STOREFRONT_COMMANDS, 'psubscribe', 'punsubscribe'].map((command) => `+${command}`),
  ];
}

/** Every shard's BullMQ keys (`{<service>:<shard>}:...`, libs/outbox shardQueuePrefix). */
const SHARD_QUEUES = ['{checkout:*}:*', '{search:*}:*', '{notifications:*}:*'];
const SHARD_QUEUE_KEYS = SHARD_QUEUES.map((queues) => `~${queues}`);

/** Where the platform API keeps its keys; each may be a glob of prefixes (the test setup's user covers every test's). */
export interface PlatformApiRedisPrefixes {
  /** Its connection's ioredis keyPrefix: none in production; each test's platform API has one of its own. */
  readonly keyPrefix?: string;
  /** PLATFORM_QUEUE_PREFIX, BullMQ's prefix of its domain-verification queue (default `bull`). */
  readonly queuePrefix?: string;
}

/** Prefixes become patterns: a space or a quote could smuggle in more rules; `*` is allowed on purpose. */
const KEY_PREFIX = /^[A-Za-z0-9_:*-]*$/;
const QUEUE_PREFIX = /^[A-Za-z0-9_*-]+$/;
/** Exactly a tenant id's 36 characters, so `catalog:<t>:version` matches no cache entry `catalog:<t>:v<n>:...:version`. */
const ANY_TENANT_ID = '?'.repeat(36);

/**
 * The platform API's keys and channels (serviceAclRules adds the commands): its login throttles,
 * its domain-verification queue, the catalog version it bumps, and every store's invalidation and
 * tenant-change channels. The shards' queues it only
 * reads (`%R~`), for the health page's job counts; it never reaches a storefront session, a
 * checkout gate or another service's cache.
 */
export function platformApiAclRules(prefixes: PlatformApiRedisPrefixes = {}): string[] {
  const { keyPrefix = '', queuePrefix = 'bull' } = prefixes;
  if (!KEY_PREFIX.test(keyPrefix)) throw new Error(`not a Redis key prefix: ${JSON.stringify(keyPrefix)}`);
  if (!QUEUE_PREFIX.test(queuePrefix)) throw new Error(`not a queue prefix: ${JSON.stringify(queuePrefix)}`);
  return [
    'resetkeys',
    `~${keyPrefix}platform:rate:*`,
    `~${keyPrefix}catalog:${ANY_TENANT_ID}:version`,
    `~${queuePrefix}:platform-api-domain-verification:*`,
    ...SHARD_QUEUES.map((queues) => `%R~${queues}`),
    'resetchannels',
    '&cache:catalog:invalidate:*',
    '&platform:tenant-changed:*',
  ];
}

/**
 * The shared services serve every store, so their keys are every store's, of their own
 * namespaces only (docs/adr/0700 has the table); none reaches the storefront's sessions. The
 * outbox relays in checkout and search write every shard's queues.
 */
const SERVICE_KEYS_AND_CHANNELS: Readonly<Record<Exclude<ServiceRedisUser, 'platform-api'>, readonly string[]>> = {
  checkout: ['resetkeys', ...SHARD_QUEUE_KEYS, '~checkout:{*}:*', 'resetchannels'],
  search: ['resetkeys', ...SHARD_QUEUE_KEYS, '~search:*', '~catalog:*', 'resetchannels', '&cache:search:invalidate:*', '&cache:catalog:invalidate:*'],
  notifications: ['resetkeys', '~{notifications:*}:*', 'resetchannels'],
  'tenant-operator': ['resetkeys', 'resetchannels', '&platform:tenant-changed:*'],
};

/**
 * What every service loses is administering the server: no FLUSHALL, KEYS, CONFIG, ACL, DEBUG,
 * SHUTDOWN, MONITOR. INFO and CLIENT SETNAME / LIST are what BullMQ and ioredis send (ioredis
 * ignores a refused CLIENT SETINFO). `prefixes` only matter to the platform API.
 */
export function serviceAclRules(service: ServiceRedisUser, prefixes: PlatformApiRedisPrefixes = {}): string[] {
  const keysAndChannels = service === 'platform-api' ? platformApiAclRules(prefixes) : SERVICE_KEYS_AND_CHANNELS[service];
  return [...keysAndChannels, '+@all', '-@dangerous', '+info', '+client|setname', '+client|list'];
}

/** `url` with its user and password replaced, for handing a process its own login. */
export function redisUrlAs(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The password in a Redis URL, if it logs in as `user`. */
export function passwordInRedisUrl(url: string, user: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (decodeURIComponent(parsed.username) !== user || !parsed.password) return undefined;
    return decodeURIComponent(parsed.password);
  } catch {
    return undefined;
  }
}
