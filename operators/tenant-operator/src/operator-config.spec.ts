import { ConfigError, loadConfig } from '@storefront/config';
import { operatorConfigSchema } from './operator-config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(operatorConfigSchema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
}

describe('operator configuration', () => {
  const minimal = {
    DATABASE_URL: 'postgres://operator@db:5432/platform',
    REDIS_URL: 'redis://redis:6379',
    PLATFORM_OPERATOR_STOREFRONT_IMAGE: 'registry.example/storefront:1',
    PLATFORM_SERVICE_TOKEN_SECRET: 's'.repeat(32),
    PLATFORM_SHARD_URL_TEMPLATE: 'http://{service}-{shard}.{service}.storefront-platform:8080',
  };

  it('runs in-cluster with defaults from only a database, Redis, an image and what storefront Pods need', () => {
    const config = loadConfig(operatorConfigSchema, minimal);
    expect(config.KUBECONFIG).toBeUndefined();
    expect(config.PLATFORM_OPERATOR_NAMESPACE).toBeUndefined();
    expect(config).toMatchObject({
      PORT: 8080,
      PLATFORM_OPERATOR_WORKERS: 4,
      PLATFORM_OPERATOR_LEADER_ELECTION: true,
      PLATFORM_OPERATOR_LEASE_DURATION_SECONDS: 15,
      PLATFORM_OPERATOR_INGRESS_NAMESPACE: 'ingress-nginx',
      PLATFORM_TENANT_DATABASE_URLS: {},
    });
  });

  it('names every missing or malformed setting at once', () => {
    expect(problemsOf({ PLATFORM_OPERATOR_NAMESPACE: 'Shops', PLATFORM_OPERATOR_LEADER_ELECTION: 'maybe' })).toEqual([
      'DATABASE_URL: is required',
      'REDIS_URL: is required',
      'PLATFORM_SERVICE_TOKEN_SECRET: is required (the storefront Pods need it)',
      'PLATFORM_SHARD_URL_TEMPLATE: is required (the storefront Pods need it), e.g. http://{service}-{shard}.{service}.storefront-platform:8080',
      'PLATFORM_OPERATOR_NAMESPACE: must be a Kubernetes name (lowercase letters, digits, hyphens)',
      'PLATFORM_OPERATOR_STOREFRONT_IMAGE: is required',
      'PLATFORM_OPERATOR_LEADER_ELECTION: must be true or false',
    ]);
  });

  it('reads the storefront image allowlist and refuses an entry that is not an image reference', () => {
    expect(loadConfig(operatorConfigSchema, minimal).PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES).toEqual([]);
    expect(loadConfig(operatorConfigSchema, { ...minimal, PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES: 'ghcr.io/acme/storefront, registry.example/storefront:2' }).PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES).toEqual([
      'ghcr.io/acme/storefront',
      'registry.example/storefront:2',
    ]);
    expect(problemsOf({ ...minimal, PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES: 'ghcr.io/acme/storefront,ghcr.io/Acme/x' })).toEqual([
      'PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES: "ghcr.io/Acme/x" is not an image reference (repo, repo:tag or repo@sha256:...)',
    ]);
  });

  it('refuses a misspelt operator option', () => {
    expect(problemsOf({ ...minimal, PLATFORM_OPERATOR_WORKER: '8' })).toEqual(['PLATFORM_OPERATOR_WORKER: unknown option (did you mean PLATFORM_OPERATOR_WORKERS?)']);
  });
});
