/**
 * Everything the test suite installs or builds for itself, made ready once in Jest's global setup
 * before the first test file starts, so no test or hook ever waits on an apt-get or a Go build
 * inside its timeout (on a fresh machine the control plane alone takes many minutes).
 */
import {
  ensureChromium,
  ensureGoBinary,
  ensurePgBouncer,
  ensurePythonTool,
  findPostgresBinDir,
  findRedisServer,
  SCHEMATHESIS,
  SCHEMATHESIS_COMMAND_VARIABLE,
  SEAWEEDFS,
  STRIPE_MOCK,
  TOOL_CACHE_HOME_VARIABLE,
} from '@storefront/dev-services';
import { ensureBinaries as ensureControlPlaneBinaries } from '@storefront/k8s-testenv';
import { ensureBaseImages, ensureDependencyLayer } from '@storefront/container-images';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const WORKSPACE_ROOT = join(__dirname, '../../..');

export interface TestPrerequisite {
  readonly name: string;
  /** Whether this run needs it (servers given by DATABASE_URL / REDIS_URL need no packages). */
  readonly neededWhen?: (env: NodeJS.ProcessEnv) => boolean;
  /** Makes it ready (fast when it already is); returns variables the test workers inherit. */
  prepare(log: (line: string) => void): Promise<Record<string, string>>;
  /** How a person retries this step alone after a failure. */
  readonly retry: string;
}

export const TEST_PREREQUISITES: readonly TestPrerequisite[] = [
  {
    // `platform start` runs every service from dist/, and one spec runs a service from there alone.
    name: 'compiled services (npm run build, the console aside: its tests build their own)',
    prepare: async () => (await buildServices(), {}),
    retry: 'npm run build',
  },
  {
    name: 'PostgreSQL server packages',
    neededWhen: (env) => !env.DATABASE_URL,
    prepare: async (log) => (await findPostgresBinDir(log), {}),
    retry: 'apt-get install postgresql postgresql-contrib (as root), or set DATABASE_URL',
  },
  {
    name: 'Redis server packages',
    neededWhen: (env) => !env.REDIS_URL,
    prepare: async (log) => (await findRedisServer(log), {}),
    retry: 'apt-get install redis-server redis-tools (as root), or set REDIS_URL',
  },
  {
    // Always: the transaction-pooling tests put it in front of whichever PostgreSQL the run uses.
    name: 'PgBouncer package (transaction pooling tests)',
    prepare: async (log) => (await ensurePgBouncer(log), {}),
    retry: 'apt-get install pgbouncer (as root)',
  },
  {
    name: 'Chromium (browser tests)',
    prepare: async (log) => (await ensureChromium(log), {}),
    retry: 'apt-get install chromium (as root)',
  },
  {
    name: `stripe-mock ${STRIPE_MOCK.version} (built from its Go module)`,
    prepare: async (log) => (await ensureGoBinary(STRIPE_MOCK, log), {}),
    retry: `go install ${STRIPE_MOCK.module}@${STRIPE_MOCK.version} (needs the Go module proxy)`,
  },
  {
    name: `SeaweedFS ${SEAWEEDFS.version} (S3-compatible server, built from its Go module)`,
    prepare: async (log) => (await ensureGoBinary(SEAWEEDFS, log), {}),
    retry: `go mod download ${SEAWEEDFS.module}@${SEAWEEDFS.version}, then go build ${SEAWEEDFS.mainPackage} in that module's folder (needs the Go module proxy)`,
  },
  {
    name: `Schemathesis ${SCHEMATHESIS.version} (OpenAPI fuzzer, from PyPI into a virtual environment)`,
    // Workers read the command from the environment rather than working out the cache again.
    prepare: async (log) => ({ [SCHEMATHESIS_COMMAND_VARIABLE]: await ensurePythonTool(SCHEMATHESIS, log) }),
    retry: `python3 -m venv <dir> && <dir>/bin/pip install ${SCHEMATHESIS.package}==${SCHEMATHESIS.version} (needs PyPI and python3-venv)`,
  },
  {
    name: 'kube-apiserver, etcd and helm (built from their Go modules)',
    // Workers read the bin dir from the environment instead of running the build script again.
    prepare: async () => ({ K8S_TESTENV_BIN_DIR: await ensureControlPlaneBinaries() }),
    retry: 'bash libs/k8s-testenv/scripts/build-binaries.sh (its output names the failing module)',
  },
  {
    // The image spec builds and starts a service image; what is slow in that (Debian's packages,
    // npm install of the production dependencies) is done and cached here.
    name: 'container base images (mmdebstrap, buildah) and their production dependency layer',
    prepare: async (log) => (await ensureDependencyLayer(await ensureBaseImages(log)), {}),
    retry: 'npm run images -- --base-only (installs buildah and mmdebstrap with apt-get when missing)',
  },
];

export class TestPrerequisiteError extends Error {}

/** The services' Nx build targets; Nx's cache makes an unchanged tree a matter of seconds. */
async function buildServices(): Promise<void> {
  const nx = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx');
  try {
    await promisify(execFile)(process.execPath, [nx, 'run-many', '-t', 'build', '--exclude=console', '--output-style=static'], { cwd: WORKSPACE_ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`nx run-many -t build failed:\n${`${stdout}${stderr}`.trimEnd().split('\n').slice(-30).join('\n')}`);
  }
}

/** Prepares each prerequisite in order with a progress line; the first failure stops the run. */
export async function prepareTestPrerequisites(
  prerequisites: readonly TestPrerequisite[] = TEST_PREREQUISITES,
  log: (line: string) => void = (line) => process.stderr.write(`[test-setup] ${line}\n`),
): Promise<void> {
  const started = Date.now();
  if (process.env[TOOL_CACHE_HOME_VARIABLE]) log(`tool cache: ${process.env[TOOL_CACHE_HOME_VARIABLE]} (${TOOL_CACHE_HOME_VARIABLE})`);
  const needed = prerequisites.filter((prerequisite) => prerequisite.neededWhen?.(process.env) ?? true);
  for (const [index, prerequisite] of needed.entries()) {
    const stepStarted = Date.now();
    log(`(${index + 1}/${needed.length}) ${prerequisite.name}...`);
    let exported: Record<string, string>;
    try {
      exported = await prerequisite.prepare(log);
    } catch (error) {
      // Jest prints a global setup error with its stack; the stack of this one is the message.
      const failure = new TestPrerequisiteError(
        `Test prerequisite "${prerequisite.name}" could not be made ready, so no test ran.\n` +
          `  cause: ${error instanceof Error ? error.message : String(error)}\n` +
          `  retry: ${prerequisite.retry}, then run the tests again.`,
      );
      failure.stack = failure.message;
      throw failure;
    }
    Object.assign(process.env, exported);
    log(`(${index + 1}/${needed.length}) ${prerequisite.name}: ready in ${seconds(Date.now() - stepStarted)}`);
  }
  log(`all prerequisites ready in ${seconds(Date.now() - started)}`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
