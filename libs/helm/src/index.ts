export * from './helm-cli';
export * from './helm-error';
export * from './helm.types';
export * from './rendered-manifests';
