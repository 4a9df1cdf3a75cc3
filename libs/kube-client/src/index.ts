export * from './kube-api-client';
export * from './kube-api-error';
export * from './kube-resources';
export * from './load-kube-config';
export * from './object-key';
export * from './resource-informer';
