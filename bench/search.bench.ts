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
  parseQuery,
  ProductIndexer,
  ProductSearchService,
  searchLanguage,
  searchQuerySchema,
  searchSql,
  similarTerms,
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
 * Search latency and throughput on one tenant with N products (default 10,000): through the
 * search service code (uncached and cached) against the same statement as raw SQL run by pgbench
 * in the same tenant transaction shape, same run, same concurrency.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { explain: { type: 'boolean', default: false }, products: { type: 'string', default: '10000' }, queries: { type: 'string', default: '4000' }, concurrency: { type: 'string', default: '4' }, seconds: { type: 'string', default: '10' } },
    strict: true,
  });
  const products = Number(values.products);
  const count = Number(values.queries);
  const concurrency = Number(values.concurrency);
  const environment = await startBenchEnvironment('search');
  const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, poolSize: concurrency + 2, tenantEntities: [...CATALOG_ENTITIES, ...STORE_SETTINGS_ENTITIES] });
  const redis = new Redis(environment.redisUrl);
  const subscriber = new Redis(environment.redisUrl);
  try {
    await clusters.initialize();
    await runPlatformMigrationsOnAllClusters(clusters);
    const tenancy = createTenancyServices({ clusters, redis, platformDomain: 'bench.test', shardCounts: { checkout: 1, search: 1, notifications: 1 } });
    const ctx = await seedCatalog(tenancy, products);
    const started = Date.now();
    await new TenantReindexer(tenancy.unitOfWork, new ProductIndexer()).reindex(ctx, async (p) => progress('indexed', p.indexed, p.total));
    const reindexSeconds = (Date.now() - started) / 1000;
    // Autovacuum would analyze the fresh tables within a minute; the measurement starts from there.
    await clusters.primary.query(`ANALYZE "${ctx.schema}".search_documents, "${ctx.schema}".search_terms, "${ctx.schema}".products`);

    if (values.explain) {
      // The plan of the compared statement, to see where its time goes.
      const sql = await rawSqlOf(tenancy, ctx, COMPARED_QUERY);
      const plan: { 'QUERY PLAN': string }[] = await tenancy.unitOfWork.run(ctx, (tx) => tx.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`));
      process.stderr.write(`${plan.map((row) => row['QUERY PLAN']).join('\n')}\n`);
    }
    const requests = QUERIES.map(searchRequestOf);
    const uncached = new ProductSearchService(tenancy.unitOfWork, new TenantCache({ namespace: 'search', redis, subscriber, enabled: false }));
    const cache = new TenantCache({ namespace: 'search', redis, subscriber });
    await cache.start();
    const cached = new ProductSearchService(tenancy.unitOfWork, cache);
    for (const request of requests) await Promise.all([uncached.search(ctx, request), cached.search(ctx, request)]); // warm-up

    const run = async (service: ProductSearchService, only?: number): Promise<{ latency: LatencySummary; queriesPerSecond: number }> => {
      const begun = process.hrtime.bigint();
      const samples = await measure(count, concurrency, (i) => service.search(ctx, requests[only ?? i % requests.length]!));
      const seconds = Number(process.hrtime.bigint() - begun) / 1e9;
      return { latency: summarise(samples), queriesPerSecond: Math.round(count / seconds) };
    };
    process.stderr.write('  query mix, uncached\n');
    const mixUncached = await run(uncached);
    process.stderr.write('  query mix, cached\n');
    const mixCached = await run(cached);
    const compared = QUERIES.indexOf(COMPARED_QUERY);
    process.stderr.write(`  "${COMPARED_QUERY}", uncached\n`);
    const comparedUncached = await run(uncached, compared);
    process.stderr.write(`  "${COMPARED_QUERY}" as raw SQL under pgbench\n`);
    const rawSql = await pgbench(environment.databaseUrl, ctx, await rawSqlOf(tenancy, ctx, COMPARED_QUERY), concurrency, Number(values.seconds));
    const hits = await uncached.search(ctx, requests[compared]!);
    await cache.stop();

    report('search', {
      products,
      concurrency,
      reindexSeconds,
      comparedQuery: { query: COMPARED_QUERY, total: hits.total, service: comparedUncached, rawSqlPgbench: rawSql },
      queryMix: { queries: QUERIES, uncached: mixUncached, cached: mixCached },
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
  const [similar, language] = await tenancy.unitOfWork.run(ctx, async (tx) => [await similarTerms(tx, lookupWordsOf(words)), await searchLanguage(tx)] as const);
  const { sql, params } = searchSql(request, { tsQuery: tsQueryText(words, similar), language });
  const literal = (value: unknown): string =>
    Array.isArray(value) ? `ARRAY[${value.map(literal).join(', ')}]` : typeof value === 'number' || typeof value === 'boolean' ? String(value) : escapeLiteral(String(value));
  // Highest numbers first, so $1 does not replace the start of $10.
  // Comments go: pgbench's script reader would take a `;` inside one for the end of the command.
  const bare = sql.replace(/--[^\n]*/g, '');
  return params.reduceRight<string>((text, value, i) => text.replaceAll(`$${i + 1}`, literal(value)), bare).trim();
}

/** Runs `statement` in the unit of work's transaction shape under pgbench; latencies from its per-transaction log. */
async function pgbench(databaseUrl: string, ctx: TenantContext, statement: string, clients: number, seconds: number): Promise<{ latency: LatencySummary; queriesPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'search-bench-'));
  const script = join(dir, 'search.sql');
  writeFileSync(script, `BEGIN;\nSET LOCAL search_path TO "${ctx.schema}";\nSET LOCAL ROLE "${ctx.role}";\n${statement};\nCOMMIT;\n`);
  const binary = join(await findPostgresBinDir(), 'pgbench');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(binary, ['-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-l', '--log-prefix', join(dir, 'log'), databaseUrl], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) =>
      error ? reject(new Error(`pgbench failed: ${err || error.message}`)) : resolve(out),
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
