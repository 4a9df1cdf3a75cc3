export * from './store.types';
export * from './store.crd';
export * from './store-conditions';
export * from './store-resource';
