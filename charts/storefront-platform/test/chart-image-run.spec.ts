import { findFreePort, runCommand } from '@storefront/dev-services';
import { HelmCli, parseManifests, type KubeObject } from '@storefront/helm';
import { TEST_PLATFORM_API_LOGIN, TEST_SERVICE_LOGIN, testDatabaseUrl, until } from '@storefront/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Buildah, buildServiceImage, ensureBaseImages, serviceEntry, SERVICE_IMAGES, type BaseImages } from '@storefront/container-images';
import { CHART_DIR, EMAIL_VALUES } from './chart-test-env';

const IMAGE = 'localhost/storefront-platform/search:image-spec';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}
interface Workload extends KubeObject {
  spec: { template: { spec: { containers: { image: string; env?: EnvVar[]; envFrom?: { configMapRef?: { name: string } }[]; readinessProbe: { httpGet: { path: string } } }[] } } };
}
interface ImageConfig {
  config: { User?: string; Entrypoint?: string[]; WorkingDir?: string; Env?: string[] };
}

/** The container's environment from the rendered chart: its ConfigMap, then its env (Secret keys, the Pod index). */
function chartEnvironment(objects: KubeObject[], workload: Workload, podIndex: string): Record<string, string> {
  const find = <T extends KubeObject>(kind: string, name: string): T => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`the chart renders no ${kind} ${name}`);
    return found as T;
  };
  const container = workload.spec.template.spec.containers[0]!;
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) Object.assign(env, find<KubeObject & { data: Record<string, string> }>('ConfigMap', source.configMapRef!.name).data);
  for (const entry of container.env ?? []) {
    const from = entry.valueFrom;
    if (entry.value !== undefined) env[entry.name] = entry.value;
    else if (from?.secretKeyRef) env[entry.name] = Buffer.from(find<KubeObject & { data: Record<string, string> }>('Secret', from.secretKeyRef.name).data[from.secretKeyRef.key]!, 'base64').toString();
    else if (from?.fieldRef?.fieldPath === "metadata.labels['apps.kubernetes.io/pod-index']") env[entry.name] = podIndex;
    else throw new Error(`unsupported env source for ${entry.name}: ${JSON.stringify(from)}`);
  }
  return env;
}

/**
 * The image proven rather than assumed: search's image is built from the shared Dockerfile on the
 * Debian base, started as its container would be (its entrypoint, user and working directory, in
 * a chroot of its root filesystem) with the environment the chart gives a search shard, pointed at
 * the test PostgreSQL and Redis, and answers its readiness probe.
 */
describe('service image built with buildah (real image, chart env, PostgreSQL, Redis)', () => {
  const buildah = new Buildah();
  let base: BaseImages;
  let container: string | undefined;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    // Ready and cached by the test setup; here only found again.
    base = await ensureBaseImages();
    // The image holds this tree's dist/, which the test setup built before the first suite.
    await buildServiceImage('search', { base, tag: IMAGE, buildah });
  }, 420_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (container) await buildah.run(['rm', container]);
  });

  it('runs the compiled entry as uid 1000 from production dependencies, and is ready with the chart environment of a search shard', async () => {
    const { config } = (JSON.parse(await buildah.run(['inspect', '--type', 'image', IMAGE])) as { OCIv1: ImageConfig }).OCIv1;
    expect(config).toMatchObject({ User: '1000:1000', Entrypoint: ['node', 'main.js'], WorkingDir: '/app' });
    expect(config.Env).toEqual(expect.arrayContaining(['NODE_ENV=production', 'HOST=0.0.0.0', 'PORT=8080']));

    const values = {
      database: {
        url: await testDatabaseUrl(),
        serviceLogin: { user: TEST_SERVICE_LOGIN.user, password: TEST_SERVICE_LOGIN.password },
        platformApiLogin: { user: TEST_PLATFORM_API_LOGIN.user, password: TEST_PLATFORM_API_LOGIN.password },
      },
      redis: { url: process.env.TEST_REDIS_URL },
    };
    const helm = new HelmCli({ binary: join(process.env.K8S_TESTENV_BIN_DIR!, 'helm') });
    const objects = parseManifests(await helm.template('images', CHART_DIR, { namespace: 'platform', valuesFiles: [EMAIL_VALUES], values }));
    const search = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'images-storefront-platform-search') as Workload;
    const env = chartEnvironment(objects, search, '0');
    // The one adjustment: PORT. The host's network is shared here, where a Pod has its own.
    const port = await findFreePort();
    env.PORT = String(port);

    container = await buildah.run(['from', '--pull=never', IMAGE]);
    const entrypoint = config.Entrypoint!;
    const envArgs = Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
    child = spawn('buildah', [...buildah.storageFlags, 'run', '--isolation', 'chroot', '--network', 'host', ...envArgs, container, '--', ...entrypoint], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const probe = search.spec.template.spec.containers[0]!.readinessProbe.httpGet.path;
    expect(probe).toBe('/health/ready');
    let last: number | string = 'no answer';
    await until(
      async () => {
        if (child!.exitCode !== null) throw new Error(`search exited (${child!.exitCode}): ${output}`);
        last = await fetch(`http://127.0.0.1:${port}${probe}`).then((response) => response.status, (error: Error) => error.message);
        return last === 200;
      },
      60_000,
      `search from ${IMAGE} to answer ${probe} with 200`,
    ).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)} (last: ${last})\n${output}`);
    });

    // What it runs: the compiled entry, with production dependencies only (no TypeScript loader).
    const inImage = async (script: string): Promise<string> =>
      (await runCommand('buildah', [...buildah.storageFlags, 'run', '--isolation', 'chroot', container!, '--', 'sh', '-c', script])).stdout.trim();
    expect(await inImage('readlink main.js')).toBe(serviceEntry(SERVICE_IMAGES.search!));
    expect(await inImage('for p in pg @nestjs/core jest @swc-node/register typescript-eslint; do test -e node_modules/$p && echo $p; done; true')).toBe('pg\n@nestjs/core');
  }, 120_000);
});
