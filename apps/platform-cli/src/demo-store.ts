import { CATALOG_ENTITIES, ProductService, recordCatalogChangesInOutbox, type CreateProductInput } from '@storefront/catalog';
import type { TenantContext } from '@storefront/contracts';
import { randomUUID } from 'node:crypto';
import { TenantEntity, type DatabaseClusters } from '@storefront/database';
import { SellingRulesService } from '@storefront/orders';
import { StoreSettingsService } from '@storefront/store-settings';
import { tenantContextFor, TenantUnitOfWork, type TenantProvisioner } from '@storefront/tenancy';

export const DEMO_SLUG = 'demo';

/** Entities the seeding needs registered on its DataSource. */
export const DEMO_STORE_ENTITIES = CATALOG_ENTITIES;

const DEMO_PRODUCTS: CreateProductInput[] = [
  {
    title: 'Classic T-shirt',
    description: 'Heavyweight organic cotton.',
    price: { amount: 2500, currency: 'EUR' },
    options: [
      { name: 'Size', values: ['S', 'M', 'L'] },
      { name: 'Colour', values: ['Black', 'White'] },
    ],
    variants: ['S', 'M', 'L'].flatMap((size) =>
      ['Black', 'White'].map((colour) => ({ sku: `TEE-${size}-${colour.toUpperCase()}`, options: { Size: size, Colour: colour }, stock: 20 })),
    ),
  },
  {
    title: 'Wool Beanie',
    description: 'Warm, soft, one size.',
    price: { amount: 1800, currency: 'EUR' },
    options: [{ name: 'Colour', values: ['Grey', 'Navy', 'Mustard'] }],
    variants: ['Grey', 'Navy', 'Mustard'].map((colour) => ({ sku: `BEANIE-${colour.toUpperCase()}`, options: { Colour: colour }, stock: 15 })),
  },
  {
    title: 'Sour Candy Mix',
    description: 'Pick your flavour.',
    price: { amount: 450, currency: 'EUR' },
    taxCategory: 'reduced', // food: the reduced VAT rate
    options: [{ name: 'Flavour', values: ['Cherry', 'Lime', 'Mango'] }],
    variants: ['Cherry', 'Lime', 'Mango'].map((flavour) => ({
      sku: `CANDY-${flavour.toUpperCase()}`,
      options: { Flavour: flavour },
      stock: 100,
      ...(flavour === 'Mango' ? { price: { amount: 500, currency: 'EUR' } } : {}),
    })),
  },
];

/**
 * A store to click through right after `npm start`: created once (with products in Size,
 * Colour and Flavour variants), left alone afterwards.
 */
export async function ensureDemoStore(clusters: DatabaseClusters, provisioner: TenantProvisioner): Promise<void> {
  const existing = await clusters.primary.getRepository(TenantEntity).findOneBy({ slug: DEMO_SLUG });
  if (existing && existing.status !== 'provisioning' && existing.status !== 'active') return; // suspended or deleted on purpose
  const tenant =
    existing?.status === 'active' ? existing : await provisioner.provision({ tenantId: existing?.id ?? randomUUID(), slug: DEMO_SLUG, name: 'Demo Store' });
  const ctx = tenantContextFor(tenant, 'demo-seed');
  const unitOfWork = new TenantUnitOfWork(clusters);
  // Provisioning gave the store its name; the demo catalog is priced in euros.
  if (existing?.status !== 'active') await new StoreSettingsService(unitOfWork).update(ctx, { currency: 'EUR' });
  // Through the outbox, so the search shards index the demo catalog once they start.
  const products = new ProductService(unitOfWork, recordCatalogChangesInOutbox);
  if ((await products.list(ctx, { page: 1, pageSize: 1 })).total > 0) return;
  for (const product of DEMO_PRODUCTS) await products.create(ctx, product);
  await seedDemoSellingRules(new SellingRulesService(unitOfWork), ctx);
}

/** EU-style rules to try at checkout: VAT included, shipping by zone, a welcome code (docs/adr/0061). */
async function seedDemoSellingRules(rules: SellingRulesService, ctx: TenantContext): Promise<void> {
  await rules.setTaxSettings(ctx, { pricesIncludeTax: true });
  const noNarrowing = { regions: [], postalPrefixes: [] };
  await rules.createZone(ctx, {
    name: 'Germany',
    countries: ['DE'],
    ...noNarrowing,
    shippingTaxable: true,
    taxRates: [
      { category: 'standard', ratePpm: 190_000, label: 'VAT' },
      { category: 'reduced', ratePpm: 70_000, label: 'VAT' },
    ],
    methods: [
      { name: 'DHL Paket', rate: { kind: 'flat', amount: 490 }, freeOverAmount: 5_000 },
      { name: 'DHL Express', rate: { kind: 'flat', amount: 1_290 }, freeOverAmount: null },
    ],
  });
  await rules.createZone(ctx, {
    name: 'Worldwide',
    countries: ['AT', 'BE', 'CA', 'CH', 'FR', 'GB', 'IT', 'JP', 'NL', 'US'],
    ...noNarrowing,
    shippingTaxable: false,
    taxRates: [],
    methods: [{ name: 'International', rate: { kind: 'flat', amount: 1_490 }, freeOverAmount: null }],
  });
  await rules.createCode(ctx, { code: 'WELCOME10', value: { kind: 'percent', percentBp: 1_000 }, minSubtotalAmount: 0, usageLimit: null, perCustomerLimit: 1, startsAt: null, endsAt: null });
}
