import type { Store } from '@storefront/store-resource';
import { hostsOf, rejectedDomainsOf, workloadName } from './store-workload-names';

const storeWith = (slug: string, domains: string[] = []): Store =>
  ({ metadata: { name: slug, namespace: 'shops' }, spec: { slug, tenantId: 't', plan: 'starter', domains } }) as unknown as Store;

describe('workload names and hosts', () => {
  it('keeps names of long slugs a DNS label and distinct', () => {
    const a = workloadName(storeWith(`${'a'.repeat(60)}-one`), '-db');
    const b = workloadName(storeWith(`${'a'.repeat(60)}-two`), '-db');
    expect(a.length).toBeLessThanOrEqual(63);
    expect(b.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
    expect(a).not.toBe(b);
    expect(workloadName(storeWith('hat-shop'), '-db')).toBe('sf-hat-shop-db');
  });

  it('serves the platform host first and refuses custom domains under the platform domain', () => {
    const store = storeWith('hat-shop', ['hats.example.com', 'shoe-shop.shop.test', 'shop.test']);
    expect(hostsOf(store, 'shop.test')).toEqual(['hat-shop.shop.test', 'hats.example.com']);
    expect(rejectedDomainsOf(store, 'shop.test')).toEqual(['shoe-shop.shop.test', 'shop.test']);
  });
});
