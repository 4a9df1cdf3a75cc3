import { HelmCli } from '@storefront/helm';
import type { TestControlPlane } from '@storefront/k8s-testenv';
import { join } from 'node:path';

export const CHART_DIR = join(__dirname, '..');
export const PRODUCTION_VALUES = join(CHART_DIR, 'ci', 'production-values.yaml');
/** An SMTP server named, which the chart requires unless email is off (values email.*). */
export const EMAIL_VALUES = join(CHART_DIR, 'test', 'email-values.yaml');
export const OPERATOR_DEPLOY_DIR = join(CHART_DIR, '..', '..', 'operators', 'tenant-operator', 'deploy');

/** The real helm binary of the test control plane, with its hermetic cache/config dirs and admin kubeconfig. */
export function helmFor(plane: TestControlPlane): HelmCli {
  return new HelmCli({ binary: join(plane.binDir, 'helm'), env: plane.helmEnv, processTimeoutMs: 120_000 });
}
