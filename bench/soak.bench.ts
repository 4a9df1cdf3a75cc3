import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { findFreePortRange } from '@storefront/dev-services';
import { summarise, report, WORKSPACE_ROOT } from './bench-kit';

/** The platform's own data folder for this run (`npm start` with PLATFORM_LOCAL_PROFILE), wiped first. */
const PROFILE = 'bench-soak';
const SHARDS = 2;
const STORE_SLUG = 'soak';
const SEARCH_WORDS = ['shirt', 'blue', 'cotton', 'soak', 'organic', 'red', 'wool', 'denim', 'linen', 'navy', 'grey', 'black'];

type Kind = 'productPage' | 'search' | 'checkout';
/** Share of operations of each kind: mostly browsing, some searching, a tenth buying. */
const MIX: ReadonlyArray<[Kind, number]> = [
  ['productPage', 0.6],
  ['search', 0.3],
  ['checkout', 0.1],
];

interface Platform {
  readonly process: ChildProcess;
  readonly apiUrl: string;
  readonly storefrontUrl: string;
}

interface Window {
  readonly minute: number;
  readonly operationsPerSecond: number;
  readonly shed: number;
  readonly latencyMs: Record<Kind, { count: number; failures: Record<number, number>; p50: number; p95: number; p99: number }>;
  readonly residentMb: Record<string, number>;
}

/**
 * A soak across storefront, search and checkout: the whole platform as `npm start` runs it, one
 * store, a mix of product pages, searches and checkouts. First the mix's capacity (closed loop,
 * `--connections` in flight), then `--load` of it as an open loop for `--minutes`, reporting per
 * window the p95 of each kind and the resident memory of every process. Flat curves are the goal;
 * the ratios compare the last window with the second (the first includes warm-up).
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string', default: '20' },
      load: { type: 'string', default: '0.5' },
      'capacity-seconds': { type: 'string', default: '30' },
      connections: { type: 'string', default: '16' },
      'window-seconds': { type: 'string', default: '60' },
    },
    strict: true,
  });
  const minutes = Number(values.minutes);
  const load = Number(values.load);
  const windowSeconds = Number(values['window-seconds']);
  const platform = await startPlatform();
  try {
    const shop = await openStore(platform);
    process.stderr.write(`  capacity: closed loop, ${values.connections} in flight, ${values['capacity-seconds']} s\n`);
    const capacity = await measureCapacity(shop, Number(values.connections), Number(values['capacity-seconds']) * 1000);
    const rate = capacity * load;
    process.stderr.write(`  capacity ${capacity.toFixed(1)} operations/s; soak at ${rate.toFixed(1)}/s for ${minutes} min\n`);
    const windows = await soak(shop, platform, rate, minutes * 60_000, windowSeconds * 1000);
    await shop.storefront.close();
    report('soak', { minutes, load, capacityOperationsPerSecond: Math.round(capacity * 10) / 10, soakOperationsPerSecond: Math.round(rate * 10) / 10, mix: Object.fromEntries(MIX), windows, drift: drift(windows) });
  } finally {
    await stopPlatform(platform);
  }
}

/** `npm start` on free ports with its own data folder; resolves once it prints that it runs. */
async function startPlatform(): Promise<Platform> {
  rmSync(join(WORKSPACE_ROOT, '.data', PROFILE), { recursive: true, force: true });
  const base = await findFreePortRange(2 + 3 * SHARDS);
  const env = {
    ...process.env,
    PLATFORM_LOCAL_PROFILE: PROFILE,
    PLATFORM_API_PORT: String(base),
    PLATFORM_STOREFRONT_PORT: String(base + 1),
    PLATFORM_CHECKOUT_BASE_PORT: String(base + 2),
    PLATFORM_SEARCH_BASE_PORT: String(base + 2 + SHARDS),
    PLATFORM_NOTIFICATIONS_BASE_PORT: String(base + 2 + 2 * SHARDS),
    PLATFORM_CHECKOUT_SHARDS: String(SHARDS),
    PLATFORM_SEARCH_SHARDS: String(SHARDS),
    PLATFORM_NOTIFICATIONS_SHARDS: String(SHARDS),
    // Every shopper of this run comes from 127.0.0.1: the per-address write limit would count them as one.
    PLATFORM_RATE_LIMIT_PER_CLIENT: '1000000',
    LOG_LEVEL: 'warn',
  };
  // Its own process group, so stopping reaches every process npm's shell starts.
  const child = spawn('npm', ['start'], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const watch = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('Storefront platform is running.')) return;
      child.stdout!.off('data', watch);
      resolve();
    };
    child.stdout!.on('data', watch);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before the platform ran:\n${output.slice(-2000)}`)));
  });
  child.stdout!.resume();
  return { process: child, apiUrl: `http://127.0.0.1:${base}`, storefrontUrl: `http://127.0.0.1:${base + 1}` };
}

/** Stops the platform the way Ctrl-C would, and kills what is left after a minute. */
async function stopPlatform(platform: Platform): Promise<void> {
  if (platform.process.exitCode !== null) return;
  const exited = new Promise((resolve) => platform.process.once('exit', resolve));
  // SIGTERM to the group: platform start drains its services, then stops PostgreSQL and Redis.
  process.kill(-platform.process.pid!, 'SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 60_000))]);
  if (!stopped) process.kill(-platform.process.pid!, 'SIGKILL');
}

interface Shop {
  /** Keep-alive connections to the storefront (fetch would drop the Host header that names the store). */
  readonly storefront: Pool;
  readonly host: string;
  readonly productSlug: string;
  readonly sku: string;
}

/** A merchant signs up through the platform API and lists one product with stock for the whole run. */
async function openStore(platform: Platform): Promise<Shop> {
  const email = `${STORE_SLUG}@merchants.example.com`;
  const password = 'a long soak merchant password';
  await json(`${platform.apiUrl}/api/v1/signup`, 'POST', { email, password, storeName: 'Soak Store', slug: STORE_SLUG }, 201);
  const { accessToken } = (await json(`${platform.apiUrl}/api/v1/auth/login`, 'POST', { email, password }, 200)) as { accessToken: string };
  const product = (await json(
    `${platform.apiUrl}/api/v1/products`,
    'POST',
    {
      title: 'Soak Organic Shirt',
      description: 'Blue cotton shirt for the long run.',
      price: { amount: 2500, currency: 'EUR' },
      options: [{ name: 'Size', values: ['M'] }],
      variants: [{ sku: 'SOAK-M', options: { Size: 'M' }, stock: 1_000_000 }],
    },
    201,
    { authorization: `Bearer ${accessToken}` },
  )) as { slug: string };
  const shop: Shop = { storefront: new Pool(platform.storefrontUrl, { connections: MAX_IN_FLIGHT }), host: `${STORE_SLUG}.localhost`, productSlug: product.slug, sku: 'SOAK-M' };
  // The search shards index it from the outbox; searches should find it before the clock starts.
  for (let tries = 0; ; tries++) {
    const found = await shop.storefront.request({ method: 'GET', path: '/api/v1/products?q=soak', headers: { host: shop.host } });
    const answer = (await found.body.json()) as { total?: number };
    if (found.statusCode === 200 && answer.total! > 0) return shop;
    if (tries > 600) throw new Error(`the soak product never reached search: ${found.statusCode} ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function json(url: string, method: string, body: unknown, expected: number, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const answer = (await response.json()) as unknown;
  if (response.status !== expected) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** One operation of a kind: its status, 200 when every request of it got a 2xx, else the first other one. */
async function operate(shop: Shop, kind: Kind, i: number): Promise<number> {
  const send = async (method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const answer = await shop.storefront.request({
      method,
      path,
      headers: { host: shop.host, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    await answer.body.dump();
    return answer;
  };
  if (kind === 'productPage') return (await send('GET', `/products/${shop.productSlug}`)).statusCode;
  if (kind === 'search') return (await send('GET', `/api/v1/products?q=${SEARCH_WORDS[i % SEARCH_WORDS.length]}&page=${1 + (i % 3)}`)).statusCode;
  // A new shopper each time: add to cart (the session cookie comes back), then check out cash on delivery.
  const added = await send('POST', '/api/v1/cart/items', { sku: shop.sku, quantity: 1 });
  const setCookie = added.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(';')[0]).join('; ');
  if (!succeeded(added.statusCode) || !cookie) return added.statusCode;
  const placed = await send(
    'POST',
    '/api/v1/checkout',
    { paymentMethod: 'cod', shippingAddress: { name: 'Soak Shopper', line1: '1 Long Road', city: 'Berlin', postalCode: '10115', country: 'DE' } },
    // Unique per order: a key seen before (the capacity phase counts from 0 too) would replay its stored answer.
    { cookie, 'idempotency-key': `soak-${randomUUID()}` },
  );
  return placed.statusCode;
}

const succeeded = (status: number): boolean => status >= 200 && status < 300;

function kindOf(i: number): Kind {
  // A fixed pattern of 10 (6 pages, 3 searches, 1 checkout) keeps the mix exact in every window.
  const slot = i % 10;
  let edge = 0;
  for (const [kind, share] of MIX) {
    edge += share * 10;
    if (slot < edge) return kind;
  }
  return 'productPage';
}

/** Operations per second of the mix with `connections` in flight for `ms`. */
async function measureCapacity(shop: Shop, connections: number, ms: number): Promise<number> {
  let next = 0;
  let done = 0;
  const until = Date.now() + ms;
  const worker = async (): Promise<void> => {
    while (Date.now() < until) {
      const i = next++;
      await operate(shop, kindOf(i), i).catch(() => 0);
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  return done / ((Date.now() - started) / 1000);
}

/** Most operations in flight before new ones are shed (counted, not sent): an open loop must not queue without bound. */
const MAX_IN_FLIGHT = 256;

async function soak(shop: Shop, platform: Platform, rate: number, totalMs: number, windowMs: number): Promise<Window[]> {
  const windows: Window[] = [];
  let samples = new Map<Kind, number[]>(MIX.map(([kind]) => [kind, []]));
  /** Per kind: how many operations ended with each status other than 2xx (0: no answer). */
  let failures = new Map<Kind, Map<number, number>>(MIX.map(([kind]) => [kind, new Map()]));
  let shed = 0;
  let issued = 0;
  let inFlight = 0;
  let windowDone = 0;
  const started = Date.now();
  let windowStarted = started;
  const pending = new Set<Promise<void>>();

  const closeWindow = (): void => {
    const seconds = (Date.now() - windowStarted) / 1000;
    const latencyMs = Object.fromEntries(
      MIX.map(([kind]) => {
        const { count, p50, p95, p99 } = summarise(samples.get(kind)!);
        return [kind, { count, failures: Object.fromEntries(failures.get(kind)!), p50, p95, p99 }];
      }),
    ) as Window['latencyMs'];
    const window: Window = { minute: Math.round(((Date.now() - started) / 60_000) * 10) / 10, operationsPerSecond: Math.round((windowDone / seconds) * 10) / 10, shed, latencyMs, residentMb: residentMemory(platform.process.pid!) };
    windows.push(window);
    process.stderr.write(
      `  ${window.minute.toFixed(1)} min: ${window.operationsPerSecond}/s, p95 page ${latencyMs.productPage.p95} ms, search ${latencyMs.search.p95} ms, checkout ${latencyMs.checkout.p95} ms, failures ${JSON.stringify(Object.fromEntries(MIX.map(([k]) => [k, Object.fromEntries(failures.get(k)!)])))}, shed ${shed}; RSS ${Object.entries(window.residentMb).map(([name, mb]) => `${name} ${mb}`).join(', ')} MB\n`,
    );
    samples = new Map(MIX.map(([kind]) => [kind, []]));
    failures = new Map(MIX.map(([kind]) => [kind, new Map()]));
    shed = 0;
    windowDone = 0;
    windowStarted = Date.now();
  };

  while (Date.now() - started < totalMs) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; issued < due; issued++) {
      if (inFlight >= MAX_IN_FLIGHT) {
        shed++;
        continue;
      }
      const i = issued;
      const kind = kindOf(i);
      inFlight++;
      const begun = process.hrtime.bigint();
      const operation = operate(shop, kind, i)
        .catch(() => 0)
        .then((status) => {
          inFlight--;
          windowDone++;
          samples.get(kind)!.push(Number(process.hrtime.bigint() - begun) / 1e6);
          if (!succeeded(status)) failures.get(kind)!.set(status, (failures.get(kind)!.get(status) ?? 0) + 1);
        });
      pending.add(operation);
      void operation.then(() => pending.delete(operation));
    }
    if (Date.now() - windowStarted >= windowMs) closeWindow();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  closeWindow();
  return windows;
}

/**
 * Resident memory in MB of every process of the platform: each service (a descendant of `npm
 * start`) by its project and port, PostgreSQL as the sum of its processes' proportional set sizes
 * (shared buffers counted once), Redis by its RSS. The two servers run detached from `npm start`,
 * so they are found by their working directory, which is in this run's data folder.
 */
function residentMemory(rootPid: number): Record<string, number> {
  const dataDir = join(WORKSPACE_ROOT, '.data', PROFILE);
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Set<number>([rootPid]);
  for (const pid of parents.keys()) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dataDir)) ours.add(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (ours.has(parent) && !ours.has(pid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  const totals: Record<string, number> = {};
  for (const pid of ours) {
    try {
      const named = processName(pid);
      if (!named) continue;
      const file = named.field === 'Pss' ? `/proc/${pid}/smaps_rollup` : `/proc/${pid}/status`;
      const kb = Number(new RegExp(`^${named.field}:\\s+(\\d+)`, 'm').exec(readFileSync(file, 'utf8'))?.[1] ?? 0);
      totals[named.name] = (totals[named.name] ?? 0) + kb;
    } catch {
      // gone meanwhile
    }
  }
  return Object.fromEntries(Object.entries(totals).sort().map(([name, kb]) => [name, Math.round(kb / 1024)]));
}

/** `storefront:8081`-style names for services (shards differ by port), `postgresql`, `redis`; undefined for the rest (npm, sh). */
function processName(pid: number): { name: string; field: 'VmRSS' | 'Pss' } | undefined {
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const project = command.map((part) => /(?:apps|operators)\/([\w-]+)\/src\/main\.(?:ts|js)$/.exec(part)?.[1]).find(Boolean);
  if (project === 'platform-cli') return { name: 'platform-cli', field: 'VmRSS' };
  if (project) {
    const port = /(?:^|\0)PORT=(\d+)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1];
    return { name: `${project}:${port}`, field: 'VmRSS' };
  }
  if (command[0]?.includes('postgres')) return { name: 'postgresql', field: 'Pss' };
  if (command[0]?.includes('redis-server')) return { name: 'redis', field: 'VmRSS' };
  return undefined;
}

/** Last window against the second (the first carries warm-up): memory and p95 ratios, where 1.0 is flat. */
function drift(windows: readonly Window[]): Record<string, unknown> {
  if (windows.length < 3) return { note: 'too few windows to compare' };
  const second = windows[1]!;
  const last = windows[windows.length - 1]!;
  const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);
  return {
    residentMemoryLastVsSecond: Object.fromEntries(Object.keys(last.residentMb).map((name) => [name, ratio(last.residentMb[name]!, second.residentMb[name] ?? 0)])),
    p95LastVsSecond: Object.fromEntries(MIX.map(([kind]) => [kind, ratio(last.latencyMs[kind].p95, second.latencyMs[kind].p95)])),
  };
}
