import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { CATALOG_ENTITIES } from '@storefront/catalog';
import type { TenantContext } from '@storefront/contracts';
import { DatabaseClusters, runPlatformMigrationsOnAllClusters } from '@storefront/database';
import { findPostgresBinDir } from '@storefront/dev-services';
import {
  lookupWordsOf,
  lookUpVocabulary,
  parseQuery,
  ProductIndexer,
  ProductSearchService,
  SEARCH_TRANSACTION_SETTINGS,
  searchQuerySchema,
  searchSql,
  TenantReindexer,
  tsQueryText,
  type SearchRequest,
} from '@storefront/product-search';
import { STORE_SETTINGS_ENTITIES, StoreSettingsService } from '@storefront/store-settings';
import { TenantCache } from '@storefront/tenant-cache';
import { createTenancyServices, tenantContextFor, type TenancyServices } from '@storefront/tenancy';
import Redis from 'ioredis';
import { escapeLiteral } from 'pg';
import { measure, progress, report, startBenchEnvironment, summarise, type LatencySummary } from './bench-kit';

/** Query mix of the run: typed words, a typo, a prefix, filters, and browsing with facets. */
const QUERIES = ['q=red shirt', 'q=tshirt', 'q=t-shrit', 'q=wool be', 'q=denim&sort=price_asc', 'q=shirt&option=Colour:Navy&inStock=true', '', 'category=dress&sort=newest'];
/** The query compared with its raw SQL under pgbench. */
const COMPARED_QUERY = 'q=red shirt';

const COLOURS = ['Red', 'Blue', 'Green', 'Black', 'White', 'Grey', 'Navy', 'Yellow'];
const MATERIALS = ['Cotton', 'Linen', 'Wool', 'Denim', 'Silk'];
const TYPES = ['Shirt', 'T-shirt', 'Dress', 'Hoodie', 'Jacket', 'Beanie', 'Belt', 'Sneakers', 'Scarf', 'Sweater'];

/**
 * Search latency and throughput on T tenants of N products each (default one of 10,000; the issue's
 * second shape is `--tenants 100 --products 1000`): through the search service code (uncached and
 * cached, each query on the next tenant in turn) against the same statement as raw SQL run by
 * pgbench in the same tenant transaction shape (one script per tenant), same run, same concurrency.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      explain: { type: 'boolean', default: false },
      tenants: { type: 'string', default: '1' },
      products: { type: 'string', default: '10000' },
      queries: { type: 'string', default: '4000' },
      concurrency: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '10' },
    },
    strict: true,
  });
  const tenantCount = Number(values.tenants);
  const products = Number(values.products);
  const count = Number(values.queries);
  const concurrency = Number(values.concurrency);
  // pgbench takes at most 128 scripts, one per tenant here.
  if (!(tenantCount >= 1 && tenantCount <= 128)) throw new Error('--tenants must be between 1 and 128');
  const environment = await startBenchEnvironment('search');
  const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, poolSize: concurrency + 2, tenantEntities: [...CATALOG_ENTITIES, ...STORE_SETTINGS_ENTITIES] });
  const redis = new Redis(environment.redisUrl);
  const subscriber = new Redis(environment.redisUrl);
  try {
    await clusters.initialize();
    await runPlatformMigrationsOnAllClusters(clusters);
    const tenancy = createTenancyServices({ clusters, redis, platformDomain: 'bench.test', shardCounts: { checkout: 1, search: 1, notifications: 1 } });
    const tenants: TenantContext[] = [];
    let reindexSeconds = 0;
    for (let t = 0; t < tenantCount; t++) {
      const ctx = await seedCatalog(tenancy, products);
      const started = Date.now();
      await new TenantReindexer(tenancy.unitOfWork, new ProductIndexer()).reindex(ctx, async (p) => (tenantCount === 1 ? progress('indexed', p.indexed, p.total) : undefined));
      reindexSeconds += (Date.now() - started) / 1000;
      // Autovacuum would analyze the fresh tables within a minute; the measurement starts from there.
      await clusters.primary.query(`ANALYZE "${ctx.schema}".search_documents, "${ctx.schema}".search_terms, "${ctx.schema}".products`);
      tenants.push(ctx);
      if (tenantCount > 1) progress('tenants seeded and indexed', t + 1, tenantCount);
    }
    const ctx = tenants[0]!;

    if (values.explain) {
      // The plan of every statement of the mix, to see where its time goes.
      for (const query of QUERIES) {
        const sql = await rawSqlOf(tenancy, ctx, query);
        const plan: { 'QUERY PLAN': string }[] = await tenancy.unitOfWork.run(ctx, (tx) => tx.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`));
        process.stderr.write(`--- "${query}"\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n`);
      }
    }
    const requests = QUERIES.map(searchRequestOf);
    const uncached = new ProductSearchService(tenancy.unitOfWork, new TenantCache({ namespace: 'search', redis, subscriber, enabled: false }));
    const cache = new TenantCache({ namespace: 'search', redis, subscriber });
    await cache.start();
    const cached = new ProductSearchService(tenancy.unitOfWork, cache);
    for (const tenant of tenants) for (const request of requests) await Promise.all([uncached.search(tenant, request), cached.search(tenant, request)]); // warm-up

    // Query i goes to tenant i mod T; each round over the tenants moves on one query of the mix, so every tenant sees every query.
    const run = async (service: ProductSearchService, only?: number, times = count): Promise<{ latency: LatencySummary; queriesPerSecond: number }> => {
      const begun = process.hrtime.bigint();
      const samples = await measure(times, concurrency, (i) => service.search(tenants[i % tenants.length]!, requests[only ?? (i + Math.floor(i / tenants.length)) % requests.length]!));
      const seconds = Number(process.hrtime.bigint() - begun) / 1e9;
      return { latency: summarise(samples), queriesPerSecond: Math.round(times / seconds) };
    };
    process.stderr.write('  query mix, uncached\n');
    const mixUncached = await run(uncached);
    process.stderr.write('  query mix, cached\n');
    const mixCached = await run(cached);
    process.stderr.write('  each query of the mix, uncached\n');
    const perQuery: Record<string, LatencySummary> = {};
    for (const [i, query] of QUERIES.entries()) perQuery[query || '(browse)'] = (await run(uncached, i, Math.ceil(count / QUERIES.length))).latency;
    const compared = QUERIES.indexOf(COMPARED_QUERY);
    process.stderr.write(`  "${COMPARED_QUERY}", uncached\n`);
    const comparedUncached = await run(uncached, compared);
    process.stderr.write(`  "${COMPARED_QUERY}" as raw SQL under pgbench\n`);
    const statements = await Promise.all(tenants.map(async (tenant) => ({ tenant, statement: await rawSqlOf(tenancy, tenant, COMPARED_QUERY) })));
    const rawSql = await pgbench(environment.databaseUrl, statements, concurrency, Number(values.seconds));
    const hits = await uncached.search(ctx, requests[compared]!);
    await cache.stop();

    report('search', {
      tenants: tenantCount,
      productsPerTenant: products,
      concurrency,
      reindexSeconds: Math.round(reindexSeconds * 1000) / 1000,
      comparedQuery: { query: COMPARED_QUERY, totalPerTenant: hits.total, service: comparedUncached, rawSqlPgbench: rawSql },
      queryMix: { queries: QUERIES, uncached: mixUncached, cached: mixCached, uncachedPerQuery: perQuery },
      ratios: {
        serviceVsRawSqlP95: Math.round((comparedUncached.latency.p95 / rawSql.latency.p95) * 100) / 100,
        serviceVsRawSqlThroughput: Math.round((comparedUncached.queriesPerSecond / rawSql.queriesPerSecond) * 100) / 100,
      },
      targets: { p95: '<= 20 ms' },
    });
  } finally {
    redis.disconnect();
    subscriber.disconnect();
    await clusters.destroy();
    await environment.stop();
  }
}

/** One tenant with `count` products in Size x Colour, categories by type; bulk SQL, as a migration-era catalog. */
async function seedCatalog(tenancy: TenancyServices, count: number): Promise<TenantContext> {
  const tenant = await tenancy.provisioner.provision({ tenantId: randomUUID(), slug: `bench-${randomUUID().slice(0, 8)}`, name: 'Search Bench' });
  const ctx = tenantContextFor(tenant, 'bench');
  await new StoreSettingsService(tenancy.unitOfWork).update(ctx, { currency: 'EUR', locale: 'en' });
  await tenancy.unitOfWork.run(ctx, async (tx) => {
    await tx.query('INSERT INTO categories (slug, name, position) SELECT lower(t), t, 0 FROM unnest($1::text[]) AS t', [TYPES]);
    await tx.query(
      `INSERT INTO products (slug, title, description, price_amount, currency, options, attributes)
       SELECT 'p-' || i, c || ' ' || m || ' ' || t, 'A ' || lower(m) || ' ' || lower(t) || ' in ' || lower(c) || ', made to last. Item ' || i || '.',
              500 + (i * 37) % 20000, 'EUR',
              jsonb_build_array(jsonb_build_object('name', 'Size', 'values', jsonb_build_array('S', 'M', 'L', 'XL')),
                                jsonb_build_object('name', 'Colour', 'values', jsonb_build_array(c, c2))),
              jsonb_build_object('type', t)
         FROM generate_series(1, $1::int) AS i,
              LATERAL (SELECT ($2::text[])[1 + i % 8] AS c, ($2::text[])[1 + (i % 8 + 1 + (i / 8) % 7) % 8] AS c2,
                              ($3::text[])[1 + (i / 3) % 5] AS m, ($4::text[])[1 + (i / 7) % 10] AS t) AS x`,
      [count, COLOURS, MATERIALS, TYPES],
    );
    await tx.query(
      `INSERT INTO variants (product_id, sku, option_values, stock, position)
       SELECT p.id, p.slug || '-' || s || '-' || col, jsonb_build_object('Size', s, 'Colour', col), abs(hashtext(p.slug || s || col)) % 4, 0
         FROM products p, unnest(ARRAY['S', 'M', 'L', 'XL']) AS s, jsonb_array_elements_text(p.options -> 1 -> 'values') AS col`,
    );
    await tx.query(`INSERT INTO product_categories (product_id, category_id) SELECT p.id, c.id FROM products p JOIN categories c ON c.name = p.attributes ->> 'type'`);
  });
  return ctx;
}

/** The statement ProductSearchService runs for `query`, with its parameters written in as literals. */
async function rawSqlOf(tenancy: TenancyServices, ctx: TenantContext, query: string): Promise<string> {
  const request = searchRequestOf(query);
  const words = parseQuery(request.q);
  const { similar, language } = await tenancy.unitOfWork.run(ctx, (tx) => lookUpVocabulary(tx, lookupWordsOf(words)), SEARCH_TRANSACTION_SETTINGS);
  const { sql, params } = searchSql(request, words.length > 0 ? { tsQuery: tsQueryText(words, similar), language } : null);
  const literal = (value: unknown): string =>
    Array.isArray(value) ? `ARRAY[${value.map(literal).join(', ')}]` : typeof value === 'number' || typeof value === 'boolean' ? String(value) : escapeLiteral(String(value));
  // Highest numbers first, so $1 does not replace the start of $10.
  // Comments go: pgbench's script reader would take a `;` inside one for the end of the command.
  const bare = sql.replace(/--[^\n]*/g, '');
  return params.reduceRight<string>((text, value, i) => text.replaceAll(`$${i + 1}`, literal(value)), bare).trim();
}

/**
 * Runs each tenant's statement in the unit of work's transaction shape under pgbench (one script
 * per tenant, equal weights); latencies from its per-transaction log.
 */
async function pgbench(databaseUrl: string, statements: readonly { tenant: TenantContext; statement: string }[], clients: number, seconds: number): Promise<{ latency: LatencySummary; queriesPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'search-bench-'));
  const scripts = statements.map(({ tenant, statement }, i) => {
    const script = join(dir, `search-${i}.sql`);
    writeFileSync(script, `BEGIN;\nSET LOCAL search_path TO "${tenant.schema}";\nSET LOCAL ROLE "${tenant.role}";\n${statement};\nCOMMIT;\n`);
    return script;
  });
  const binary = join(await findPostgresBinDir(), 'pgbench');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      binary,
      ['-n', ...scripts.flatMap((script) => ['-f', script]), '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-l', '--log-prefix', join(dir, 'log'), databaseUrl],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => (error ? reject(new Error(`pgbench failed: ${err || error.message}`)) : resolve(out)),
    ),
  );
  const samples = readdirSync(dir)
    .filter((file) => file.startsWith('log'))
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').trim().split('\n'))
    .map((line) => Number(line.split(' ')[2]) / 1000);
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? 0);
  return { latency: summarise(samples), queriesPerSecond: Math.round(tps) };
}

/** A query string as the search endpoint parses it (repeated keys become lists). */
function searchRequestOf(query: string): SearchRequest {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const seen = fields[key];
    fields[key] = seen === undefined ? value : [seen, value].flat();
  }
  return searchQuerySchema.parse(fields);
}
