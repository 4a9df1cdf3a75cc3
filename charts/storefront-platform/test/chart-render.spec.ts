import { SecretKeyring } from '@storefront/credentials';
import { PGBOUNCER_TRANSACTION_POOLING_SETTINGS } from '@storefront/dev-services';
import { HelmError, parseManifests, type HelmCli, type KubeObject } from '@storefront/helm';
import { startTestControlPlane, type TestControlPlane } from '@storefront/k8s-testenv';
import { loadAll } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR, EMAIL_VALUES, helmFor, OPERATOR_DEPLOY_DIR, PRODUCTION_VALUES } from './chart-test-env';
import { KubeTestClient } from './kube-test-client';

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: Record<string, { name?: string; key?: string; fieldPath?: string }> }[];
  securityContext?: Record<string, unknown>;
}
interface PodSpec {
  securityContext?: Record<string, unknown>;
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; emptyDir?: object; persistentVolumeClaim?: { claimName: string } }[];
  serviceAccountName?: string;
  containers: Container[];
}
interface Workload extends KubeObject {
  spec: { replicas?: number; serviceName?: string; template: { spec: PodSpec } };
}
interface Rbac extends KubeObject {
  rules: unknown[];
}
interface NetworkPolicy extends KubeObject {
  spec: { policyTypes: string[]; egress?: unknown[] };
}

const RELEASE = 'shop';
const KEYRING = SecretKeyring.generateSpec('k7');
const DNS = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};
const dataStores = (...cidrs: string[]) => ({
  to: [{ podSelector: {} }, ...cidrs.map((cidr) => ({ ipBlock: { cidr } }))],
  ports: [{ protocol: 'TCP', port: 5432 }, { protocol: 'TCP', port: 6379 }],
});
const SHARDS = {
  to: [
    {
      podSelector: {
        matchExpressions: [
          { key: 'app.kubernetes.io/name', operator: 'In', values: ['checkout', 'search', 'notifications'] },
          { key: 'app.kubernetes.io/instance', operator: 'In', values: [RELEASE] },
        ],
      },
    },
  ],
  ports: [{ protocol: 'TCP', port: 8080 }],
};
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8'];
const PRIVATE_V6 = ['fc00::/7', 'fe80::/10', '::1/128'];
const internet = (extraV4: string[] = [], extraV6: string[] = []) => [
  { ipBlock: { cidr: '0.0.0.0/0', except: [...PRIVATE_V4, ...extraV4] } },
  { ipBlock: { cidr: '::/0', except: [...PRIVATE_V6, ...extraV6] } },
];

const byKind = <T extends KubeObject>(objects: KubeObject[], kind: string): T[] => objects.filter((o) => o.kind === kind) as T[];
const named = <T extends KubeObject>(objects: KubeObject[], kind: string, name: string): T => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as T;
};
const envOf = (workload: Workload, name: string) => workload.spec.template.spec.containers[0]!.env?.find((e) => e.name === name);
const secretData = (objects: KubeObject[]) => named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', 'shop-storefront-platform-secrets').data;
const decoded = (objects: KubeObject[], key: string) => Buffer.from(secretData(objects)[key]!, 'base64').toString();
const ref = (name: string, key: string) => ({ secretKeyRef: { name, key } });

describe('storefront-platform chart: lint, schema and rendering (real helm, real kube-apiserver)', () => {
  let plane: TestControlPlane;
  let helm: HelmCli;
  let kube: KubeTestClient;
  const render = async (namespace: string, options: { values?: Record<string, unknown>; valuesFiles?: string[]; includeCrds?: boolean; isUpgrade?: boolean } = {}) =>
    parseManifests(await helm.template(RELEASE, CHART_DIR, { namespace, ...options, valuesFiles: [EMAIL_VALUES, ...(options.valuesFiles ?? [])] }));

  beforeAll(async () => {
    plane = await startTestControlPlane();
    helm = helmFor(plane);
    kube = new KubeTestClient(plane);
    // A dry run creates no namespace: the Store namespaces the chart makes (default and production) exist first.
    for (const namespace of ['platform', 'platform-stores', 'stores']) await kube.createNamespace(namespace);
  }, 30 * 60_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('passes helm lint with the default values plus an SMTP server (the one decision defaults leave to the installer) and with production-like values', async () => {
    const defaults = await helm.lint(CHART_DIR, { strict: true, valuesFiles: [EMAIL_VALUES] });
    expect({ passed: defaults.passed, output: defaults.stdout + defaults.stderr }).toEqual({ passed: true, output: expect.stringContaining('0 chart(s) failed') });
    const production = await helm.lint(CHART_DIR, { strict: true, valuesFiles: [PRODUCTION_VALUES] });
    expect({ passed: production.passed, output: production.stdout + production.stderr }).toEqual({ passed: true, output: expect.stringContaining('0 chart(s) failed') });
  });

  it.each([
    ['default values', []],
    ['production-like values', [PRODUCTION_VALUES]],
  ])('renders only objects the API server accepts with a server-side dry-run apply (%s)', async (_what, valuesFiles) => {
    const objects = await render('platform', { valuesFiles, includeCrds: true });
    const refused: string[] = [];
    for (const object of objects) {
      await kube.apply(object, 'platform', { dryRun: true }).catch((error: Error) => refused.push(`${object.kind}/${object.metadata.name}: ${error.message}`));
    }
    expect(refused).toEqual([]);
    expect(new Set(objects.map((o) => o.kind))).toEqual(
      new Set([
        // Nothing cluster-scoped but the CRD and the Store namespace: every grant is a Role.
        'CustomResourceDefinition', 'Namespace', 'ServiceAccount', 'Secret', 'ConfigMap', 'Role', 'RoleBinding',
        'Service', 'Deployment', 'StatefulSet', 'Job', 'PodDisruptionBudget', 'NetworkPolicy',
        ...(valuesFiles.length ? ['Ingress', 'HorizontalPodAutoscaler'] : []),
      ]),
    );
  });

  it.each([
    ['a shard count of 0', { checkout: { shards: 0 } }, "at '/checkout/shards': minimum: got 0, want 1"],
    ['an empty database URL', { database: { url: '' } }, "at '/database/url': minLength: got 0, want 1"],
    ['a database URL left out', { database: { url: null } }, "at '/database': missing property 'url'"],
    ['a database URL that is not PostgreSQL', { database: { url: 'mysql://root@db/shop' } }, "at '/database/url': 'mysql://root@db/shop' does not match pattern"],
    ['a malformed image tag', { platformApi: { image: { tag: '1.0:latest' } } }, "at '/platformApi/image/tag': '1.0:latest' does not match pattern"],
    ['a malformed image digest', { checkout: { image: { digest: 'sha256:abc' } } }, "at '/checkout/image/digest'"],
    ['a keyring key that is not 32 bytes of base64', { payments: { secretsKeyring: 'k1:c2hvcnQ=' } }, "at '/payments/secretsKeyring': 'k1:c2hvcnQ=' does not match pattern"],
    ['no email decision (no SMTP server named, email not turned off)', { email: { smtpUrl: '' } }, "at '/email/smtpUrl': minLength: got 0, want 1"],
    ['an SMTP URL that is not one', { email: { smtpUrl: 'mail.internal:25' } }, "at '/email/smtpUrl': 'mail.internal:25' does not match pattern"],
    ['Twilio without its account and sender', { sms: { provider: 'twilio', twilio: { authToken: 'token' } } }, "at '/sms/twilio/accountSid': minLength: got 0, want 1"],
    ['Twilio without its auth token', { sms: { provider: 'twilio', twilio: { accountSid: `AC${'0'.repeat(32)}`, from: '+15550100000' } } }, "at '/sms/twilio/authToken': minLength: got 0, want 1"],
    ['an unknown value (a typo)', { chekout: { shards: 3 } }, "additional properties 'chekout' not allowed"],
    ['PgBouncer without a userlist Secret', { pgbouncer: { enabled: true } }, "at '/pgbouncer/userlistSecret/name': minLength: got 0, want 1"],
    [
      'PgBouncer with the service login from an existing Secret but no pooled URL',
      {
        pgbouncer: { enabled: true, userlistSecret: { name: 'pgbouncer-users', key: 'userlist.txt' } },
        database: { url: '', existingSecret: { name: 'pg', key: 'uri' }, serviceLogin: { existingSecret: { name: 'pg', key: 'service-uri' } } },
      },
      "at '/pgbouncer/databaseUrlSecret/name': minLength: got 0, want 1",
    ],
    [
      "a database URL from an existing Secret but no Secret for the service login's URL",
      { database: { url: '', existingSecret: { name: 'pg', key: 'uri' } } },
      "at '/database/serviceLogin/existingSecret/name': minLength: got 0, want 1",
    ],
    ['a service login name that is not a PostgreSQL identifier', { database: { serviceLogin: { user: 'svc"; DROP ROLE x' } } }, "at '/database/serviceLogin/user'"],
    ['a service login password of characters a URL would need escaped', { database: { serviceLogin: { password: 'p@ss:word/with#chars' } } }, "at '/database/serviceLogin/password'"],
    ['a Redis user without a key', { redis: { users: { checkout: { name: 'redis-checkout', key: '' } } } }, "at '/redis/users/checkout/key'"],
    ['an object storage bucket name S3 refuses', { objectStorage: { bucket: 'Tenant_Exports' } }, "at '/objectStorage/bucket': 'Tenant_Exports' does not match pattern"],
    ['an object storage endpoint that is not a URL', { objectStorage: { bucket: 'exports', endpoint: 'seaweedfs:8333' } }, "at '/objectStorage/endpoint'"],
  ])('rejects %s with a message naming the value', async (_what, values, message) => {
    const error = await helm.template(RELEASE, CHART_DIR, { namespace: 'platform', valuesFiles: [EMAIL_VALUES], values }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(HelmError);
    expect((error as HelmError).stderr).toContain("values don't meet the specifications of the schema(s)");
    expect((error as HelmError).stderr).toContain(message);
  });

  it("accepts a missing database URL when existing Secrets provide it and the component logins' URLs", async () => {
    const objects = await render('platform', {
      values: {
        database: {
          url: '',
          existingSecret: { name: 'pg', key: 'uri' },
          serviceLogin: { existingSecret: { name: 'pg-service', key: 'uri' } },
          platformApiLogin: { existingSecret: { name: 'pg-platform-api', key: 'uri' } },
        },
      },
    });
    const api = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-platform-api');
    expect(envOf(api, 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pg-platform-api', key: 'uri' } } });
    const operator = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-tenant-operator');
    expect(envOf(operator, 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pg', key: 'uri' } } });
    const checkout = named<Workload>(objects, 'StatefulSet', 'shop-storefront-platform-checkout');
    expect(envOf(checkout, 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pg-service', key: 'uri' } } });
    const data = named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', 'shop-storefront-platform-secrets').data;
    expect(Object.keys(data).filter((key) => key.includes('DATABASE'))).toEqual([]);
  });

  describe('database logins and Redis users per component', () => {
    const SHARDS_OF_THE_CHART = ['checkout', 'search', 'notifications'] as const;
    const OWNERS: Array<[kind: string, name: string]> = [
      ['Deployment', 'shop-storefront-platform-tenant-operator'],
      ['Job', 'shop-storefront-platform-migrate-all-tenants'],
    ];
    /** Every shard's DATABASE_URL and PLATFORM_TENANT_DATABASE_URLS come from these keys of that Secret. */
    const expectShardsToReadTheirDatabase = (objects: KubeObject[], secret: string, key: string, clustersKey: string) => {
      for (const service of SHARDS_OF_THE_CHART) {
        const shard = named<Workload>(objects, 'StatefulSet', `shop-storefront-platform-${service}`);
        expect({ service, database: envOf(shard, 'DATABASE_URL')?.valueFrom, clusters: envOf(shard, 'PLATFORM_TENANT_DATABASE_URLS')?.valueFrom }).toEqual({
          service,
          database: ref(secret, key),
          clusters: ref(secret, clustersKey),
        });
      }
    };

    it("gives the shards the service login's URL, the platform API its own login's, and keeps the owner's for the operator and the migrations Job, which ensures both logins", async () => {
      const objects = await render('platform', {
        values: {
          database: {
            url: 'postgres://owner:owner-pw@db.internal:5432/shop?sslmode=require',
            tenantDatabaseUrls: 'eu2=postgres://owner:eu2-pw@pg-eu2:5432/shop?sslmode=require',
            serviceLogin: { password: 'service-login-password-1' },
            platformApiLogin: { password: 'platform-api-password-1' },
          },
        },
      });
      expectShardsToReadTheirDatabase(objects, 'shop-storefront-platform-secrets', 'SERVICE_DATABASE_URL', 'SERVICE_TENANT_DATABASE_URLS');
      const api = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-platform-api');
      expect({ database: envOf(api, 'DATABASE_URL')?.valueFrom, clusters: envOf(api, 'PLATFORM_TENANT_DATABASE_URLS')?.valueFrom }).toEqual({
        database: ref('shop-storefront-platform-secrets', 'PLATFORM_API_DATABASE_URL'),
        clusters: ref('shop-storefront-platform-secrets', 'PLATFORM_API_TENANT_DATABASE_URLS'),
      });
      for (const [kind, name] of OWNERS) {
        const owner = named<Workload>(objects, kind, name);
        expect({ name, database: envOf(owner, 'DATABASE_URL')?.valueFrom, clusters: envOf(owner, 'PLATFORM_TENANT_DATABASE_URLS')?.valueFrom }).toEqual({
          name,
          database: ref('shop-storefront-platform-secrets', 'DATABASE_URL'),
          clusters: ref('shop-storefront-platform-secrets', 'PLATFORM_TENANT_DATABASE_URLS'),
        });
      }
      const job = named<Workload>(objects, 'Job', 'shop-storefront-platform-migrate-all-tenants');
      expect(envOf(job, 'PLATFORM_SERVICE_DATABASE_URL')?.valueFrom).toEqual(ref('shop-storefront-platform-secrets', 'SERVICE_DATABASE_URL'));
      expect(envOf(job, 'PLATFORM_API_DATABASE_URL')?.valueFrom).toEqual(ref('shop-storefront-platform-secrets', 'PLATFORM_API_DATABASE_URL'));
      // Only the Job ensures the logins; the migrations need no Redis at all.
      expect(envOf(job, 'REDIS_URL')).toBeUndefined();
      for (const workload of [api, named<Workload>(objects, 'Deployment', 'shop-storefront-platform-tenant-operator')]) {
        expect([envOf(workload, 'PLATFORM_SERVICE_DATABASE_URL'), envOf(workload, 'PLATFORM_API_DATABASE_URL')]).toEqual([undefined, undefined]);
      }

      // The owner's URLs with the service login's user and password, query kept.
      expect(decoded(objects, 'SERVICE_DATABASE_URL')).toBe('postgres://platform_service_login:service-login-password-1@db.internal:5432/shop?sslmode=require');
      expect(decoded(objects, 'SERVICE_TENANT_DATABASE_URLS')).toBe('eu2=postgres://platform_service_login:service-login-password-1@pg-eu2:5432/shop?sslmode=require');
      expect(decoded(objects, 'PLATFORM_API_DATABASE_URL')).toBe('postgres://platform_api_login:platform-api-password-1@db.internal:5432/shop?sslmode=require');
      expect(decoded(objects, 'PLATFORM_API_TENANT_DATABASE_URLS')).toBe('eu2=postgres://platform_api_login:platform-api-password-1@pg-eu2:5432/shop?sslmode=require');
      expect(decoded(objects, 'DATABASE_URL')).toBe('postgres://owner:owner-pw@db.internal:5432/shop?sslmode=require');
    });

    it("generates the service login's and the platform API login's passwords when none is given, one each", async () => {
      const objects = await render('platform');
      const passwords: string[] = [];
      for (const [prefix, user] of [['SERVICE', 'platform_service_login'], ['PLATFORM_API', 'platform_api_login']] as const) {
        const url = new URL(decoded(objects, `${prefix}_DATABASE_URL`));
        expect({ user: url.username, host: url.host, path: url.pathname }).toEqual({ user, host: 'postgresql:5432', path: '/storefront' });
        expect(url.password).toMatch(/^[A-Za-z0-9]{48}$/);
        expect(decoded(objects, `${prefix}_DATABASE_PASSWORD`)).toBe(url.password);
        passwords.push(url.password);
      }
      expect(new Set(passwords).size).toBe(2);
    });

    it("takes every URL from Secrets you manage, each component's Redis user from its own", async () => {
      const objects = await render('platform', { valuesFiles: [PRODUCTION_VALUES] });
      const redisUserSecret: Record<string, string> = {
        'StatefulSet/shop-storefront-platform-checkout': 'storefront-redis-checkout',
        'StatefulSet/shop-storefront-platform-search': 'storefront-redis-search',
        'StatefulSet/shop-storefront-platform-notifications': 'storefront-redis-notifications',
        'Deployment/shop-storefront-platform-platform-api': 'storefront-redis-platform-api',
        'Deployment/shop-storefront-platform-tenant-operator': 'storefront-redis-admin',
      };
      for (const [workload, secret] of Object.entries(redisUserSecret)) {
        const [kind, name] = workload.split('/') as [string, string];
        expect({ workload, redis: envOf(named<Workload>(objects, kind, name), 'REDIS_URL')?.valueFrom }).toEqual({ workload, redis: ref(secret, 'url') });
      }
      expectShardsToReadTheirDatabase(objects, 'storefront-database-service', 'url', 'tenant-urls');
      for (const [kind, name] of OWNERS) {
        expect({ name, database: envOf(named<Workload>(objects, kind, name), 'DATABASE_URL')?.valueFrom }).toEqual({ name, database: ref('storefront-database', 'url') });
      }
      expect(envOf(named<Workload>(objects, 'Job', 'shop-storefront-platform-migrate-all-tenants'), 'PLATFORM_SERVICE_DATABASE_URL')?.valueFrom).toEqual(
        ref('storefront-database-service', 'url'),
      );
      expect(envOf(named<Workload>(objects, 'Job', 'shop-storefront-platform-migrate-all-tenants'), 'PLATFORM_API_DATABASE_URL')?.valueFrom).toEqual(
        ref('storefront-database-platform-api', 'url'),
      );
      const api = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-platform-api');
      expect([envOf(api, 'DATABASE_URL')?.valueFrom, envOf(api, 'PLATFORM_TENANT_DATABASE_URLS')?.valueFrom]).toEqual([
        ref('storefront-database-platform-api', 'url'),
        ref('storefront-database-platform-api', 'tenant-urls'),
      ]);
      expect(Object.keys(secretData(objects)).filter((key) => key.startsWith('SERVICE_') || key.startsWith('PLATFORM_API_'))).toEqual([]);
    });

    it('falls back to the shared Redis URL only for a component without a user of its own', async () => {
      const objects = await render('platform', { values: { redis: { users: { search: { name: 'redis-search', key: 'url' } } } } });
      expect(envOf(named<Workload>(objects, 'StatefulSet', 'shop-storefront-platform-search'), 'REDIS_URL')?.valueFrom).toEqual(ref('redis-search', 'url'));
      for (const [kind, name] of [['StatefulSet', 'shop-storefront-platform-checkout'], ['Deployment', 'shop-storefront-platform-platform-api']] as const) {
        expect({ name, redis: envOf(named<Workload>(objects, kind, name), 'REDIS_URL')?.valueFrom }).toEqual({ name, redis: ref('shop-storefront-platform-secrets', 'REDIS_URL') });
      }
      // Without redis.admin the chart makes no Redis user.
      expect(objects.filter((o) => o.metadata.name.endsWith('-ensure-redis-users'))).toEqual([]);
      expect(Object.keys(secretData(objects)).filter((key) => key.startsWith('REDIS_') && key !== 'REDIS_URL')).toEqual([]);
    });

    describe('with redis.admin, the Redis users the chart makes', () => {
      const CHART_SECRET = 'shop-storefront-platform-secrets';
      const MADE: Array<[kind: string, name: string, user: string, key: string]> = [
        ['Deployment', 'shop-storefront-platform-platform-api', 'platform-api', 'REDIS_URL_PLATFORM_API'],
        ['StatefulSet', 'shop-storefront-platform-checkout', 'checkout', 'REDIS_URL_CHECKOUT'],
        ['StatefulSet', 'shop-storefront-platform-notifications', 'notifications', 'REDIS_URL_NOTIFICATIONS'],
      ];
      const withAdmin = {
        redis: {
          url: 'rediss://redis.internal:6380/2',
          admin: { url: 'rediss://platform-admin:admin-pw@redis.internal:6380/2' },
          users: { search: { name: 'redis-search', key: 'url' } },
        },
      };
      const redisJob = (objects: KubeObject[]) => named<Workload>(objects, 'Job', 'shop-storefront-platform-ensure-redis-users');
      const jobEnv = (job: Workload) => Object.fromEntries((job.spec.template.spec.containers[0]!.env ?? []).map((e) => [e.name, e.valueFrom]));

      it("gives each component left empty its own user: a generated password kept in the Secret, its REDIS_URL the redis URL as that user", async () => {
        const objects = await render('platform', { values: withAdmin });
        const passwords = new Set<string>();
        for (const [kind, name, user, key] of MADE) {
          expect({ name, redis: envOf(named<Workload>(objects, kind, name), 'REDIS_URL')?.valueFrom }).toEqual({ name, redis: ref(CHART_SECRET, key) });
          const url = new URL(decoded(objects, key));
          expect({ user: url.username, host: url.host, protocol: url.protocol, path: url.pathname }).toEqual({ user, host: 'redis.internal:6380', protocol: 'rediss:', path: '/2' });
          // 64 hex digits, as RedisAclUsers takes them; stored on its own, so upgrades keep it.
          expect(url.password).toMatch(/^[0-9a-f]{64}$/);
          expect(decoded(objects, key.replace('REDIS_URL_', 'REDIS_PASSWORD_'))).toBe(url.password);
          passwords.add(url.password);
        }
        expect(passwords.size).toBe(MADE.length);
        // A component with a Secret of its own keeps it, and the chart makes nothing for it.
        expect(envOf(named<Workload>(objects, 'StatefulSet', 'shop-storefront-platform-search'), 'REDIS_URL')?.valueFrom).toEqual(ref('redis-search', 'url'));
        expect(secretData(objects)).not.toHaveProperty('REDIS_URL_SEARCH');
        // The operator creates the storefront users: it logs in as the admin.
        expect(envOf(named<Workload>(objects, 'Deployment', 'shop-storefront-platform-tenant-operator'), 'REDIS_URL')?.valueFrom).toEqual(ref(CHART_SECRET, 'REDIS_ADMIN_URL'));
        expect(decoded(objects, 'REDIS_ADMIN_URL')).toBe('rediss://platform-admin:admin-pw@redis.internal:6380/2');
      });

      it('sets exactly those users and passwords with a hook Job running ensure-redis-users as the admin', async () => {
        const objects = await render('platform', { values: withAdmin });
        const job = redisJob(objects);
        expect(job.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'post-install,pre-upgrade' });
        expect(job.spec.template.spec.containers[0]).toMatchObject({ image: 'ghcr.io/storefront-platform/platform-cli:0.1.0', args: ['ensure-redis-users'] });
        expect(jobEnv(job)).toEqual({
          PLATFORM_REDIS_ADMIN_URL: ref(CHART_SECRET, 'REDIS_ADMIN_URL'),
          ...Object.fromEntries(MADE.map(([, , , key]) => [`PLATFORM_${key}`, ref(CHART_SECRET, key)])),
        });
        expect(job.spec.template.spec.automountServiceAccountToken).toBe(false);
        const refused: string[] = [];
        await kube.apply(job, 'platform', { dryRun: true }).catch((error: Error) => refused.push(error.message));
        expect(refused).toEqual([]);
      });

      it('takes the admin URL from a Secret you manage', async () => {
        const objects = await render('platform', { values: { redis: { ...withAdmin.redis, admin: { url: '', existingSecret: { name: 'redis-admin', key: 'uri' } } } } });
        expect(envOf(named<Workload>(objects, 'Deployment', 'shop-storefront-platform-tenant-operator'), 'REDIS_URL')?.valueFrom).toEqual(ref('redis-admin', 'uri'));
        expect(jobEnv(redisJob(objects)).PLATFORM_REDIS_ADMIN_URL).toEqual(ref('redis-admin', 'uri'));
        expect(secretData(objects)).not.toHaveProperty('REDIS_ADMIN_URL');
      });

      it('refuses redis.admin without redis.url, which the URLs of the users it makes are built from', async () => {
        const values = { redis: { url: '', existingSecret: { name: 'redis', key: 'url' }, admin: withAdmin.redis.admin } };
        const error = await helm.template(RELEASE, CHART_DIR, { namespace: 'platform', valuesFiles: [EMAIL_VALUES], values }).then(() => undefined, (e: unknown) => e);
        expect((error as HelmError).stderr).toContain('redis.admin needs redis.url');
      });
    });

    describe('on an upgrade, the install/upgrade Jobs read this release\'s values (the main Secret changes only after them)', () => {
      const HOOK_SECRET = 'shop-storefront-platform-hook-secrets';
      const upgradeValues = {
        database: { url: 'postgres://owner:owner-pw@db.internal:5432/shop', tenantDatabaseUrls: 'eu2=postgres://owner:eu2-pw@pg-eu2:5432/shop', serviceLogin: { password: 'changed-service-login-password-2' } },
        redis: { url: 'redis://redis.internal:6379', admin: { url: 'redis://platform-admin:admin-pw@redis.internal:6379' } },
      };
      const hookData = (objects: KubeObject[]) => named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', HOOK_SECRET).data;

      it("gives the migrations Job the changed service-login password from a pre-upgrade hook Secret, made before the Jobs", async () => {
        const objects = await render('platform', { values: upgradeValues, isUpgrade: true });
        const hook = named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', HOOK_SECRET);
        expect(hook.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
        const migrations = named<Workload>(objects, 'Job', 'shop-storefront-platform-migrate-all-tenants');
        const redisUsers = named<Workload>(objects, 'Job', 'shop-storefront-platform-ensure-redis-users');
        for (const job of [migrations, redisUsers]) {
          expect(Number(hook.metadata.annotations!['helm.sh/hook-weight'])).toBeLessThan(Number(job.metadata.annotations!['helm.sh/hook-weight']));
        }
        expect(envOf(migrations, 'PLATFORM_SERVICE_DATABASE_URL')?.valueFrom).toEqual(ref(HOOK_SECRET, 'SERVICE_DATABASE_URL'));
        expect(envOf(migrations, 'DATABASE_URL')?.valueFrom).toEqual(ref(HOOK_SECRET, 'DATABASE_URL'));
        expect(envOf(migrations, 'PLATFORM_TENANT_DATABASE_URLS')?.valueFrom).toEqual(ref(HOOK_SECRET, 'PLATFORM_TENANT_DATABASE_URLS'));
        expect(Buffer.from(hookData(objects).SERVICE_DATABASE_URL!, 'base64').toString()).toBe(
          'postgres://platform_service_login:changed-service-login-password-2@db.internal:5432/shop',
        );
        // The workloads keep reading the main Secret, which the upgrade then updates.
        const checkout = named<Workload>(objects, 'StatefulSet', 'shop-storefront-platform-checkout');
        expect(envOf(checkout, 'DATABASE_URL')?.valueFrom).toEqual(ref('shop-storefront-platform-secrets', 'SERVICE_DATABASE_URL'));
      });

      it('gives the Redis users Job the same URLs, generated passwords included, as the main Secret gives the Pods', async () => {
        const objects = await render('platform', { values: upgradeValues, isUpgrade: true });
        const env = named<Workload>(objects, 'Job', 'shop-storefront-platform-ensure-redis-users').spec.template.spec.containers[0]!.env!;
        expect(env.map((e) => e.valueFrom?.secretKeyRef?.name)).toEqual(env.map(() => HOOK_SECRET));
        const hook = hookData(objects);
        for (const key of ['REDIS_ADMIN_URL', 'REDIS_URL_PLATFORM_API', 'REDIS_URL_CHECKOUT', 'REDIS_URL_SEARCH', 'REDIS_URL_NOTIFICATIONS', 'SERVICE_DATABASE_URL']) {
          expect({ key, hook: hook[key] }).toEqual({ key, hook: secretData(objects)[key] });
        }
        // Only what the Jobs read: no signing keys, keyring or stored passwords.
        expect(Object.keys(hook).sort()).toEqual([
          'DATABASE_URL', 'PLATFORM_API_DATABASE_URL', 'PLATFORM_TENANT_DATABASE_URLS', 'REDIS_ADMIN_URL', 'REDIS_URL_CHECKOUT', 'REDIS_URL_NOTIFICATIONS', 'REDIS_URL_PLATFORM_API', 'REDIS_URL_SEARCH', 'SERVICE_DATABASE_URL',
        ]);
      });

      it('renders no hook Secret on a first install, when the Jobs run post-install and read the main Secret', async () => {
        const objects = await render('platform', { values: upgradeValues });
        expect(objects.filter((o) => o.metadata.name === HOOK_SECRET)).toEqual([]);
        expect(envOf(named<Workload>(objects, 'Job', 'shop-storefront-platform-migrate-all-tenants'), 'PLATFORM_SERVICE_DATABASE_URL')?.valueFrom).toEqual(
          ref('shop-storefront-platform-secrets', 'SERVICE_DATABASE_URL'),
        );
      });
    });
  });

  describe('object storage for tenant exports', () => {
    const deployments = (objects: KubeObject[]) =>
      ['platform-api', 'tenant-operator'].map((name) => named<Workload>(objects, 'Deployment', `shop-storefront-platform-${name}`));
    const objectStorageEnv = (workload: Workload) =>
      Object.fromEntries(
        (workload.spec.template.spec.containers[0]!.env ?? [])
          .filter((e) => e.name.startsWith('PLATFORM_OBJECT_STORAGE_') || e.name === 'PLATFORM_OPERATOR_EXPORT_DIR')
          .map((e) => [e.name, e.value ?? e.valueFrom]),
      );
    const volumeNames = (workload: Workload) => (workload.spec.template.spec.volumes ?? []).map((v) => v.name);

    it('streams exports to the bucket from platform-api and the operator, keys from the chart Secret, and mounts no exports volume', async () => {
      const objects = await render('platform', {
        values: { objectStorage: { bucket: 'tenant-exports', endpoint: 'http://seaweedfs-s3.storage:8333', forcePathStyle: true, accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' } },
      });
      const secret = 'shop-storefront-platform-secrets';
      for (const workload of deployments(objects)) {
        expect({ name: workload.metadata.name, env: objectStorageEnv(workload) }).toEqual({
          name: workload.metadata.name,
          env: {
            PLATFORM_OBJECT_STORAGE_DRIVER: 's3',
            PLATFORM_OBJECT_STORAGE_BUCKET: 'tenant-exports',
            PLATFORM_OBJECT_STORAGE_REGION: 'us-east-1',
            PLATFORM_OBJECT_STORAGE_ENDPOINT: 'http://seaweedfs-s3.storage:8333',
            PLATFORM_OBJECT_STORAGE_FORCE_PATH_STYLE: 'true',
            PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID: { secretKeyRef: { name: secret, key: 'PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID' } },
            PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY: { secretKeyRef: { name: secret, key: 'PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY' } },
          },
        });
        expect(volumeNames(workload)).not.toContain('exports');
      }
      const data = named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', secret).data;
      expect(Buffer.from(data.PLATFORM_OBJECT_STORAGE_SECRET_ACCESS_KEY!, 'base64').toString()).toBe('not-a-real-secret');
      // Every other workload stays without the keys.
      const others = objects.filter((o): o is Workload => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind) && !/platform-api$|tenant-operator$/.test(o.metadata.name));
      expect(others.filter((w) => Object.keys(objectStorageEnv(w)).length > 0).map((w) => w.metadata.name)).toEqual([]);
    });

    it('takes the keys from objectStorage.existingSecret, and without a bucket keeps exports as files on the exports volume', async () => {
      const fromSecret = await render('platform', { values: { objectStorage: { bucket: 'tenant-exports', existingSecret: 'object-storage-keys' } } });
      const [api] = deployments(fromSecret);
      expect(envOf(api!, 'PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID')?.valueFrom).toEqual({ secretKeyRef: { name: 'object-storage-keys', key: 'PLATFORM_OBJECT_STORAGE_ACCESS_KEY_ID' } });
      expect(envOf(api!, 'PLATFORM_OBJECT_STORAGE_ENDPOINT')).toBeUndefined();

      const [defaultApi, defaultOperator] = deployments(await render('platform'));
      expect(objectStorageEnv(defaultApi!)).toEqual({ PLATFORM_OBJECT_STORAGE_DIRECTORY: '/data/exports' });
      expect(defaultApi!.spec.template.spec.volumes).toContainEqual({ name: 'exports', emptyDir: {} });
      expect(objectStorageEnv(defaultOperator!)).toEqual({});
      const [, claimOperator] = deployments(await render('platform', { values: { operator: { exports: { existingClaim: 'tenant-exports' } } } }));
      expect(objectStorageEnv(claimOperator!)).toEqual({ PLATFORM_OPERATOR_EXPORT_DIR: '/data/exports' });
    });

    it('refuses an access key without its secret', async () => {
      await expect(render('platform', { values: { objectStorage: { bucket: 'tenant-exports', accessKeyId: 'AKIDEXAMPLE' } } })).rejects.toThrow(
        /objectStorage.accessKeyId and objectStorage.secretAccessKey go together/,
      );
    });
  });

  it('runs each shard service as a StatefulSet of shard-count replicas, each Pod taking its ordinal as its shard, behind per-shard Services', async () => {
    const objects = await render('platform', { valuesFiles: [PRODUCTION_VALUES] });
    const services = byKind<KubeObject & { spec: { clusterIP: string; selector: Record<string, string> } }>(objects, 'Service');
    const config = named<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', 'shop-storefront-platform-config').data;
    for (const [service, shards] of [['checkout', 4], ['search', 3], ['notifications', 2]] as const) {
      const statefulSet = named<Workload>(objects, 'StatefulSet', `shop-storefront-platform-${service}`);
      expect(statefulSet.spec.replicas).toBe(shards);
      expect(envOf(statefulSet, 'PLATFORM_SHARD_ID')).toEqual({
        name: 'PLATFORM_SHARD_ID',
        valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } },
      });
      expect(config[`PLATFORM_${service.toUpperCase()}_SHARDS`]).toBe(String(shards));
      for (let shard = 0; shard < shards; shard++) {
        // The URL the shard router builds for this shard names a headless Service that selects exactly that Pod.
        const host = new URL(config.PLATFORM_SHARD_URL_TEMPLATE!.replaceAll('{service}', service).replaceAll('{shard}', String(shard))).hostname;
        expect(host).toBe(`shop-storefront-platform-${service}-${shard}.platform.svc`);
        const perShard = services.find((s) => s.metadata.name === host.split('.')[0]);
        expect(perShard?.spec).toMatchObject({ clusterIP: 'None', selector: { 'statefulset.kubernetes.io/pod-name': `${statefulSet.metadata.name}-${shard}` } });
      }
      expect(services.filter((s) => s.metadata.name.startsWith(`${statefulSet.metadata.name}-`))).toHaveLength(shards);
    }
  });

  it('runs every Pod as non-root with a read-only root filesystem, no privilege escalation and no capabilities', async () => {
    const objects = await render('platform');
    const workloads = objects.filter((o): o is Workload => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));
    expect(workloads.map((w) => w.metadata.name).sort()).toEqual([
      'shop-storefront-platform-checkout',
      'shop-storefront-platform-migrate-all-tenants',
      'shop-storefront-platform-notifications',
      'shop-storefront-platform-platform-api',
      'shop-storefront-platform-search',
      'shop-storefront-platform-tenant-operator',
    ]);
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      expect({ name: workload.metadata.name, pod: pod.securityContext }).toMatchObject({ pod: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } });
      for (const container of pod.containers) {
        expect({ name: workload.metadata.name, container: container.securityContext }).toMatchObject({
          container: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } },
        });
      }
      // Only the operator and the platform API (which creates Stores) talk to the Kubernetes API.
      expect({ name: workload.metadata.name, token: pod.automountServiceAccountToken !== false }).toEqual({
        name: workload.metadata.name,
        token: workload.metadata.name.endsWith('tenant-operator') || workload.metadata.name.endsWith('platform-api'),
      });
    }
  });

  it("ships the operator's CRD unchanged and exactly the operator's RBAC rules, as Roles only", async () => {
    expect(readFileSync(join(CHART_DIR, 'crds', 'store.crd.yaml'), 'utf8')).toBe(readFileSync(join(OPERATOR_DEPLOY_DIR, 'store.crd.yaml'), 'utf8'));
    const source = loadAll(readFileSync(join(OPERATOR_DEPLOY_DIR, 'operator-rbac.yaml'), 'utf8')) as Rbac[];
    const sourceRules = (name: string) => source.find((o) => o.kind === 'Role' && o.metadata.name === name)!.rules;
    expect(source.filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);

    // Nothing cluster-wide, with or without operator.watchNamespace: a Role in the Store namespace and one for the Lease.
    for (const [values, storeNamespace] of [[{}, 'platform-stores'], [{ operator: { watchNamespace: 'stores' } }, 'stores']] as const) {
      const objects = await render('platform', { values });
      expect(byKind(objects, 'ClusterRole').concat(byKind(objects, 'ClusterRoleBinding'))).toEqual([]);
      const role = named<Rbac>(objects, 'Role', 'shop-storefront-platform-tenant-operator');
      expect({ namespace: role.metadata.namespace, rules: role.rules }).toEqual({ namespace: storeNamespace, rules: sourceRules('storefront-tenant-operator') });
      expect(named<KubeObject>(objects, 'RoleBinding', 'shop-storefront-platform-tenant-operator').metadata.namespace).toBe(storeNamespace);
      const lease = named<Rbac>(objects, 'Role', 'shop-storefront-platform-tenant-operator-leader-election');
      expect({ namespace: lease.metadata.namespace ?? 'platform', rules: lease.rules }).toEqual({ namespace: 'platform', rules: sourceRules('storefront-tenant-operator-leader-election') });
      const operator = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-tenant-operator');
      expect(envOf(operator, 'PLATFORM_OPERATOR_NAMESPACE')).toEqual({ name: 'PLATFORM_OPERATOR_NAMESPACE', value: storeNamespace });
    }
  });

  it("keeps Stores out of the release namespace, whose Secrets the operator's Role there would read: a kept namespace of their own, the release's only when allowed", async () => {
    const namespaces = (objects: KubeObject[]) => byKind(objects, 'Namespace').map((n) => ({ name: n.metadata.name, annotations: n.metadata.annotations }));
    expect(namespaces(await render('platform'))).toEqual([{ name: 'platform-stores', annotations: { 'helm.sh/resource-policy': 'keep' } }]);
    expect(namespaces(await render('platform', { values: { operator: { watchNamespace: 'stores', createStoreNamespace: false } } }))).toEqual([]);
    await expect(render('platform', { values: { operator: { watchNamespace: 'platform' } } })).rejects.toThrow(/operator.watchNamespace is the release namespace/);
    const allowed = await render('platform', { values: { operator: { watchNamespace: 'platform', allowStoresInReleaseNamespace: true } } });
    expect(namespaces(allowed)).toEqual([]);
    expect(named<KubeObject>(allowed, 'Role', 'shop-storefront-platform-tenant-operator').metadata.namespace).toBe('platform');
  });

  it('lets the platform API create, watch, patch and delete Stores, in the namespace the operator watches, and nothing more', async () => {
    const storeRole = [{ apiGroups: ['storefront.platform.io'], resources: ['stores'], verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'] }];
    for (const [values, storeNamespace] of [[{}, 'platform-stores'], [{ operator: { watchNamespace: 'stores' } }, 'stores']] as const) {
      const objects = await render('platform', { values });
      const role = named<Rbac>(objects, 'Role', 'shop-storefront-platform-platform-api');
      expect({ namespace: role.metadata.namespace, rules: role.rules }).toEqual({ namespace: storeNamespace, rules: storeRole });
      const binding = named<KubeObject & { subjects: unknown[] }>(objects, 'RoleBinding', 'shop-storefront-platform-platform-api');
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'shop-storefront-platform-platform-api', namespace: 'platform' }]);
      const api = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-platform-api');
      expect(api.spec.template.spec.serviceAccountName).toBe('shop-storefront-platform-platform-api');
      expect([envOf(api, 'PLATFORM_PROVISIONING'), envOf(api, 'PLATFORM_STORE_NAMESPACE')]).toEqual([
        { name: 'PLATFORM_PROVISIONING', value: 'kubernetes' },
        { name: 'PLATFORM_STORE_NAMESPACE', value: storeNamespace },
      ]);
    }
  });

  it('configures the operator with the default storefront image, its namespaces and leader election', async () => {
    const objects = await render('platform', { valuesFiles: [PRODUCTION_VALUES] });
    const operator = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-tenant-operator');
    const env = Object.fromEntries((operator.spec.template.spec.containers[0]!.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(operator.spec.replicas).toBe(2);
    expect(operator.spec.template.spec.serviceAccountName).toBe('shop-storefront-platform-tenant-operator');
    expect(env).toMatchObject({
      PLATFORM_OPERATOR_STOREFRONT_IMAGE: 'registry.acme-commerce.com/storefront/storefront:1.4.2-hotfix.1',
      PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES:
        'registry.acme-commerce.com/storefront/storefront@sha256:4b825dc642cb6eb9a060e54bf8d69288fbee4904b825dc642cb6eb9a060e54bf,registry.acme-commerce.com/storefront/storefront:1.5.0',
      PLATFORM_OPERATOR_NAMESPACE: 'stores',
      PLATFORM_OPERATOR_PLATFORM_NAMESPACE: 'platform',
      PLATFORM_OPERATOR_LEADER_ELECTION: 'true',
      PLATFORM_OPERATOR_LEASE_NAMESPACE: 'platform',
      PLATFORM_OPERATOR_IDENTITY: { fieldRef: { fieldPath: 'metadata.name' } },
      PLATFORM_OPERATOR_CLUSTER_ISSUER: 'letsencrypt-prod',
      DATABASE_URL: { secretKeyRef: { name: 'storefront-database', key: 'url' } },
      REDIS_URL: { secretKeyRef: { name: 'storefront-redis-admin', key: 'url' } },
      // Handed on to storefront Pods, which call the shards with service tokens.
      PLATFORM_SERVICE_TOKEN_SECRET: { secretKeyRef: { name: 'storefront-auth', key: 'PLATFORM_SERVICE_TOKEN_SECRET' } },
    });
    expect(operator.spec.template.spec.containers[0]).toMatchObject({ envFrom: [{ configMapRef: { name: 'shop-storefront-platform-config' } }] });
    // By default only storefront.image itself is allowed (the operator always allows its default image).
    const defaults = named<Workload>(await render('platform'), 'Deployment', 'shop-storefront-platform-tenant-operator');
    expect(envOf(defaults, 'PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES')).toBeUndefined();
    const api = named<Workload>(objects, 'Deployment', 'shop-storefront-platform-platform-api');
    expect(api.spec.template.spec.containers[0]!.image).toBe(
      'registry.acme-commerce.com/storefront/platform-api@sha256:4b825dc642cb6eb9a060e54bf8d69288fbee4904b825dc642cb6eb9a060e54bf',
    );
    // Autoscaled: the HPA owns the replica count, so the Deployment leaves it out.
    expect(api.spec.replicas).toBeUndefined();
  });

  it('gives the payment secrets keyring to checkout shards only, generated when none is given, and no platform-wide Stripe key', async () => {
    const fromSecret = await render('platform', { valuesFiles: [PRODUCTION_VALUES] });
    expect(envOf(named<Workload>(fromSecret, 'StatefulSet', 'shop-storefront-platform-checkout'), 'PLATFORM_SECRETS_KEYRING')).toEqual({
      name: 'PLATFORM_SECRETS_KEYRING',
      valueFrom: { secretKeyRef: { name: 'storefront-payment-secrets', key: 'keyring' } },
    });
    expect(envOf(named<Workload>(fromSecret, 'StatefulSet', 'shop-storefront-platform-search'), 'PLATFORM_SECRETS_KEYRING')).toBeUndefined();
    expect(envOf(named<Workload>(fromSecret, 'Deployment', 'shop-storefront-platform-platform-api'), 'PLATFORM_SECRETS_KEYRING')).toBeUndefined();
    expect(JSON.stringify(fromSecret)).not.toContain('PLATFORM_STRIPE_SECRET_KEY');

    const generated = await render('platform');
    const secret = named<KubeObject & { data: Record<string, string> }>(generated, 'Secret', 'shop-storefront-platform-secrets');
    const keyring = Buffer.from(secret.data.PLATFORM_SECRETS_KEYRING!, 'base64').toString();
    expect(keyring).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
    expect(new SecretKeyring(keyring).open(new SecretKeyring(keyring).seal('sk_live_x', 'ctx'), 'ctx')).toBe('sk_live_x');
    expect(envOf(named<Workload>(generated, 'StatefulSet', 'shop-storefront-platform-checkout'), 'PLATFORM_SECRETS_KEYRING')).toEqual({
      name: 'PLATFORM_SECRETS_KEYRING',
      valueFrom: { secretKeyRef: { name: 'shop-storefront-platform-secrets', key: 'PLATFORM_SECRETS_KEYRING' } },
    });
  });

  it('keeps passwords out of the ConfigMap', async () => {
    const objects = await render('platform', {
      values: { database: { url: 'postgres://app:pg-s3cret@db:5432/shop' }, auth: { jwtSecret: 'j'.repeat(40) }, payments: { secretsKeyring: KEYRING } },
    });
    const config = named<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', 'shop-storefront-platform-config');
    expect(JSON.stringify(config)).not.toMatch(/pg-s3cret|jjjj|k1:/);
    const secret = named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', 'shop-storefront-platform-secrets');
    expect(Buffer.from(secret.data.DATABASE_URL!, 'base64').toString()).toBe('postgres://app:pg-s3cret@db:5432/shop');
    expect(Buffer.from(secret.data.PLATFORM_SECRETS_KEYRING!, 'base64').toString()).toBe(KEYRING);
  });

  describe('with pgbouncer.enabled', () => {
    const SERVICES: Array<[kind: string, name: string]> = [
      ['StatefulSet', 'shop-storefront-platform-checkout'],
      ['StatefulSet', 'shop-storefront-platform-search'],
      ['StatefulSet', 'shop-storefront-platform-notifications'],
    ];
    // DDL, provisioning and the platform migrations' session advisory lock need a session of their
    // own; and the owner's login stays out of PgBouncer's userlist, which holds the service login only.
    /** PostgreSQL directly, each with the URL key of its login. */
    const DIRECT: Array<[kind: string, name: string, key: string]> = [
      ['Job', 'shop-storefront-platform-migrate-all-tenants', 'DATABASE_URL'],
      ['Deployment', 'shop-storefront-platform-tenant-operator', 'DATABASE_URL'],
      ['Deployment', 'shop-storefront-platform-platform-api', 'PLATFORM_API_DATABASE_URL'],
    ];
    const pooled = {
      pgbouncer: { enabled: true, userlistSecret: { name: 'pgbouncer-users', key: 'userlist.txt' }, upstream: { host: 'db.internal', port: 5433, sslmode: 'require' } },
      database: { url: 'postgres://app:pg%40s3cret@db.internal:5433/shop?sslmode=require', serviceLogin: { password: 'service-login-password-1' } },
    };
    const secretValue = (objects: KubeObject[], key: string) =>
      Buffer.from(named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', 'shop-storefront-platform-secrets').data[key]!, 'base64').toString();

    it('points the shards at PgBouncer as the service login, and keeps the migrations Job, the operator and the platform API on PostgreSQL directly', async () => {
      const objects = await render('platform', { values: pooled });
      for (const [kind, name] of SERVICES) {
        expect({ name, env: envOf(named<Workload>(objects, kind, name), 'DATABASE_URL') }).toEqual({
          name,
          env: { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'shop-storefront-platform-secrets', key: 'PGBOUNCER_DATABASE_URL' } } },
        });
      }
      for (const [kind, name, key] of DIRECT) {
        expect({ name, env: envOf(named<Workload>(objects, kind, name), 'DATABASE_URL') }).toEqual({
          name,
          env: { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'shop-storefront-platform-secrets', key } } },
        });
      }
      // The service login, the same database; the PgBouncer Service as host; no sslmode for the in-cluster hop.
      expect(secretValue(objects, 'PGBOUNCER_DATABASE_URL')).toBe('postgres://platform_service_login:service-login-password-1@shop-storefront-platform-pgbouncer:5432/shop');
      expect(secretValue(objects, 'DATABASE_URL')).toBe('postgres://app:pg%40s3cret@db.internal:5433/shop?sslmode=require');

      const service = named<KubeObject & { spec: { selector: Record<string, string>; ports: { port: number }[] } }>(objects, 'Service', 'shop-storefront-platform-pgbouncer');
      const bouncer = named<Workload & { spec: { template: { metadata: { labels: Record<string, string> } } } }>(objects, 'Deployment', 'shop-storefront-platform-pgbouncer');
      expect(service.spec.ports.map((p) => p.port)).toEqual([5432]);
      expect(bouncer.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      // Port 5432 in the release namespace: the shards' egress rule for PostgreSQL already admits it.
      expect(bouncer.spec.template.spec.containers[0]).toMatchObject({ image: 'ghcr.io/storefront-platform/pgbouncer:0.1.0', args: ['/etc/pgbouncer/pgbouncer.ini'] });

      const refused: string[] = [];
      for (const object of objects.filter((o) => o.metadata.name === 'shop-storefront-platform-pgbouncer')) {
        await kube.apply(object, 'platform', { dryRun: true }).catch((error: Error) => refused.push(`${object.kind}: ${error.message}`));
      }
      expect(refused).toEqual([]);
    });

    it('configures PgBouncer with the transaction-pooling settings the isolation tests prove, in front of the configured PostgreSQL', async () => {
      const objects = await render('platform', { values: pooled });
      const ini = named<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', 'shop-storefront-platform-pgbouncer').data['pgbouncer.ini']!;
      const settings = Object.fromEntries(
        ini.split('\n').flatMap((line) => {
          const match = /^([*\w]+) = (.*)$/.exec(line);
          return match ? [[match[1]!, match[2]!]] : [];
        }),
      );
      expect(settings).toMatchObject({ ...PGBOUNCER_TRANSACTION_POOLING_SETTINGS, auth_type: 'scram-sha-256', listen_port: '5432', server_tls_sslmode: 'require' });
      expect(settings['*']).toBe('host=db.internal port=5433');
      // Timeouts for statements and idle transactions no unit of work's SET LOCAL covers.
      expect(settings).toMatchObject({ query_timeout: '35', idle_transaction_timeout: '60' });
      // No admin console users: the userlist holds the services' login user only.
      expect(settings).not.toHaveProperty('admin_users');
    });

    it("takes the pooled URL from a Secret you manage when the service login's URL comes from one", async () => {
      const objects = await render('platform', {
        values: {
          ...pooled,
          database: {
            url: '',
            existingSecret: { name: 'pg', key: 'uri' },
            serviceLogin: { existingSecret: { name: 'pg', key: 'service-uri' } },
            platformApiLogin: { existingSecret: { name: 'pg', key: 'platform-api-uri' } },
          },
          pgbouncer: { ...pooled.pgbouncer, databaseUrlSecret: { name: 'pg', key: 'pooled-uri' } },
        },
      });
      expect(envOf(named<Workload>(objects, 'StatefulSet', 'shop-storefront-platform-checkout'), 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pg', key: 'pooled-uri' } } });
      expect(envOf(named<Workload>(objects, 'Job', 'shop-storefront-platform-migrate-all-tenants'), 'PLATFORM_SERVICE_DATABASE_URL')).toEqual({
        name: 'PLATFORM_SERVICE_DATABASE_URL',
        valueFrom: { secretKeyRef: { name: 'pg', key: 'service-uri' } },
      });
      expect(envOf(named<Workload>(objects, 'Deployment', 'shop-storefront-platform-tenant-operator'), 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pg', key: 'uri' } } });
      expect(named<KubeObject & { data: Record<string, string> }>(objects, 'Secret', 'shop-storefront-platform-secrets').data).not.toHaveProperty('PGBOUNCER_DATABASE_URL');
    });

    it('renders no PgBouncer and no pooled URL by default', async () => {
      const objects = await render('platform');
      expect(objects.filter((o) => o.metadata.name.endsWith('-pgbouncer'))).toEqual([]);
      expect(envOf(named<Workload>(objects, 'StatefulSet', 'shop-storefront-platform-checkout'), 'DATABASE_URL')?.valueFrom?.secretKeyRef?.key).toBe('SERVICE_DATABASE_URL');
    });
  });

  // The shards' NetworkPolicies as the API server stores them: applied with a server-side dry run
  // (validation, defaulting, admission; nothing persisted), the egress rules read from its answer.
  describe('shard egress NetworkPolicies', () => {
    /** Shard service -> its NetworkPolicy as the API server accepted it (dry run). */
    async function acceptedPolicies(values: Record<string, unknown> = {}): Promise<Record<string, NetworkPolicy>> {
      const objects = await render('platform', { values });
      const accepted: Record<string, NetworkPolicy> = {};
      for (const service of ['checkout', 'search', 'notifications']) {
        const rendered = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === `shop-storefront-platform-${service}`)!;
        accepted[service] = (await kube.apply(rendered, 'platform', { dryRun: true })) as NetworkPolicy;
      }
      // A dry run persists nothing.
      expect(await kube.get('/apis/networking.k8s.io/v1/namespaces/platform/networkpolicies/shop-storefront-platform-checkout')).toBeUndefined();
      return accepted;
    }

    it('limits search egress to DNS, PostgreSQL, Redis and the shard Services of the release; checkout adds HTTPS to the internet', async () => {
      const policies = await acceptedPolicies();
      for (const service of ['checkout', 'search']) {
        expect({ service, policyTypes: policies[service]!.spec.policyTypes }).toEqual({ service, policyTypes: ['Ingress', 'Egress'] });
      }
      expect(policies.search!.spec.egress).toEqual([DNS, dataStores(), SHARDS]);
      expect(policies.checkout!.spec.egress).toEqual([DNS, dataStores(), SHARDS, { to: internet(), ports: [{ protocol: 'TCP', port: 443 }] }]);
    });

    it('lets notifications reach DNS, PostgreSQL, Redis and the public internet, never private, link-local, loopback or the cluster\'s own ranges', async () => {
      const policies = await acceptedPolicies({
        networkPolicy: { podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], serviceCidrs: ['198.18.0.0/16', 'fd00:10:96::/112'] },
      });
      expect(policies.notifications!.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(policies.notifications!.spec.egress).toEqual([DNS, dataStores(), { to: internet(['10.244.0.0/16', '198.18.0.0/16'], ['fd00:10:244::/56', 'fd00:10:96::/112']) }]);
      // Webhooks must not reach the shards, the platform API or anything else in the cluster.
      expect(JSON.stringify(policies.notifications!.spec.egress)).not.toContain('"port":8080');

      const defaults = await acceptedPolicies();
      expect(defaults.notifications!.spec.egress).toEqual([DNS, dataStores(), { to: internet() }]);
    });

    it('gives checkout HTTPS to the public internet (stores\' own Stripe accounts), and PostgreSQL/Redis outside the cluster only where values say', async () => {
      const policies = await acceptedPolicies({ networkPolicy: { externalDataStoreCidrs: ['10.20.0.0/24'] } });
      expect(policies.checkout!.spec.egress).toEqual([DNS, dataStores('10.20.0.0/24'), SHARDS, { to: internet(), ports: [{ protocol: 'TCP', port: 443 }] }]);
      expect(policies.search!.spec.egress).toEqual([DNS, dataStores('10.20.0.0/24'), SHARDS]);
    });
  });

  describe('notification channels (values email and sms)', () => {
    const NOTIFICATIONS = 'shop-storefront-platform-notifications';
    const CHANNEL_VARIABLES = ['PLATFORM_SMTP_URL', 'PLATFORM_NOTIFICATIONS_EMAIL_FROM', 'PLATFORM_SMS_PROVIDER', 'PLATFORM_TWILIO_ACCOUNT_SID', 'PLATFORM_TWILIO_FROM', 'PLATFORM_TWILIO_AUTH_TOKEN'];
    const channelEnv = (objects: KubeObject[], name: string) =>
      (named<Workload>(objects, 'StatefulSet', name).spec.template.spec.containers[0]!.env ?? []).filter((e) => CHANNEL_VARIABLES.includes(e.name));

    it('gives only the notifications shards the SMTP URL, kept in the chart\'s Secret, and no SMS channel by default', async () => {
      const objects = await render('platform', { values: { email: { smtpUrl: 'smtps://mailer:pw@smtp.example.net:465', from: 'orders@example.net' } } });
      expect(decoded(objects, 'PLATFORM_SMTP_URL')).toBe('smtps://mailer:pw@smtp.example.net:465');
      expect(channelEnv(objects, NOTIFICATIONS)).toEqual([
        { name: 'PLATFORM_SMTP_URL', valueFrom: ref('shop-storefront-platform-secrets', 'PLATFORM_SMTP_URL') },
        { name: 'PLATFORM_NOTIFICATIONS_EMAIL_FROM', value: 'orders@example.net' },
      ]);
      expect(channelEnv(objects, 'shop-storefront-platform-checkout')).toEqual([]);
      expect(secretData(objects)).not.toHaveProperty('PLATFORM_TWILIO_AUTH_TOKEN');
    });

    it('renders without an SMTP server when email is turned off: the shards get no email channel, so deliveries show "not configured"', async () => {
      const objects = await render('platform', { values: { email: { enabled: false, smtpUrl: '' } } });
      expect(channelEnv(objects, NOTIFICATIONS)).toEqual([]);
      expect(secretData(objects)).not.toHaveProperty('PLATFORM_SMTP_URL');
    });

    it('reads the SMTP URL and the Twilio token from Secrets the installer manages (production-like values)', async () => {
      const objects = await render('platform', { valuesFiles: [PRODUCTION_VALUES] });
      expect(channelEnv(objects, NOTIFICATIONS)).toEqual([
        { name: 'PLATFORM_SMTP_URL', valueFrom: ref('storefront-smtp', 'url') },
        { name: 'PLATFORM_NOTIFICATIONS_EMAIL_FROM', value: 'orders@acme-commerce.com' },
        { name: 'PLATFORM_SMS_PROVIDER', value: 'twilio' },
        { name: 'PLATFORM_TWILIO_ACCOUNT_SID', value: `AC${'0'.repeat(32)}` },
        { name: 'PLATFORM_TWILIO_FROM', value: '+15550100000' },
        { name: 'PLATFORM_TWILIO_AUTH_TOKEN', valueFrom: ref('storefront-twilio', 'auth-token') },
      ]);
      expect(secretData(objects)).not.toHaveProperty('PLATFORM_SMTP_URL');
      expect(secretData(objects)).not.toHaveProperty('PLATFORM_TWILIO_AUTH_TOKEN');
    });
  });
});
