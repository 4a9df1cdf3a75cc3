/** Shapes of helm's `--output json` answers (helm v3), only the fields callers read. */

export type HelmReleaseStatus =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback';

/** `helm install|upgrade|status -o json`. */
export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  info: { status: HelmReleaseStatus; description?: string; notes?: string; first_deployed?: string; last_deployed?: string };
  chart: { metadata: { name: string; version: string; appVersion?: string } };
  /** The user-supplied values of this revision. */
  config?: Record<string, unknown>;
  /** The rendered manifests, as one YAML stream. */
  manifest?: string;
  hooks?: { name: string; kind: string; events: string[]; last_run?: { phase?: string } }[];
}

/** One row of `helm list -o json`; helm prints the revision as a string. */
export interface HelmListEntry {
  name: string;
  namespace: string;
  revision: string;
  updated: string;
  status: HelmReleaseStatus;
  chart: string;
  app_version: string;
}

/** One row of `helm history -o json`. */
export interface HelmHistoryEntry {
  revision: number;
  updated: string;
  status: HelmReleaseStatus;
  chart: string;
  app_version: string;
  description: string;
}

export interface HelmLintResult {
  /** False when helm reported errors (exit code 1); warnings alone pass. */
  passed: boolean;
  stdout: string;
  stderr: string;
}
