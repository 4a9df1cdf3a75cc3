import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlAs } from '@storefront/database';
import { createTestClusters, createTestRedis, HostClient, testDatabaseUrl, testRedisUrl, until } from '@storefront/testing';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import { findFreePortRange } from '@storefront/dev-services';
import { TENANT_MIGRATIONS } from '@storefront/tenant-schema';
import { reindexQueueOf } from '@storefront/product-search';
import Redis from 'ioredis';
import { Client } from 'pg';
import { runCli } from '../test/run-cli';

const WORKSPACE_ROOT = join(__dirname, '../../..');

describe('platform CLI', () => {
  it('exits with a clear message when DATABASE_URL is missing', async () => {
    const run = await runCli(['migrate-all-tenants'], {});
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('Invalid configuration:\n  - DATABASE_URL: is required');
  });

  it('exits with a clear message when DATABASE_URL is malformed, without echoing its password', async () => {
    const run = await runCli(['migrate-all-tenants'], { DATABASE_URL: 'mysql://root:s3cret@db/shop' });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('DATABASE_URL: must be a URL like postgres://');
    expect(run.stderr).not.toContain('s3cret');
  });

  it('exits with a clear message for an unknown option, on the command line or in the environment', async () => {
    const flag = await runCli(['migrate-all-tenants', '--concurency', '4'], { DATABASE_URL: 'postgres://127.0.0.1:1/x' });
    expect(flag.code).toBe(64);
    expect(flag.stderr).toMatch(/Unknown option '--concurency'/);

    const variable = await runCli(['migrate-all-tenants'], {
      DATABASE_URL: 'postgres://127.0.0.1:1/x',
      PLATFORM_TENANT_DATABASE_URL: 'postgres://127.0.0.1:1/y',
    });
    expect(variable.code).toBe(78);
    expect(variable.stderr).toContain(
      'PLATFORM_TENANT_DATABASE_URL: unknown option (did you mean PLATFORM_TENANT_DATABASE_URLS?)',
    );
  });

  it('rejects an unknown command with the usage text', async () => {
    const run = await runCli(['migrate-everything'], {});
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('Usage: platform <command>');
  });

  it('migrates every tenant that is behind and prints a summary', async () => {
    const clusters = await createTestClusters({ database: 'cli' });
    const redis = createTestRedis();
    try {
      const tenancy = createTestTenancy({ clusters, redis });
      const { tenant } = await provisionTestTenant(tenancy);
      await clusters.primary.query('UPDATE platform.tenants SET schema_version = 0 WHERE id = $1', [tenant.id]);

      const run = await runCli(['migrate-all-tenants', '--concurrency', '2'], { DATABASE_URL: await testDatabaseUrl('cli') });
      expect(run.stderr).toContain('1/1 tenants (100%), 0 failed');
      expect(run.stdout).toContain(`tenant schema version ${TENANT_MIGRATIONS.length}: 1 migrated, 0 failed, of 1 behind`);
      expect(run.code).toBe(0);
    } finally {
      await clusters.destroy();
      redis.disconnect();
    }
  });

  it("creates the shared services' and the platform API's logins from their URLs (as the chart's Job does): no tenant without SET ROLE, no powers, and a new password on the next run", async () => {
    const clusters = await createTestClusters({ database: 'cli' });
    const redis = createTestRedis();
    const ownerUrl = await testDatabaseUrl('cli');
    const login = { user: 'cli_service_login', password: randomBytes(16).toString('hex') };
    const connectAs = async (password: string): Promise<Client> => {
      const client = new Client({ connectionString: databaseUrlAs(ownerUrl, { ...login, password }) });
      await client.connect();
      return client;
    };
    try {
      const { tenant } = await provisionTestTenant(createTestTenancy({ clusters, redis }));
      const apiLogin = { user: 'cli_platform_api_login', password: randomBytes(16).toString('hex') };
      const run = await runCli(['migrate-all-tenants'], {
        DATABASE_URL: ownerUrl,
        PLATFORM_SERVICE_DATABASE_URL: databaseUrlAs(ownerUrl, login),
        PLATFORM_API_DATABASE_URL: databaseUrlAs(ownerUrl, apiLogin),
      });
      expect(run).toMatchObject({ code: 0, stderr: expect.stringContaining('service login cli_service_login ensured on main') });
      expect(run.stderr).toContain('platform API login cli_platform_api_login ensured on main');
      const api = new Client({ connectionString: databaseUrlAs(ownerUrl, apiLogin) });
      await api.connect();
      try {
        const { rows } = await api.query(
          `SELECT pg_has_role('platform_api', 'MEMBER') AS group, pg_has_role('platform_service', 'MEMBER') AS service, pg_has_role($1, 'USAGE') AS tenant_privileges,
                  (SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = session_user) AS powers`,
          [tenant.roleName],
        );
        expect(rows).toEqual([{ group: true, service: false, tenant_privileges: false, powers: false }]);
      } finally {
        await api.end();
      }

      const service = await connectAs(login.password);
      try {
        const { rows } = await service.query(
          `SELECT session_user AS login, pg_has_role('platform_service', 'MEMBER') AS group, pg_has_role($1, 'USAGE') AS tenant_privileges,
                  (SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = session_user) AS powers`,
          [tenant.roleName],
        );
        expect(rows).toEqual([{ login: 'cli_service_login', group: true, tenant_privileges: false, powers: false }]);
        await expect(service.query(`SELECT * FROM "${tenant.schemaName}".products`)).rejects.toMatchObject({ code: '42501' });
      } finally {
        await service.end();
      }

      const rotated = randomBytes(16).toString('hex');
      expect((await runCli(['migrate-all-tenants'], { DATABASE_URL: ownerUrl, PLATFORM_SERVICE_DATABASE_URL: databaseUrlAs(ownerUrl, { ...login, password: rotated }) })).code).toBe(0);
      await expect(connectAs(login.password)).rejects.toMatchObject({ code: '28P01' });
      await (await connectAs(rotated)).end();
    } finally {
      await clusters.destroy();
      redis.disconnect();
    }
  });

  it("queues a search reindex of one store on that store's search shard", async () => {
    const clusters = await createTestClusters({ database: 'cli' });
    const redis = createTestRedis();
    const queueRedis = new Redis(testRedisUrl(true), { maxRetriesPerRequest: null });
    try {
      const tenancy = createTestTenancy({ clusters, redis });
      const { tenant } = await provisionTestTenant(tenancy);
      const queue = reindexQueueOf(queueRedis, (await tenancy.shards.shardOf(tenant.id, 'search'))!);
      const env = { DATABASE_URL: await testDatabaseUrl('cli'), REDIS_URL: testRedisUrl(true) };
      const run = await runCli(['reindex-search', '--store', tenant.slug], env);
      expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('1 store(s) queued for reindexing') });
      const jobId = /job (\S+)/.exec(run.stdout)![1]!;
      expect((await queue.getJob(jobId))?.data.tenant).toMatchObject({ tenantId: tenant.id, schema: tenant.schemaName });
      await queue.close();
      expect((await runCli(['reindex-search', '--store', 'no-such-store'], env)).code).toBe(1);
    } finally {
      queueRedis.disconnect();
      redis.disconnect();
      await clusters.destroy();
    }
  });

  it('starts the platform on given servers, serves health, writes the email it sends to the mail folder, and stops cleanly on SIGINT', async () => {
    // One block: platform API, storefront, two shards each of checkout, search and notifications.
    const port = await findFreePortRange(8);
    const storefrontPort = port + 1;
    const checkoutBasePort = port + 2;
    const searchBasePort = port + 4;
    const notificationsBasePort = port + 6;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/platform-cli/src/main.ts', 'start'], {
      cwd: WORKSPACE_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: await testDatabaseUrl('start'),
        // A platform of its own: its shards must not take other tests' queue jobs.
        REDIS_URL: testRedisUrl(true),
        PLATFORM_API_PORT: String(port),
        PLATFORM_CHECKOUT_BASE_PORT: String(checkoutBasePort),
        PLATFORM_SEARCH_BASE_PORT: String(searchBasePort),
        PLATFORM_NOTIFICATIONS_BASE_PORT: String(notificationsBasePort),
        PLATFORM_STOREFRONT_PORT: String(storefrontPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 60_000;
    while (!output.includes('Storefront platform is running.') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toContain(`platform-api     http://localhost:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(await health.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });

    const demo = await new HostClient(`http://127.0.0.1:${storefrontPort}`, 'demo.localhost').get('/products/classic-t-shirt');
    expect(demo.status).toBe(200);
    expect(demo.text).toContain('Demo Store');

    // A new store's "your store is live" email reaches the local mail folder, whose path is printed.
    const mailDir = join(WORKSPACE_ROOT, '.data', 'local', 'mail');
    expect(output).toContain(`mail             ${mailDir}`);
    const slug = `cli-start-${randomBytes(4).toString('hex')}`;
    const merchant = `${slug}@merchants.example.com`;
    const signup = await fetch(`http://127.0.0.1:${port}/api/v1/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: merchant, password: 'a long merchant password', storeName: 'Mail Folder Shop', slug }),
    });
    expect(signup.status).toBe(201);
    const email = await until(async () => readdirSync(mailDir).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(mailDir, f), 'utf8')).find((m) => m.includes(merchant)), 30_000, 'the email');
    expect(email).toMatch(/^Subject: .*Mail Folder Shop/m);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped.');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });
});
