/**
 * Checkout throughput against baselines measured on the same servers in the same run:
 *  1. orders/s (3-line cart, test-card gateway, Idempotency-Key) vs pgbench tpcb-like TPS, same client count;
 *     the same through Stripe (stripe-mock, the store's own sealed keys) next to it; and the same cart in
 *     a store with selling rules (a code, an automatic promotion, VAT and shipping by zone) vs the plain one;
 *  2. flash sale: 10,000 buyers of 500 units, sold-out answers/s and reservations/s vs
 *     redis-benchmark EVALSHA of the gate script.
 * Runs the domain services in-process (what a checkout shard does per request, without HTTP).
 */
import { runPlatformMigrationsOnAllClusters, DatabaseClusters } from '@storefront/database';
import { startDevEnvironment, type DevEnvironment } from '@storefront/dev-services';
import { SecretKeyring } from '@storefront/credentials';
import { createStandardPaymentGateways, FLASH_GATE_ADMIT_SCRIPT, FlashSaleGate, PaymentSettingsService, PlaceOrderService, SellingRulesService, type PlaceOrderInput } from '@storefront/orders';
import { startStripeFaultProxy, startStripeMock } from '@storefront/orders/testing';
import { createTenancyServices, tenantContextFor } from '@storefront/tenancy';
import type { TenantContext } from '@storefront/contracts';
import Redis from 'ioredis';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run$ = promisify(execFile);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CATALOG_SIZE = Number(process.env.BENCH_CATALOG_SIZE ?? 1_000);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const ADDRESS = { name: 'Bench', line1: '1 Bench Road', city: 'Benchville', postalCode: '10115', country: 'DE' };

const say = (line: string): void => void process.stdout.write(`${line}\n`);

export async function run(): Promise<number> {
  const environment = await startDevEnvironment({
    profile: 'bench',
    workspaceRoot: join(__dirname, '..'),
    mode: 'durable',
    fresh: true,
  });
  try {
    say(`clients: ${CLIENTS}, duration: ${SECONDS} s, PostgreSQL ${environment.databaseUrl}, Redis ${environment.redisUrl}`);
    const pgbenchTps = await pgbench(environment);
    say(`pgbench tpcb-like: ${pgbenchTps.toFixed(0)} TPS`);
    // stripe-mock (built from its Go module) behind the proxy that lets its PaymentIntents succeed.
    const stripeMock = await startStripeMock();
    const proxy = await startStripeFaultProxy(stripeMock.url, { succeedPaymentIntents: true });
    const { ordersPerSecond, rulesOrdersPerSecond, stripeOrdersPerSecond, flash } = await checkout(environment, proxy.url).finally(async () => {
      await proxy.close();
      await stripeMock.stop();
    });
    say(`checkout 3-line cart, test card (durable payment attempt included): ${ordersPerSecond.toFixed(0)} orders/s`);
    const rulesRatio = rulesOrdersPerSecond / ordersPerSecond;
    say(`checkout 3-line cart with a code, an automatic promotion, VAT and shipping by zone: ${rulesOrdersPerSecond.toFixed(0)} orders/s (${rulesRatio.toFixed(2)}x the plain cart, target >= 0.85x)`);
    say(`checkout 3-line cart through Stripe (stripe-mock, the store's own keys): ${stripeOrdersPerSecond!.toFixed(0)} orders/s (${(stripeOrdersPerSecond! / ordersPerSecond).toFixed(2)}x the test card path)`);
    say(`ratio orders/s : pgbench TPS = ${(ordersPerSecond / pgbenchTps).toFixed(2)}x (target >= 0.20x)`);
    const evalsha = await redisBenchmark(environment);
    say(`flash sale 10,000 buyers / 500 units: ${flash.soldOutPerSecond.toFixed(0)} sold-out answers/s, ${flash.reservationsPerSecond.toFixed(0)} orders/s while stock lasted`);
    say(`redis-benchmark EVALSHA (gate script, sold-out path): ${evalsha.toFixed(0)} calls/s`);
    say(`ratio sold-out answers/s : EVALSHA/s = ${(flash.soldOutPerSecond / evalsha).toFixed(2)}x (target >= 0.5x)`);
    return ordersPerSecond / pgbenchTps >= 0.2 && rulesRatio >= 0.85 && flash.soldOutPerSecond / evalsha >= 0.5 ? 0 : 1;
  } finally {
    await environment.stop();
  }
}

async function pgbench(environment: DevEnvironment): Promise<number> {
  const url = new URL(environment.databaseUrl);
  const admin = new Client({ connectionString: environment.databaseUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE pgbench');
  await admin.end();
  const connection = ['-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username)];
  await run$(join(PG_BIN, 'pgbench'), ['-i', '-q', '-s', '10', ...connection, 'pgbench']);
  const { stdout } = await run$(join(PG_BIN, 'pgbench'), ['-b', 'tpcb-like', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), ...connection, 'pgbench']);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!tps) throw new Error(`could not read pgbench output:\n${stdout}`);
  return Number(tps[1]);
}

async function checkout(
  environment: DevEnvironment,
  stripeApiUrl?: string,
): Promise<{ ordersPerSecond: number; rulesOrdersPerSecond: number; stripeOrdersPerSecond?: number; flash: { soldOutPerSecond: number; reservationsPerSecond: number } }> {
  const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, poolSize: Math.max(CLIENTS, 4), applicationName: 'bench' });
  await clusters.initialize();
  const redis = new Redis(environment.redisUrl);
  try {
    await runPlatformMigrationsOnAllClusters(clusters);
    const tenancy = createTenancyServices({ clusters, redis, platformDomain: 'bench.test', shardCounts: { checkout: 2, search: 2, notifications: 2 } });
    const tenant = await tenancy.provisioner.provision({ tenantId: randomUUID(), slug: 'bench-store', name: 'Bench' });
    const ctx = tenantContextFor(tenant, 'bench');
    // A catalog of CATALOG_SIZE SKUs; each cart takes 3 distinct ones at random, as shoppers of a
    // store do (pgbench spreads its writes over 10 branches the same way).
    const skus = await seed(tenancy.unitOfWork, ctx, [
      ...Array.from({ length: CATALOG_SIZE }, (_, i) => ({ sku: `SKU-${i}`, stock: 10_000_000, flash: false })),
      { sku: 'DROP', stock: 500, flash: true },
    ]);
    const threeLines = (): PlaceOrderInput['lines'] => {
      const picked = new Set<string>();
      while (picked.size < 3) picked.add(skus[Math.floor(Math.random() * CATALOG_SIZE)]!);
      return [...picked].map((sku) => ({ sku, quantity: 1 }));
    };
    const keyring = new SecretKeyring(SecretKeyring.generateSpec());
    const gateways = createStandardPaymentGateways({ unitOfWork: tenancy.unitOfWork, keyring, timeoutMs: 10_000, ...(stripeApiUrl ? { stripeApiUrl } : {}) });
    const service = new PlaceOrderService({ unitOfWork: tenancy.unitOfWork, gateways, flashGate: new FlashSaleGate(redis) });
    const cart = (lines: PlaceOrderInput['lines'], paymentMethod = 'test-card', extra: Partial<PlaceOrderInput> = {}): PlaceOrderInput => ({
      lines,
      paymentMethod,
      paymentToken: paymentMethod === 'stripe' ? 'pm_card_visa' : 'tok_success',
      shippingAddress: ADDRESS,
      ...extra,
    });
    /** Warms up, then runs CLIENTS closed-loop clients for SECONDS; orders per second. */
    const closedLoop = async (paymentMethod: string, store = ctx, extra: Partial<PlaceOrderInput> = {}): Promise<number> => {
      for (let i = 0; i < 50; i++) await service.placeOrder(store, cart(threeLines(), paymentMethod, extra), randomUUID());
      let orders = 0;
      const until = Date.now() + SECONDS * 1000;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (Date.now() < until) {
            const response = await service.placeOrder(store, cart(threeLines(), paymentMethod, extra), randomUUID());
            if (response.statusCode !== 201) throw new Error(`order failed: ${JSON.stringify(response.body)}`);
            orders++;
          }
        }),
      );
      return orders / ((Date.now() - started) / 1000);
    };
    const rulesStore = await storeWithSellingRules(tenancy, skus);
    // Plain, rules, plain again: the plain rate is the mean of the runs around the rules one, so
    // the ratio does not carry the drift of a warming process and growing tables.
    const plainBefore = await closedLoop('test-card');
    const rulesOrdersPerSecond = await closedLoop('test-card', rulesStore, { discountCode: 'BENCH10', customerId: randomUUID() });
    const ordersPerSecond = (plainBefore + (await closedLoop('test-card'))) / 2;
    let stripeOrdersPerSecond: number | undefined;
    if (stripeApiUrl) {
      // The store's own Stripe keys; every charge goes to stripe-mock (create, record, confirm).
      await new PaymentSettingsService(tenancy.unitOfWork, keyring, (tenantId) => gateways.settings.forget(tenantId)).update(ctx, { stripe: { enabled: true, publishableKey: 'pk_test_bench', secretKey: 'sk_test_bench' } });
      stripeOrdersPerSecond = await closedLoop('stripe');
    }

    // Flash sale: 10,000 buyers, CLIENTS at a time.
    let next = 0;
    let sold = 0;
    let soldOut = 0;
    let lastSale = 0;
    const flashStarted = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < 10_000) {
          next++;
          const response = await service.placeOrder(ctx, cart([{ sku: 'DROP', quantity: 1 }]));
          if (response.statusCode === 201) {
            sold++;
            lastSale = Date.now();
          } else soldOut++;
        }
      }),
    );
    const flashMs = Date.now() - flashStarted;
    if (sold !== 500) throw new Error(`flash sale sold ${sold} of 500`);
    return {
      ordersPerSecond,
      rulesOrdersPerSecond,
      ...(stripeOrdersPerSecond !== undefined ? { stripeOrdersPerSecond } : {}),
      flash: {
        soldOutPerSecond: soldOut / (Math.max(1, flashMs - (lastSale - flashStarted)) / 1000),
        reservationsPerSecond: sold / (Math.max(1, lastSale - flashStarted) / 1000),
      },
    };
  } finally {
    redis.disconnect();
    await clusters.destroy();
  }
}

/**
 * A second store with the same catalog and the rules a real one has: VAT included (standard and
 * reduced), shipping by zone with a free-over threshold, 15 % off a category holding every other
 * product, and a 10 % code without a total limit (a limited code serializes its uses by design).
 */
async function storeWithSellingRules(tenancy: ReturnType<typeof createTenancyServices>, skus: readonly string[]): Promise<TenantContext> {
  const tenant = await tenancy.provisioner.provision({ tenantId: randomUUID(), slug: 'bench-rules', name: 'Bench with rules' });
  const ctx = tenantContextFor(tenant, 'bench');
  await seed(tenancy.unitOfWork, ctx, skus.filter((sku) => sku !== 'DROP').map((sku) => ({ sku, stock: 10_000_000, flash: false })));
  const rules = new SellingRulesService(tenancy.unitOfWork);
  await rules.setTaxSettings(ctx, { pricesIncludeTax: true });
  await rules.createZone(ctx, {
    name: 'Germany',
    countries: ['DE'],
    regions: [],
    postalPrefixes: [],
    shippingTaxable: true,
    taxRates: [
      { category: 'standard', ratePpm: 190_000, label: 'VAT' },
      { category: 'reduced', ratePpm: 70_000, label: 'VAT reduced' },
    ],
    methods: [{ name: 'DHL', rate: { kind: 'weight', tiers: [{ upToGrams: 2_000, amount: 490 }, { upToGrams: 30_000, amount: 990 }] }, freeOverAmount: 10_000 }],
  });
  const categoryId = await tenancy.unitOfWork.run(ctx, async (tx) => {
    const [category] = await tx.query<{ id: string }[]>(`INSERT INTO categories (slug, name) VALUES ('half', 'Half') RETURNING id`);
    await tx.query(`INSERT INTO product_categories (product_id, category_id) SELECT id, $1 FROM products WHERE right(slug, 1) IN ('0', '2', '4', '6', '8')`, [category!.id]);
    await tx.query(`UPDATE products SET tax_category = 'reduced' WHERE right(slug, 1) IN ('1', '3')`);
    await tx.query('UPDATE variants SET weight_grams = 400');
    return category!.id;
  });
  await rules.createPromotion(ctx, { kind: 'category_percent', name: 'Half 15%', categoryId, percentBp: 1500, startsAt: null, endsAt: null });
  await rules.createCode(ctx, { code: 'BENCH10', value: { kind: 'percent', percentBp: 1000 }, minSubtotalAmount: 0, usageLimit: null, perCustomerLimit: null, startsAt: null, endsAt: null });
  return ctx;
}

async function seed(
  unitOfWork: ReturnType<typeof createTenancyServices>['unitOfWork'],
  ctx: TenantContext,
  variants: { sku: string; stock: number; flash: boolean }[],
): Promise<string[]> {
  await unitOfWork.run(ctx, async (tx) => {
    for (const variant of variants) {
      const [product] = await tx.query<{ id: string }[]>(
        `INSERT INTO products (slug, title, price_amount, currency) VALUES ($1, $1, 1500, 'EUR') RETURNING id`,
        [variant.sku.toLowerCase()],
      );
      await tx.query('INSERT INTO variants (product_id, sku, stock, flash_sale) VALUES ($1, $2, $3, $4)', [product!.id, variant.sku, variant.stock, variant.flash]);
    }
  });
  return variants.map((variant) => variant.sku);
}

/** The gate script on its sold-out path (as for every losing buyer), CLIENTS connections. */
async function redisBenchmark(environment: DevEnvironment): Promise<number> {
  const url = new URL(environment.redisUrl);
  const redis = new Redis(environment.redisUrl);
  const key = FlashSaleGate.keyOf(tenantContextFor({ id: randomUUID(), clusterId: 'main' }, 'bench'), 'DROP');
  await redis.set(key, '0');
  const sha = (await redis.script('LOAD', FLASH_GATE_ADMIT_SCRIPT)) as string;
  redis.disconnect();
  // Redis runs with ACL users (the default user is off): log in as the URL's user.
  const login = url.username ? ['--user', decodeURIComponent(url.username), '-a', decodeURIComponent(url.password)] : [];
  const { stdout } = await run$('redis-benchmark', ['-h', url.hostname, '-p', url.port, ...login, '-c', String(CLIENTS), '-n', '200000', '-q', 'EVALSHA', sha, '1', key, '1']);
  const rate = /([\d.]+) requests per second/.exec(stdout);
  if (!rate) throw new Error(`could not read redis-benchmark output:\n${stdout}`);
  return Number(rate[1]);
}
