import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG_ENTITIES, ProductService } from '@storefront/catalog';
import { databaseUrlAs, DatabaseClusters, ensureServiceDatabaseLogin, runPlatformMigrationsOnAllClusters } from '@storefront/database';
import { findFreePort } from '@storefront/dev-services';
import { STORE_SETTINGS_ENTITIES, StoreSettingsService } from '@storefront/store-settings';
import { createTenancyServices, tenantContextFor, TenantUnitOfWork } from '@storefront/tenancy';
import Redis from 'ioredis';
import { report, startBenchEnvironment, WORKSPACE_ROOT } from './bench-kit';

interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  /** autocannon reports no p95; p97.5 bounds it from above. */
  readonly p97_5Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

/**
 * Product page req/s and latency, cache hit and uncached, as fractions of a bare Fastify hello
 * world measured in the same run on the same machine; then p95 at 70% of each maximum.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      // Writes a V8 CPU profile of the storefront (open it in Chrome DevTools) when the run ends.
      profile: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const environment = await startBenchEnvironment('storefront');
  const children: ChildProcess[] = [];
  try {
    const { host, slug, serviceDatabaseUrl } = await seedStore(environment.databaseUrl, environment.redisUrl, MISS_PRODUCTS);
    const secret = randomBytes(32).toString('hex');
    // As production runs the shared storefront: the services' database login (SET LOCAL ROLE per
    // request) and the storefront's own Redis ACL user.
    const serviceEnv = (port: number): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      DATABASE_URL: serviceDatabaseUrl,
      REDIS_URL: environment.redisUrls.storefront,
      PORT: String(port),
      PLATFORM_DOMAIN: 'bench.test',
      PLATFORM_SERVICE_TOKEN_SECRET: secret,
      LOG_LEVEL: 'warn',
    });

    const helloPort = await findFreePort();
    children.push(await spawnServer('bench/hello-world.server.ts', { PATH: process.env.PATH, PORT: String(helloPort) }, helloPort));
    const storefrontPort = await findFreePort();
    const profileDir = join(WORKSPACE_ROOT, '.data', 'bench-results', `storefront-profile-${Date.now()}`);
    const profiling = values.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {};
    children.push(await spawnServer('apps/storefront/src/main.ts', { ...serviceEnv(storefrontPort), ...profiling }, storefrontPort));

    // Hits: one product page, warm in both cache levels. Misses: every request a product page
    // never asked for before (so neither the process nor Redis has it), store settings warm.
    let nextMiss = 0;
    const targets: Record<string, { url: string; host?: string; path?: () => string }> = {
      helloWorld: { url: `http://127.0.0.1:${helloPort}/` },
      productPageCacheHit: { url: `http://127.0.0.1:${storefrontPort}/products/${slug}?Size=M&Colour=Blue`, host },
      productPageCacheMiss: { url: `http://127.0.0.1:${storefrontPort}/`, host, path: () => `/products/p-${nextMiss++}` },
    };
    const max: Record<string, LoadResult> = {};
    const at70: Record<string, LoadResult> = {};
    for (const [name, target] of Object.entries(targets)) {
      await load(target, connections, 2); // warm-up: JIT, pools, caches
      process.stderr.write(`  ${name}: max load for ${seconds} s\n`);
      max[name] = await load(target, connections, seconds);
      process.stderr.write(`  ${name}: 70% of max for ${seconds} s\n`);
      at70[name] = await load(target, connections, seconds, Math.floor(max[name]!.requestsPerSecond * 0.7));
    }
    if (nextMiss > MISS_PRODUCTS) throw new Error(`ran out of uncached products (${nextMiss} > ${MISS_PRODUCTS}); seed more`);
    const ratio = (name: string): number => Math.round((max[name]!.requestsPerSecond / max.helloWorld!.requestsPerSecond) * 1000) / 1000;
    report('storefront', {
      seconds,
      connections,
      maxLoad: max,
      at70PercentOfMax: at70,
      ratios: { cacheHitVsHelloWorld: ratio('productPageCacheHit'), cacheMissVsHelloWorld: ratio('productPageCacheMiss') },
      targets: { cacheHit: '>= 0.30x', cacheMiss: '>= 0.10x', p95At70Percent: '<= 20 ms', anchor: "Shopify's renderer p75 ~45 ms, p90 ~230 ms" },
      ...(values.profile ? { cpuProfileDir: profileDir } : {}),
    });
  } finally {
    // Each child drains and exits (writing its CPU profile, if asked for) before the database goes.
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
    await environment.stop();
  }
}

/** Distinct products for cache misses: more than the miss runs can request. */
const MISS_PRODUCTS = 60_000;

async function seedStore(databaseUrl: string, redisUrl: string, missProducts: number): Promise<{ host: string; slug: string; serviceDatabaseUrl: string }> {
  const clusters = new DatabaseClusters({ urls: { main: databaseUrl }, tenantEntities: [...CATALOG_ENTITIES, ...STORE_SETTINGS_ENTITIES] });
  const redis = new Redis(redisUrl);
  try {
    await clusters.initialize();
    await runPlatformMigrationsOnAllClusters(clusters);
    const serviceLogin = { user: 'bench_service_login', password: randomUUID() };
    await ensureServiceDatabaseLogin(clusters.primary, serviceLogin);
    const tenancy = createTenancyServices({ clusters, redis, platformDomain: 'bench.test', shardCounts: { checkout: 1, search: 1, notifications: 1 } });
    const slug = `bench-${randomUUID().slice(0, 8)}`;
    const tenant = await tenancy.provisioner.provision({ tenantId: randomUUID(), slug, name: 'Bench Store' });
    const ctx = tenantContextFor(tenant, 'bench');
    const unitOfWork = new TenantUnitOfWork(clusters);
    await new StoreSettingsService(unitOfWork).update(ctx, { currency: 'EUR' });
    const sizes = ['S', 'M', 'L', 'XL'];
    const colours = ['Red', 'Blue', 'Black'];
    const product = await new ProductService(unitOfWork).create(ctx, {
      title: 'Benchmark T-shirt',
      description: 'A product with twelve variants, like a typical apparel page.',
      price: { amount: 1999, currency: 'EUR' },
      options: [
        { name: 'Size', values: sizes },
        { name: 'Colour', values: colours },
      ],
      variants: sizes.flatMap((s) => colours.map((c) => ({ sku: `B-${s}-${c}`, options: { Size: s, Colour: c }, stock: 100 }))),
    });
    // Bulk rows for the miss runs: same shape as the page product (12 variants would make seeding
    // slow; 3 variants each keeps the read realistic), written in one statement each.
    await unitOfWork.run(ctx, async (tx) => {
      await tx.query(
        `INSERT INTO products (slug, title, description, price_amount, currency, options)
         SELECT 'p-' || i, 'Product ' || i, 'Bulk product', 1000 + i % 500, 'EUR', '[{"name":"Size","values":["S","M","L"]}]'
         FROM generate_series(0, $1 - 1) AS i`,
        [missProducts],
      );
      await tx.query(
        `INSERT INTO variants (product_id, sku, option_values, stock, position)
         SELECT p.id, p.slug || '-' || s.size, jsonb_build_object('Size', s.size), 10, s.position
         FROM products p CROSS JOIN (VALUES ('S', 0), ('M', 1), ('L', 2)) AS s(size, position)
         WHERE p.slug LIKE 'p-%'`,
      );
    });
    await clusters.primary.query('ANALYZE');
    return { host: `${slug}.bench.test`, slug: product.slug, serviceDatabaseUrl: databaseUrlAs(databaseUrl, serviceLogin) };
  } finally {
    redis.disconnect();
    await clusters.destroy();
  }
}

function spawnServer(entry: string, env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async (): Promise<void> => {
      try {
        await fetch(`http://127.0.0.1:${port}/health/live`);
        resolve(child);
      } catch {
        if (Date.now() > deadline || child.exitCode !== null) reject(new Error(`${entry} did not start`));
        else setTimeout(() => void poll(), 200);
      }
    };
    void poll();
  });
}

async function load(
  target: { url: string; host?: string; path?: () => string },
  connections: number,
  seconds: number,
  overallRate?: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    ...(target.host ? { headers: { host: target.host } } : {}),
    ...(target.path ? { requests: [{ setupRequest: (request) => ({ ...request, path: target.path!() }) }] } : {}),
    ...(overallRate ? { overallRate } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p97_5Ms: result.latency.p97_5,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
