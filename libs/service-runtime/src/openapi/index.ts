export * from './at-least-one-field';
export * from './openapi-drift';
export * from './undocumented-refinements';
export * from './validating-schemas';
