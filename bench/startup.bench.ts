import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DatabaseClusters, runPlatformMigrationsOnAllClusters } from '@storefront/database';
import { findFreePort } from '@storefront/dev-services';
import type { RedisLogin } from '@storefront/redis-acl';
import { report, startBenchEnvironment, WORKSPACE_ROOT } from './bench-kit';

/** How a service process is started: the baseline compiles its TypeScript on load. */
const VARIANTS = {
  'swc-node': (projectRoot: string) => ['-r', '@swc-node/register', `${projectRoot}/src/main.ts`],
  compiled: (projectRoot: string) => [`dist/${projectRoot}/src/main.js`],
  'compiled --enable-source-maps': (projectRoot: string) => ['--enable-source-maps', `dist/${projectRoot}/src/main.js`],
} as const;
type Variant = keyof typeof VARIANTS;

interface MeasuredService {
  readonly projectRoot: string;
  readonly redisUser: RedisLogin;
  readonly env: Readonly<Record<string, string>>;
}

interface Sample {
  /** Spawn to the first 200 from /health/ready. */
  readonly readyMs: number;
  readonly rssMiB: number;
  readonly rssAfterRequestsMiB: number;
}

/**
 * Start-up time (spawn -> first 200 from /health/ready) and resident memory (once ready, and after
 * `--requests` readiness checks) of each HTTP service, compiled (`npm run build`, plain node)
 * against `@swc-node/register` compiling the sources on load (its disk cache warm), same run,
 * rounds interleaved. The operator needs a Kubernetes API server to be ready and is left out.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { rounds: { type: 'string', default: '5' }, requests: { type: 'string', default: '100' } },
    strict: true,
  });
  const rounds = Number(values.rounds);
  const requests = Number(values.requests);
  const missing = SERVICES.map((service) => `dist/${service.projectRoot}/src/main.js`).filter((entry) => !existsSync(`${WORKSPACE_ROOT}/${entry}`));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')}; run npm run build first`);

  const environment = await startBenchEnvironment('startup');
  try {
    const clusters = new DatabaseClusters({ urls: { main: environment.databaseUrl }, applicationName: 'bench-startup' });
    await clusters.initialize();
    await runPlatformMigrationsOnAllClusters(clusters);
    await clusters.destroy();

    const samples = new Map<string, Sample[]>();
    const variants = Object.keys(VARIANTS) as Variant[];
    // Round 0 warms the file cache and swc-node's transform cache; it is not counted.
    for (let round = 0; round <= rounds; round++) {
      for (const service of SERVICES) {
        // Alternating order, so neither variant always runs right after the other.
        for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
          const sample = await measure(service, variant, environment.databaseUrl, environment.redisUrls[service.redisUser], requests);
          if (round > 0) samples.set(`${service.projectRoot} ${variant}`, [...(samples.get(`${service.projectRoot} ${variant}`) ?? []), sample]);
        }
      }
      process.stderr.write(`  ${round === 0 ? 'warm-up round' : `round ${round}/${rounds}`} done\n`);
    }

    const results = Object.fromEntries(
      SERVICES.map((service) => {
        const medians = Object.fromEntries(variants.map((variant) => [variant, medianSample(samples.get(`${service.projectRoot} ${variant}`)!)])) as Record<Variant, Sample>;
        const baseline = medians['swc-node'];
        const ratios = (sample: Sample) => ({
          readyMs: ratio(sample.readyMs, baseline.readyMs),
          rssMiB: ratio(sample.rssMiB, baseline.rssMiB),
          rssAfterRequestsMiB: ratio(sample.rssAfterRequestsMiB, baseline.rssAfterRequestsMiB),
        });
        return [
          service.projectRoot,
          { ...medians, 'compiled / swc-node': ratios(medians.compiled), 'compiled --enable-source-maps / swc-node': ratios(medians['compiled --enable-source-maps']) },
        ];
      }),
    );
    report('startup', { rounds, requestsBeforeSecondRss: requests, loadAverage: readFileSync('/proc/loadavg', 'utf8').trim(), medians: results });
  } finally {
    await environment.stop();
  }
}

const SERVICE_TOKEN_SECRET = randomBytes(32).toString('hex');

const SERVICES: readonly MeasuredService[] = [
  { projectRoot: 'apps/platform-api', redisUser: 'platform-api', env: { PLATFORM_JWT_SECRET: randomBytes(32).toString('hex') } },
  { projectRoot: 'apps/storefront', redisUser: 'storefront', env: { PLATFORM_SERVICE_TOKEN_SECRET: SERVICE_TOKEN_SECRET } },
  ...(['checkout', 'search', 'notifications'] as const).map((name) => ({
    projectRoot: `apps/${name}`,
    redisUser: name,
    env: { PLATFORM_SERVICE_TOKEN_SECRET: SERVICE_TOKEN_SECRET, PLATFORM_SHARD_ID: '0' },
  })),
];

async function measure(service: MeasuredService, variant: Variant, databaseUrl: string, redisUrl: string, requests: number): Promise<Sample> {
  const port = await findFreePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, VARIANTS[variant](service.projectRoot), {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...service.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const url = `http://127.0.0.1:${port}/health/ready`;
    await untilReady(url, child, `${service.projectRoot} (${variant})`);
    const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
    const rssMiB = residentMiB(child);
    for (let i = 0; i < requests; i++) await (await fetch(url)).arrayBuffer();
    return { readyMs, rssMiB, rssAfterRequestsMiB: residentMiB(child) };
  } finally {
    await stop(child);
  }
}

async function untilReady(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${name} was not ready within 60 s (exit code ${child.exitCode})`);
}

/** VmRSS of the process itself (node is spawned directly, no shell in between). */
function residentMiB(child: ChildProcess): number {
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);
  return Math.round((kib / 1024) * 10) / 10;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function medianSample(samples: readonly Sample[]): Sample {
  const median = (pick: (sample: Sample) => number): number => {
    const sorted = samples.map(pick).sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
  };
  return { readyMs: median((s) => s.readyMs), rssMiB: median((s) => s.rssMiB), rssAfterRequestsMiB: median((s) => s.rssAfterRequestsMiB) };
}

function ratio(value: number, baseline: number): number {
  return Math.round((value / baseline) * 100) / 100;
}
