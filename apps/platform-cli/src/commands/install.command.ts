import { HelmCli, HelmError } from '@storefront/helm';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { positiveInt } from '@storefront/config';
import { WORKSPACE_ROOT } from '../workspace-root';

const USAGE_EXIT_CODE = 64;

export interface InstallArgs {
  release?: string;
  namespace?: string;
  values?: string[];
  chart?: string;
  kubeconfig?: string;
  helm?: string;
  timeout?: string;
  wait?: boolean;
}

/**
 * `platform install`: installs the Helm chart, or upgrades the release when it exists, so the same
 * command brings a cluster to the chart and values given. helm itself runs the migration hook.
 */
export async function installCommand(args: InstallArgs): Promise<number> {
  const release = args.release ?? 'storefront-platform';
  const namespace = args.namespace ?? 'storefront-platform';
  const chart = resolve(args.chart ?? resolve(WORKSPACE_ROOT, 'charts', 'storefront-platform'));
  const timeout = positiveInt.safeParse(args.timeout ?? '900');
  const problems = [
    ...(/^[a-z0-9]([a-z0-9-]{0,51}[a-z0-9])?$/.test(release) ? [] : [`--release must be a lowercase name of at most 53 characters, got "${release}"`]),
    ...(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(namespace) ? [] : [`--namespace must be a Kubernetes namespace name, got "${namespace}"`]),
    ...(timeout.success ? [] : [`--timeout must be a whole number of seconds, got "${args.timeout}"`]),
    ...(existsSync(resolve(chart, 'Chart.yaml')) ? [] : [`--chart ${chart} is not a chart directory (no Chart.yaml)`]),
    ...(args.values ?? []).filter((file) => !existsSync(file)).map((file) => `--values ${file} does not exist`),
  ];
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    return USAGE_EXIT_CODE;
  }

  const helm = new HelmCli({ binary: args.helm, kubeconfig: args.kubeconfig, processTimeoutMs: (timeout.data! + 60) * 1000 });
  try {
    process.stderr.write(`installing ${chart} as release ${release} in namespace ${namespace} (helm ${await helm.version()})...\n`);
    const installed = await helm.upgrade(release, chart, {
      namespace,
      install: true,
      createNamespace: true,
      valuesFiles: (args.values ?? []).map((file) => resolve(file)),
      timeoutSeconds: timeout.data!,
      wait: args.wait === true,
    });
    process.stdout.write(`release ${installed.name} ${installed.info.status}: revision ${installed.version} in namespace ${installed.namespace}\n`);
    if (installed.info.notes) process.stdout.write(`\n${installed.info.notes.trim()}\n`);
    return 0;
  } catch (error) {
    // helm's own explanation (schema violations, RBAC refusals, a missing binary) is the message.
    process.stderr.write(`${error instanceof HelmError ? error.stderr.trim() || error.message : (error as Error).message}\n`);
    return 1;
  }
}
