import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { join } from 'node:path';
import { HelmCli } from './helm-cli';
import { HelmError } from './helm-error';
import { parseManifests } from './rendered-manifests';

const FIXTURE_CHART = join(__dirname, '..', 'test', 'fixture-chart');

async function failure(promise: Promise<unknown>): Promise<HelmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof HelmError)) throw new Error(`expected a HelmError, got ${String(error)}`);
  return error;
}

describe('HelmCli (real helm binary, real kube-apiserver)', () => {
  let plane: TestControlPlane;
  let helm: HelmCli;

  beforeAll(async () => {
    plane = await startTestControlPlane();
    helm = new HelmCli({ binary: join(plane.binDir, 'helm'), env: plane.helmEnv });
  }, 30 * 60_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('reports the pinned helm version', async () => {
    expect(await helm.version()).toBe('v3.19.5');
  });

  it('renders a chart with values given as an object, without a shell', async () => {
    // Shell metacharacters and commas would break a shell string or a --set value.
    const greeting = "hi, $(touch /tmp/pwned); it's 'quoted'";
    const objects = parseManifests(await helm.template('demo', FIXTURE_CHART, { namespace: 'default', values: { greeting } }));
    expect(objects).toEqual([expect.objectContaining({ kind: 'ConfigMap', metadata: { name: 'demo-greeting' }, data: { greeting } })]);
  });

  it('answers a failed lint with helm\'s reasons instead of throwing', async () => {
    expect((await helm.lint(FIXTURE_CHART)).passed).toBe(true);
    const bad = await helm.lint(FIXTURE_CHART, { values: { greeting: '' } });
    expect(bad.passed).toBe(false);
    expect(bad.stdout + bad.stderr).toMatch(/greeting.*minLength/s);
  });

  it('keeps stderr apart and carries the exit code when a command fails', async () => {
    const error = await failure(helm.template('demo', FIXTURE_CHART, { namespace: 'default', values: { unknown: 1 } }));
    expect(error.exitCode).toBe(1);
    expect(error.timedOut).toBe(false);
    expect(error.stdout).toBe('');
    expect(error.stderr).toMatch(/additional properties 'unknown' not allowed/);
    expect(error.message).toMatch(/^helm template failed \(exit 1\): .*unknown/s);
  });

  it('installs, upgrades, lists, reads values and uninstalls a release as JSON', async () => {
    const namespace = 'helm-cli-roundtrip';
    const installed = await helm.install('greeter', FIXTURE_CHART, { namespace, createNamespace: true, values: { greeting: 'hello' } });
    expect(installed).toMatchObject({ name: 'greeter', namespace, version: 1, info: { status: 'deployed' } });
    expect(installed.info.notes).toContain('Greeting: hello');

    const upgraded = await helm.upgrade('greeter', FIXTURE_CHART, { namespace, values: { greeting: 'bonjour' } });
    expect(upgraded).toMatchObject({ version: 2, info: { status: 'deployed' }, config: { greeting: 'bonjour' } });
    expect(await helm.getValues('greeter', namespace)).toEqual({ greeting: 'bonjour' });
    expect((await helm.history('greeter', namespace)).map((h) => [h.revision, h.status])).toEqual([[1, 'superseded'], [2, 'deployed']]);
    expect(await helm.list(namespace)).toEqual([expect.objectContaining({ name: 'greeter', revision: '2', status: 'deployed', chart: 'fixture-chart-0.1.0' })]);

    await helm.uninstall('greeter', { namespace });
    expect(await helm.list(namespace)).toEqual([]);
    expect((await failure(helm.status('greeter', namespace))).stderr).toMatch(/release: not found/);
  });

  it('kills a helm process that outlives its timeout', async () => {
    // Nothing runs Pods here, so --wait would block for helm's full timeout of 10 minutes.
    const impatient = new HelmCli({ binary: join(plane.binDir, 'helm'), env: plane.helmEnv, processTimeoutMs: 2_000 });
    const started = Date.now();
    const error = await failure(
      impatient.install('waiter', FIXTURE_CHART, { namespace: 'default', wait: true, timeoutSeconds: 600, values: { deployment: { enabled: true } } }),
    );
    expect(error.timedOut).toBe(true);
    expect(error.message).toMatch(/timed out and was killed/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('says which binary it could not run', async () => {
    const missing = new HelmCli({ binary: '/nonexistent/helm' });
    await expect(missing.version()).rejects.toThrow(/cannot run \/nonexistent\/helm/);
  });
});
