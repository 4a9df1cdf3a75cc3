export * from './password-hasher';
export * from './secret-envelope';
