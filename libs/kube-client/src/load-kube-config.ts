import { KubeConfig } from '@kubernetes/client-node';

/** The kubeconfig file at `path`, or the Pod's ServiceAccount (in-cluster) without one. */
export function loadKubeConfig(path?: string): KubeConfig {
  const config = new KubeConfig();
  if (path) config.loadFromFile(path);
  else config.loadFromCluster();
  return config;
}
