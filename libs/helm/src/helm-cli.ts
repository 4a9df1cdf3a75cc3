import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelmError } from './helm-error';
import type { HelmHistoryEntry, HelmLintResult, HelmListEntry, HelmRelease } from './helm.types';

export interface HelmCliOptions {
  /** The helm binary; default `helm` from the PATH. */
  binary?: string;
  /** Added to the process environment (e.g. KUBECONFIG, HELM_CACHE_HOME for hermetic runs). */
  env?: Record<string, string>;
  /** Passed as --kubeconfig to every command that talks to a cluster. */
  kubeconfig?: string;
  /** Kills a helm process that runs longer (default 10 minutes). */
  processTimeoutMs?: number;
}

/**
 * Values reach helm only as files: an object is written to a private temp file as JSON (valid
 * YAML), never as --set strings, whose commas, dots and brackets would need their own escaping.
 */
export interface HelmValues {
  valuesFiles?: readonly string[];
  values?: Record<string, unknown>;
}

export interface HelmReleaseCommand extends HelmValues {
  namespace: string;
  /** helm's own --timeout for waits and hooks, in seconds (helm's default is 300). */
  timeoutSeconds?: number;
  /** Wait until workloads are ready (needs a cluster that runs Pods). */
  wait?: boolean;
  createNamespace?: boolean;
  /** Roll back (upgrade) or uninstall (install) when the command fails. */
  atomic?: boolean;
  skipCrds?: boolean;
  /** `server` renders against the cluster and validates there without changing anything. */
  dryRun?: 'client' | 'server';
}

export interface HelmTemplateCommand extends HelmValues {
  namespace: string;
  /** Include the chart's crds/ directory in the output. */
  includeCrds?: boolean;
  /** Render only these templates, e.g. `templates/operator/deployment.yaml`. */
  showOnly?: readonly string[];
  /** Answer for .Capabilities.KubeVersion when rendering offline. */
  kubeVersion?: string;
  /** Render as an upgrade (.Release.IsUpgrade), as `helm upgrade` would: pre-upgrade hooks and what depends on them. */
  isUpgrade?: boolean;
}

/** A typed wrapper of the helm v3 CLI: argument arrays (no shell), JSON output where helm offers it. */
export class HelmCli {
  private readonly binary: string;
  private readonly processTimeoutMs: number;

  constructor(private readonly options: HelmCliOptions = {}) {
    this.binary = options.binary ?? 'helm';
    this.processTimeoutMs = options.processTimeoutMs ?? 10 * 60_000;
  }

  /** e.g. `v3.19.5`. */
  async version(): Promise<string> {
    return (await this.run(['version', '--template', '{{ .Version }}'])).stdout.trim();
  }

  /** Lint failures are an answer, not an exception: the result says whether it passed and why. */
  async lint(chart: string, options: HelmValues & { strict?: boolean } = {}): Promise<HelmLintResult> {
    return this.withValues(options, async (valueArgs) => {
      const args = ['lint', chart, ...valueArgs, ...(options.strict ? ['--strict'] : [])];
      try {
        const { stdout, stderr } = await this.run(args);
        return { passed: true, stdout, stderr };
      } catch (error) {
        if (error instanceof HelmError && error.exitCode === 1) return { passed: false, stdout: error.stdout, stderr: error.stderr };
        throw error;
      }
    });
  }

  /** The rendered manifests as one YAML stream (helm template has no JSON output). */
  async template(release: string, chart: string, options: HelmTemplateCommand): Promise<string> {
    return this.withValues(options, async (valueArgs) => {
      const args = ['template', release, chart, '--namespace', options.namespace, ...valueArgs];
      if (options.includeCrds) args.push('--include-crds');
      if (options.kubeVersion) args.push('--kube-version', options.kubeVersion);
      if (options.isUpgrade) args.push('--is-upgrade');
      for (const file of options.showOnly ?? []) args.push('--show-only', file);
      return (await this.run(args)).stdout;
    });
  }

  install(release: string, chart: string, options: HelmReleaseCommand): Promise<HelmRelease> {
    return this.releaseCommand(['install', release, chart], options);
  }

  /** `install: true` installs when the release does not exist yet (`upgrade --install`). */
  upgrade(release: string, chart: string, options: HelmReleaseCommand & { install?: boolean; resetValues?: boolean }): Promise<HelmRelease> {
    const extra = [...(options.install ? ['--install'] : []), ...(options.resetValues ? ['--reset-values'] : [])];
    return this.releaseCommand(['upgrade', release, chart, ...extra], options);
  }

  /** helm uninstall prints no JSON; it resolves when the release is gone. */
  async uninstall(release: string, options: { namespace: string; wait?: boolean; timeoutSeconds?: number; keepHistory?: boolean }): Promise<void> {
    const args = ['uninstall', release, '--namespace', options.namespace, ...this.kubeArgs()];
    if (options.wait) args.push('--wait');
    if (options.keepHistory) args.push('--keep-history');
    if (options.timeoutSeconds) args.push('--timeout', `${options.timeoutSeconds}s`);
    await this.run(args);
  }

  async status(release: string, namespace: string): Promise<HelmRelease> {
    return this.json<HelmRelease>(['status', release, '--namespace', namespace, ...this.kubeArgs()]);
  }

  /** Every release in the namespace (all statuses), or in every namespace when none is given. */
  async list(namespace?: string): Promise<HelmListEntry[]> {
    const scope = namespace ? ['--namespace', namespace] : ['--all-namespaces'];
    return this.json<HelmListEntry[]>(['list', '--all', ...scope, ...this.kubeArgs()]);
  }

  async history(release: string, namespace: string): Promise<HelmHistoryEntry[]> {
    return this.json<HelmHistoryEntry[]>(['history', release, '--namespace', namespace, ...this.kubeArgs()]);
  }

  /** The values of the current revision: user-supplied, or all computed ones with `all`. */
  async getValues(release: string, namespace: string, options: { all?: boolean } = {}): Promise<Record<string, unknown>> {
    const args = ['get', 'values', release, '--namespace', namespace, ...(options.all ? ['--all'] : []), ...this.kubeArgs()];
    // helm prints `null` when the release was installed without values.
    return (await this.json<Record<string, unknown> | null>(args)) ?? {};
  }

  private releaseCommand(head: string[], options: HelmReleaseCommand): Promise<HelmRelease> {
    return this.withValues(options, (valueArgs) => {
      const args = [...head, '--namespace', options.namespace, ...valueArgs, ...this.kubeArgs()];
      if (options.wait) args.push('--wait');
      if (options.createNamespace) args.push('--create-namespace');
      if (options.atomic) args.push('--atomic');
      if (options.skipCrds) args.push('--skip-crds');
      if (options.dryRun) args.push(`--dry-run=${options.dryRun}`);
      if (options.timeoutSeconds) args.push('--timeout', `${options.timeoutSeconds}s`);
      return this.json<HelmRelease>(args);
    });
  }

  private async json<T>(args: string[]): Promise<T> {
    const { stdout } = await this.run([...args, '--output', 'json']);
    try {
      return JSON.parse(stdout) as T;
    } catch {
      throw new Error(`helm ${args[0]} printed output that is not JSON: ${stdout.slice(0, 200)}`);
    }
  }

  private kubeArgs(): string[] {
    return this.options.kubeconfig ? ['--kubeconfig', this.options.kubeconfig] : [];
  }

  private async withValues<T>(options: HelmValues, use: (args: string[]) => Promise<T>): Promise<T> {
    const args = (options.valuesFiles ?? []).flatMap((file) => ['--values', file]);
    if (!options.values) return use(args);
    // 0700 directory: values often carry passwords.
    const dir = await mkdtemp(join(tmpdir(), 'helm-values-'));
    try {
      const file = join(dir, 'values.json');
      await writeFile(file, JSON.stringify(options.values), { mode: 0o600 });
      return await use([...args, '--values', file]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private run(args: string[]): Promise<{ stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      execFile(
        this.binary,
        args,
        {
          env: { ...process.env, ...this.options.env },
          timeout: this.processTimeoutMs,
          killSignal: 'SIGKILL',
          // Rendered charts and release JSON (which embeds the manifest) exceed the 1 MiB default.
          maxBuffer: 256 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          if (!error) return resolve({ stdout, stderr });
          const code = typeof error.code === 'number' ? error.code : null;
          if (code === null && typeof error.code === 'string') return reject(new Error(`cannot run ${this.binary}: ${error.message}`));
          reject(new HelmError(args, code, error.signal ?? null, stdout, stderr, error.killed === true && code === null));
        },
      );
    });
  }
}
