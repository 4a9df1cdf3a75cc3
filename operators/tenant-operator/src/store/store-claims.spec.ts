import type { Store } from '@storefront/store-resource';
import { conflictsOf } from './store-claims';

function store(name: string, created: string, spec: Partial<Store['spec']> = {}, schemaReady = false): Store {
  return {
    apiVersion: 'storefront.platform.io/v1alpha1',
    kind: 'Store',
    metadata: { name, namespace: 'shops', uid: `uid-${name}`, generation: 1, resourceVersion: '1', creationTimestamp: created },
    spec: { tenantId: `tenant-${name}`, slug: name, plan: 'starter', ...spec },
    ...(schemaReady
      ? { status: { conditions: [{ type: 'SchemaReady', status: 'True', reason: 'Migrated', message: '', observedGeneration: 1, lastTransitionTime: created }] } }
      : {}),
  };
}
const hosts = (s: Store): string[] => [`${s.spec.slug}.shop.test`, ...(s.spec.domains ?? [])];

describe('claims of Stores on tenants and hosts', () => {
  it('gives a shared host to the Store created first', () => {
    const first = store('first', '2026-11-21T08:00:00Z', { domains: ['shared.example.com'] });
    const second = store('second', '2026-11-21T08:00:05Z', { domains: ['shared.example.com', 'own.example.com'] });
    const all = [first, second];
    expect(conflictsOf(first, all, hosts).hostsTakenBy.size).toBe(0);
    expect([...conflictsOf(second, all, hosts).hostsTakenBy]).toEqual([['shared.example.com', 'shops/first']]);
  });

  it('lets a Store whose schema is provisioned keep its tenant against an older newcomer', () => {
    const serving = store('serving', '2026-11-21T08:00:05Z', { tenantId: 'tenant-1' }, true);
    const older = store('older', '2026-11-21T08:00:00Z', { tenantId: 'tenant-1' });
    expect(conflictsOf(serving, [serving, older], hosts).tenantTakenBy).toBeUndefined();
    expect(conflictsOf(older, [serving, older], hosts).tenantTakenBy).toBe('shops/serving');
  });

  it('breaks a tie within the same second by name, the same way for both Stores', () => {
    const a = store('a-shop', '2026-11-21T08:00:00Z', { tenantId: 'tenant-1' });
    const b = store('b-shop', '2026-11-21T08:00:00Z', { tenantId: 'tenant-1' });
    expect(conflictsOf(a, [a, b], hosts).tenantTakenBy).toBeUndefined();
    expect(conflictsOf(b, [a, b], hosts).tenantTakenBy).toBe('shops/a-shop');
  });
});
