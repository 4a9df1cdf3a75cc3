export * from './test-control-plane';
