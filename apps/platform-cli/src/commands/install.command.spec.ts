import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../test/run-cli';

describe('platform install (real helm binary, real kube-apiserver)', () => {
  let plane: TestControlPlane;
  let dir: string;
  let valuesFile: string;
  let badValuesFile: string;

  beforeAll(async () => {
    plane = await startTestControlPlane();
    dir = await mkdtemp(join(tmpdir(), 'platform-install-'));
    // No job controller runs here, so the migration hook Job would never finish.
    valuesFile = join(dir, 'values.yaml');
    await writeFile(valuesFile, 'migrations:\n  enabled: false\ncheckout:\n  shards: 3\nemail:\n  smtpUrl: smtp://mail.internal:587\n');
    badValuesFile = join(dir, 'bad-values.yaml');
    await writeFile(badValuesFile, 'checkout:\n  shards: 0\nemail:\n  enabled: false\n');
  }, 30 * 60_000);

  afterAll(async () => {
    await plane?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const install = (...args: string[]) =>
    runCli(['install', '--helm', join(plane.binDir, 'helm'), '--kubeconfig', plane.kubeconfigPath, ...args], {
      HELM_CACHE_HOME: plane.helmEnv.HELM_CACHE_HOME,
      HELM_CONFIG_HOME: plane.helmEnv.HELM_CONFIG_HOME,
      HELM_DATA_HOME: plane.helmEnv.HELM_DATA_HOME,
    });

  it('installs the chart into a new namespace, then upgrades the same release when run again', async () => {
    const first = await install('--namespace', 'shop-platform', '--release', 'shop', '--values', valuesFile);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('(helm v3.19.5)') });
    expect(first.stdout).toContain('release shop deployed: revision 1 in namespace shop-platform');
    expect(first.stdout).toContain('Shards: checkout 3, search 2, notifications 2');

    const second = await install('--namespace', 'shop-platform', '--release', 'shop', '--values', valuesFile);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('release shop deployed: revision 2 in namespace shop-platform');
  }, 120_000);

  it("fails with helm's explanation when the values break the chart's schema", async () => {
    const run = await install('--namespace', 'bad-platform', '--values', badValuesFile);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("at '/checkout/shards': minimum: got 0, want 1");
  }, 60_000);

  it('refuses bad arguments before calling helm', async () => {
    const run = await install('--release', 'Shop', '--values', join(dir, 'missing.yaml'), '--timeout', 'soon');
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('--release must be a lowercase name');
    expect(run.stderr).toContain(`--values ${join(dir, 'missing.yaml')} does not exist`);
    expect(run.stderr).toContain('--timeout must be a whole number of seconds, got "soon"');
  });

  it('says so when the helm binary cannot be run', async () => {
    const run = await runCli(['install', '--helm', join(dir, 'no-helm')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot run ${join(dir, 'no-helm')}`);
  });
});
