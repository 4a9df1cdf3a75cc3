import { CONFIG_ERROR_EXIT_CODE, loadConfig, loadConfigOrExit, queuePrefix, redisUrl } from '@storefront/config';
import { passwordInRedisUrl, RedisAclUsers, type ServiceRedisUser } from '@storefront/redis-acl';
import Redis from 'ioredis';
import { z } from 'zod';

const ensureRedisUsersConfigSchema = z.object({
  /** A user allowed ACL SETUSER (the operator's, platform-admin). */
  PLATFORM_REDIS_ADMIN_URL: redisUrl,
  /** The platform API's, whose user's patterns name it. */
  PLATFORM_QUEUE_PREFIX: queuePrefix,
  // Each the REDIS_URL its component gets: that user and its password. Unset: left alone.
  PLATFORM_REDIS_URL_PLATFORM_API: redisUrl.optional(),
  PLATFORM_REDIS_URL_CHECKOUT: redisUrl.optional(),
  PLATFORM_REDIS_URL_SEARCH: redisUrl.optional(),
  PLATFORM_REDIS_URL_NOTIFICATIONS: redisUrl.optional(),
});
type EnsureRedisUsersConfig = z.infer<typeof ensureRedisUsersConfigSchema>;

/** The users the chart makes; the operator logs in as the admin itself, since it creates the storefront users. */
const URL_OF_USER: ReadonlyArray<[ServiceRedisUser, keyof EnsureRedisUsersConfig]> = [
  ['platform-api', 'PLATFORM_REDIS_URL_PLATFORM_API'],
  ['checkout', 'PLATFORM_REDIS_URL_CHECKOUT'],
  ['search', 'PLATFORM_REDIS_URL_SEARCH'],
  ['notifications', 'PLATFORM_REDIS_URL_NOTIFICATIONS'],
];

/**
 * The chart's install/upgrade step (docs/adr/0700): creates or updates each service's Redis ACL
 * user with exactly the password in the URL its Pods get, and the rules of libs/redis-acl. Every
 * call states a user's whole rule set, so running it again converges.
 */
export async function ensureRedisUsersCommand(env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const config = loadConfigOrExit(() => loadConfig(ensureRedisUsersConfigSchema, env));
  const wanted = URL_OF_USER.flatMap(([user, variable]) => (config[variable] ? [{ user, variable, password: passwordInRedisUrl(config[variable], user) }] : []));
  const unusable = wanted.filter((entry) => entry.password === undefined).map((entry) => `${entry.variable} must log in as ${entry.user}, with a password`);
  if (wanted.length === 0) unusable.push(`no user to ensure: set one of ${URL_OF_USER.map(([, variable]) => variable).join(', ')}`);
  if (unusable.length > 0) {
    for (const line of unusable) process.stderr.write(`${line}\n`);
    return CONFIG_ERROR_EXIT_CODE;
  }
  // A Redis still starting gets a few seconds; then the Job fails and Kubernetes retries it.
  const admin = new Redis(config.PLATFORM_REDIS_ADMIN_URL, { maxRetriesPerRequest: 3, retryStrategy: (attempt) => (attempt > 5 ? null : attempt * 500) });
  // Failures reach the command that hit them; without a listener ioredis would also print each one.
  admin.on('error', () => undefined);
  try {
    const users = new RedisAclUsers(admin);
    for (const { user, password } of wanted) {
      await users.ensureServiceUser(user, password!, { queuePrefix: config.PLATFORM_QUEUE_PREFIX });
      out(`${user}: Redis user ensured`);
    }
    return 0;
  } finally {
    admin.disconnect();
  }
}
