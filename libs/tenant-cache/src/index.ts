export * from './tenant-cache';
