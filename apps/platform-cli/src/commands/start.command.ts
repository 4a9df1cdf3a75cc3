import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlAs, DatabaseClusters, ensureServiceDatabaseLogin, isPostgresError, runPlatformMigrationsOnAllClusters } from '@storefront/database';
import { handDatabaseToOwner, startDevEnvironment, startMailFolder } from '@storefront/dev-services';
import { STORE_SETTINGS_ENTITIES } from '@storefront/store-settings';
import { createTenancyServices, TenantMigrator } from '@storefront/tenancy';
import Redis from 'ioredis';
import { DEMO_STORE_ENTITIES, ensureDemoStore } from '../demo-store';
import { localCredentials } from '../local-credentials';
import { localServices, localShardCounts, type LocalService } from '../local-services';
import { WORKSPACE_ROOT } from '../workspace-root';

/**
 * The data folder under .data/: `local` unless PLATFORM_LOCAL_PROFILE names another, so a second
 * platform (the soak benchmark) can run beside a developer's without touching their data.
 */
const LOCAL_PROFILE = localProfile(process.env.PLATFORM_LOCAL_PROFILE);
const LOCAL_DATA_DIR = join(WORKSPACE_ROOT, '.data', LOCAL_PROFILE);

function localProfile(value: string | undefined): string {
  if (value === undefined) return 'local';
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(value)) throw new Error(`PLATFORM_LOCAL_PROFILE must be a folder name of lower-case letters, digits and -, got "${value}"`);
  return value;
}

/**
 * `npm start`: private PostgreSQL and Redis (or DATABASE_URL / REDIS_URL), platform and tenant
 * migrations, then every service as its own process, exactly as configured in Kubernetes but
 * on loopback ports. Ctrl-C stops the services gracefully, then the databases.
 */
export async function startCommand(): Promise<number> {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const unbuilt = [...new Set(localServices(process.env).map((service) => service.entry))].filter((entry) => !existsSync(join(WORKSPACE_ROOT, entry)));
  if (unbuilt.length > 0) {
    process.stderr.write(`not built: ${unbuilt.join(', ')}; run npm run build (npm start builds first)\n`);
    return 1;
  }
  // A PLATFORM_QUEUE_PREFIX of your own reaches the platform API; its Redis user must cover it.
  const queuePrefix = process.env.PLATFORM_QUEUE_PREFIX;
  const environment = await startDevEnvironment({
    profile: LOCAL_PROFILE,
    workspaceRoot: WORKSPACE_ROOT,
    mode: 'durable',
    ...(queuePrefix ? { platformApiRedisPrefixes: { queuePrefix } } : {}),
  });
  // A DATABASE_URL of your own is the owner as given; the private server's superuser hands its database to an owner login.
  const ownerUrl = process.env.DATABASE_URL ? environment.databaseUrl : await localOwnerUrl(environment.databaseUrl, credentialsOf(), say);

  const clusters = new DatabaseClusters({
    urls: { main: ownerUrl },
    applicationName: 'platform-start',
    tenantEntities: [...DEMO_STORE_ENTITIES, ...STORE_SETTINGS_ENTITIES],
  });
  await clusters.initialize();
  await runPlatformMigrationsOnAllClusters(clusters);
  const migrated = await new TenantMigrator(clusters).migrateAll({ concurrency: 4 });
  if (migrated.failed.length > 0) say(`warning: ${migrated.failed.length} tenant(s) failed to migrate; run migrate-all-tenants`);
  const redis = new Redis(environment.redisUrl);
  const platformDomain = process.env.PLATFORM_DOMAIN ?? 'localhost';
  await ensureDemoStore(clusters, createTenancyServices({ clusters, redis, platformDomain, shardCounts: localShardCounts() }).provisioner);
  redis.disconnect();
  const serviceDatabaseUrl = await serviceLoginUrl(clusters, ownerUrl, credentialsOf(), say);
  await clusters.destroy();

  const logDir = join(LOCAL_DATA_DIR, 'logs');
  mkdirSync(logDir, { recursive: true });
  const credentials = credentialsOf();
  // Order and account emails land here as .eml files a person can open (unless PLATFORM_SMTP_URL is set).
  const mail = process.env.PLATFORM_SMTP_URL ? undefined : await startMailFolder(join(LOCAL_DATA_DIR, 'mail'));
  const services = localServices(process.env, credentials, LOCAL_DATA_DIR, mail?.url);
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const stopAll = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('stopping services...');
    await Promise.all([...children.values()].map((child) => terminate(child)));
    await mail?.close();
    await environment.stop();
    say('stopped.');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const service of services) {
    const logFile = join(logDir, `${service.name}.log`);
    // The compiled entry, as in the images; NODE_OPTIONS=--enable-source-maps maps stacks to the sources.
    const child = spawn(process.execPath, [service.entry], {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        // Only the platform API provisions (it owns the schemas); every other process runs as the
        // shared services' login, as in Kubernetes.
        DATABASE_URL: service.name === 'platform-api' ? ownerUrl : serviceDatabaseUrl,
        REDIS_URL: environment.redisUrls[service.redisUser],
        PORT: String(service.port),
        HOST: '127.0.0.1',
        // Services vouch for tenants to each other with tokens signed with this shared secret.
        PLATFORM_SERVICE_TOKEN_SECRET: credentials.serviceTokenSecret,
        ...service.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      say(`${service.name} exited (${signal ?? code}); last lines of ${logFile}:\n${tail(logFile)}`);
      void stopAll(1);
    });
    children.set(service.name, child);
  }

  await Promise.all(services.map((service) => waitUntilReady(service)));
  say('');
  say('Storefront platform is running.');
  for (const service of services) say(`  ${service.name.padEnd(16)} ${service.publicUrl ?? `http://127.0.0.1:${service.port}`}`);
  say(`  ${'PostgreSQL'.padEnd(16)} ${environment.databaseUrl}`);
  say(`  ${'Redis'.padEnd(16)} ${redactedPassword(environment.redisUrl)}  (ACL users; passwords in .data/local/redis/users.json)`);
  say(`  ${'logs'.padEnd(16)} ${logDir}`);
  say(`  ${'mail'.padEnd(16)} ${mail ? `${mail.dir}  (every email the platform sends, as .eml files; ${mail.url})` : redactedPassword(process.env.PLATFORM_SMTP_URL!)}`);
  say('');
  say(`Platform admin (sign in at POST /api/v1/auth/login): ${credentials.adminEmail} / ${credentials.adminPassword}`);
  say(`  generated into ${CREDENTIALS_FILE} (PLATFORM_ADMIN_EMAIL / PLATFORM_ADMIN_PASSWORD before the first start choose them;`);
  say('  a password changed with POST /api/v1/auth/password is not written back there)');
  say('Press Ctrl-C to stop.');
  return new Promise<number>(() => undefined);
}

async function waitUntilReady(service: LocalService, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} did not become ready on port ${service.port} within ${timeoutMs / 1000} s`);
}

function terminate(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const CREDENTIALS_FILE = join(LOCAL_DATA_DIR, 'credentials.json');

function credentialsOf(): ReturnType<typeof localCredentials> {
  return localCredentials(CREDENTIALS_FILE);
}

/** A login of the local cluster named after the database: logins belong to the server, which other platforms (a test run) may share. */
function loginNameFor(url: string, role: 'owner' | 'service'): string {
  const database = new URL(url).pathname.slice(1).toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `${database}_${role}`.slice(0, 63);
}

/**
 * The owner login (CREATEROLE, no superuser) that the platform API, migrations and provisioning
 * run as, as in a cluster. A data folder migrated as the superuser before owner logins existed
 * keeps the superuser, with a warning.
 */
async function localOwnerUrl(adminUrl: string, credentials: ReturnType<typeof localCredentials>, say: (line: string) => void): Promise<string> {
  const login = { user: loginNameFor(adminUrl, 'owner'), password: credentials.ownerDatabasePassword };
  if (await handDatabaseToOwner(adminUrl, login)) return databaseUrlAs(adminUrl, login);
  say(`warning: this data folder was migrated as the PostgreSQL superuser, so the platform API keeps running as it; delete ${LOCAL_DATA_DIR} to start over as ${login.user}`);
  return adminUrl;
}

/**
 * The shared services' login on the local cluster. A DATABASE_URL whose user may not create
 * roles keeps the services on that URL, with a warning, rather than failing the start.
 */
async function serviceLoginUrl(clusters: DatabaseClusters, ownerUrl: string, credentials: ReturnType<typeof localCredentials>, say: (line: string) => void): Promise<string> {
  const login = { user: loginNameFor(ownerUrl, 'service'), password: credentials.serviceDatabasePassword };
  try {
    await ensureServiceDatabaseLogin(clusters.primary, login);
    return databaseUrlAs(ownerUrl, login);
  } catch (error) {
    if (!isPostgresError(error, '42501')) throw error;
    say(`warning: the DATABASE_URL user may not create the ${login.user} login; the services run as that user instead`);
    return ownerUrl;
  }
}

/** A URL fit to print: the admin password stays in its file. */
function redactedPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
