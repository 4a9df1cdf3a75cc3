import type { KubeObject } from '@storefront/helm';
import type { KubeTestClient } from './kube-test-client';

export interface JobObject extends KubeObject {
  spec: { template: { spec: { containers: { args?: string[]; env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] }[] } } };
  status?: { conditions?: { type: string; status: string }[] };
}

/**
 * The test control plane has no job controller, so a hook Job would never finish and helm would
 * wait for it until its timeout. This stands in for a Job that succeeds: it writes the status a
 * finished Job reaches, through the real /status subresource, after letting the test look at
 * the cluster as the Job saw it (`onJob`).
 */
export function startJobControllerStandIn(
  kube: KubeTestClient,
  namespace: string,
  onJob: (job: JobObject) => Promise<void> = async () => undefined,
  intervalMs = 100,
): { stop(): Promise<void> } {
  let stopped = false;
  const completed = new Set<string>();
  const loop = (async () => {
    while (!stopped) {
      const jobs = await kube.list<JobObject>(`/apis/batch/v1/namespaces/${namespace}/jobs`).catch(() => []);
      for (const job of jobs) {
        const uid = (job.metadata as { uid?: string }).uid ?? job.metadata.name;
        if (completed.has(uid) || job.status?.conditions?.some((c) => c.type === 'Complete')) continue;
        await onJob(job);
        const now = new Date().toISOString();
        const condition = (type: string) => ({ type, status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now });
        // Kubernetes 1.31+ requires SuccessCriteriaMet before Complete.
        await kube.mergePatch(`/apis/batch/v1/namespaces/${namespace}/jobs/${job.metadata.name}/status`, {
          status: { startTime: now, completionTime: now, succeeded: 1, conditions: [condition('SuccessCriteriaMet'), condition('Complete')] },
        });
        completed.add(uid);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
