import { DEPLOYMENTS, resourcePath, type KubeApiClient } from '../src';

interface Deployment {
  metadata: { name: string; namespace: string; generation: number };
  spec: { replicas?: number };
  status?: { observedGeneration?: number; availableReplicas?: number; replicas?: number };
}

/**
 * There is no kube-controller-manager in the test control plane, so Deployments never become
 * available. This does what envtest users do: it writes the status a healthy rollout would
 * reach (through the real /status subresource) for every Deployment whose status is behind.
 */
export function startDeploymentControllerStandIn(admin: KubeApiClient, namespace: string, intervalMs = 100): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const { items } = await admin.list<Deployment>(resourcePath(DEPLOYMENTS, namespace));
        for (const d of items) {
          const replicas = d.spec.replicas ?? 1;
          if (d.status?.observedGeneration === d.metadata.generation && (d.status.availableReplicas ?? 0) === replicas && (d.status.replicas ?? 0) === replicas) continue;
          await markDeploymentAvailable(admin, d);
        }
      } catch {
        // A Deployment deleted between list and patch; the next round sees the current list.
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

export function markDeploymentAvailable(admin: KubeApiClient, d: Deployment): Promise<unknown> {
  const replicas = d.spec.replicas ?? 1;
  return admin.mergePatch(resourcePath(DEPLOYMENTS, d.metadata.namespace, d.metadata.name, 'status'), {
    status: {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'test stand-in', lastUpdateTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }],
    },
  });
}
