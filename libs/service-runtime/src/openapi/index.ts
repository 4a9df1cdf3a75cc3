export * from './at-least-one-field';
export * from './openapi-drift';
export * from './undocumented-refinements';
export * from './validating-schemas';
export * from './serve-openapi-document';
