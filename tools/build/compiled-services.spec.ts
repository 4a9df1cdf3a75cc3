import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startServiceProcess, testDatabaseUrl, testRedisUrl, testRedisUrlAs, testServiceDatabaseUrl, type ServiceProcess } from '@storefront/testing';

const WORKSPACE_ROOT = join(__dirname, '../..');

/** Where `npm run build` puts each deployable project's entry: the contract the images build on. */
const COMPILED_ENTRIES = ['apps/checkout', 'apps/notifications', 'apps/platform-api', 'apps/platform-cli', 'apps/search', 'apps/storefront', 'operators/tenant-operator'].map(
  (projectRoot) => `dist/${projectRoot}/src/main.js`,
);

interface LockedPackage {
  readonly dev?: boolean;
  readonly devOptional?: boolean;
}

/**
 * A copy of the build (built by the test prerequisites) beside a node_modules of the production
 * dependencies alone, read from package-lock.json as `npm install --omit=dev` would install them:
 * compiled code that requires a development dependency fails here as it would in an image.
 */
function productionInstall(): string {
  const root = mkdtempSync(join(tmpdir(), 'compiled-services-'));
  for (const dir of ['apps', 'libs', 'operators']) cpSync(join(WORKSPACE_ROOT, 'dist', dir), join(root, 'dist', dir), { recursive: true });
  const { packages } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  for (const [path, locked] of Object.entries(packages)) {
    // Hoisted packages only: a nested one comes along inside its parent's folder.
    if (!/^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) || locked.dev || locked.devOptional) continue;
    const installed = join(WORKSPACE_ROOT, path);
    // An optional package for another platform is in the lock file but not installed.
    if (!existsSync(installed)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(installed, join(root, path));
  }
  return root;
}

function runNode(cwd: string, entry: string): Promise<{ entry: string; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ entry, code, output }));
  });
}

describe('compiled services (npm run build -> dist/)', () => {
  let install: string;
  const services: ServiceProcess[] = [];

  beforeAll(() => {
    install = productionInstall();
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    rmSync(install, { recursive: true, force: true });
  });

  it('loads every module of every service with production dependencies alone, up to its configuration check', async () => {
    const runs = await Promise.all(COMPILED_ENTRIES.map((entry) => runNode(install, entry)));
    for (const run of runs) {
      expect(run.output).not.toContain('Cannot find module');
      if (run.entry.includes('platform-cli')) {
        // The CLI loads every command's module before it reads its command line.
        expect(run).toMatchObject({ code: 0, output: expect.stringContaining('Usage: platform <command>') });
      } else {
        // EX_CONFIG: every import resolved, and the first thing missing is DATABASE_URL.
        expect(run).toMatchObject({ code: 78, output: expect.stringContaining('DATABASE_URL: is required') });
      }
    }
  }, 120_000);

  it('runs the compiled storefront with plain node: it starts and /health/ready answers 200', async () => {
    const storefront = await startServiceProcess(
      'storefront',
      'dist/apps/storefront/src/main.js',
      {
        DATABASE_URL: await testServiceDatabaseUrl(),
        REDIS_URL: testRedisUrlAs('storefront'),
        // The storefront of every store, as `npm start` runs it.
        PLATFORM_SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      },
      60_000,
      { cwd: install },
    );
    services.push(storefront);
    const ready = await fetch(`${storefront.url}/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ok', checks: { postgres: 'ok', redis: 'ok' } } });
  }, 90_000);

  it("runs the compiled platform API, whose guards NestJS injects by their constructors' types (decorator metadata): a request without a token is 401", async () => {
    const api = await startServiceProcess(
      'platform-api',
      'dist/apps/platform-api/src/main.js',
      // A Redis database of its own, as `platform start` under test: its queues are nobody else's.
      { DATABASE_URL: await testDatabaseUrl('compiled'), REDIS_URL: testRedisUrl(true), PLATFORM_JWT_SECRET: randomBytes(32).toString('hex') },
      60_000,
      { cwd: install },
    );
    services.push(api);
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
    // Without the constructor's metadata the guard would get no AccessTokens and answer 500.
    const anonymous = await fetch(`${api.url}/api/v1/admin/health`);
    expect(anonymous.status).toBe(401);
  }, 90_000);
});
