import type { DatabaseClusters } from '@storefront/database';
import { createTestClusters, createTestRedis } from '@storefront/testing';
import type { TenancyServices } from '@storefront/tenancy';
import { createTestTenancy, provisionTestTenant } from '@storefront/tenancy/testing';
import type Redis from 'ioredis';
import type { CatalogChange, CatalogChangeListener } from './catalog-change-listener';
import { CATALOG_ENTITIES } from './entities';
import { ProductService } from './product.service';
import { StockService } from './stock.service';

const mug = {
  title: 'Mug',
  price: { amount: 900, currency: 'EUR' },
  options: [],
  variants: [{ sku: 'MUG', options: {}, stock: 2 }],
};

describe('catalog change listener (the outbox seam)', () => {
  let clusters: DatabaseClusters;
  let redis: Redis;
  let tenancy: TenancyServices;

  beforeAll(async () => {
    clusters = await createTestClusters({ tenantEntities: [...CATALOG_ENTITIES] });
    redis = createTestRedis();
    tenancy = createTestTenancy({ clusters, redis });
  });

  afterAll(async () => {
    await clusters.destroy();
    redis.disconnect();
  });

  it('hears each change inside its transaction, as the tenant', async () => {
    const { ctx } = await provisionTestTenant(tenancy);
    const heard: (CatalogChange & { productsVisible: number })[] = [];
    const listener: CatalogChangeListener = async (tx, change) => {
      // Same transaction: the new row is visible before commit.
      const [row] = await tx.query<{ n: number }[]>('SELECT count(*)::int AS n FROM products');
      heard.push({ ...change, productsVisible: row!.n });
    };
    const product = await new ProductService(tenancy.unitOfWork, listener).create(ctx, mug);
    await new StockService(tenancy.unitOfWork, listener).adjust(ctx, product.variants[0]!.id, { delta: 3, reason: 'restock' }, 'test');
    expect(heard).toEqual([
      { type: 'product.created', productId: product.id, productsVisible: 1 },
      { type: 'stock.adjusted', productId: product.id, variantId: product.variants[0]!.id, productsVisible: 1 },
    ]);
  });

  it('rolls the change back when the listener fails, so no event is lost or invented', async () => {
    const { ctx } = await provisionTestTenant(tenancy);
    const failing = new ProductService(tenancy.unitOfWork, async () => {
      throw new Error('outbox unavailable');
    });
    await expect(failing.create(ctx, mug)).rejects.toThrow('outbox unavailable');
    expect((await new ProductService(tenancy.unitOfWork).list(ctx, { page: 1, pageSize: 10 })).total).toBe(0);
  });
});
