/** Test helpers for code that talks to the test control plane (libs/k8s-testenv). */
export * from './deployment-controller-stand-in';
export * from './kube-test-helpers';
