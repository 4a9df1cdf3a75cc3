export * from './buildah';
export * from './base-image';
export * from './service-images';
