import type { TenantContext } from '@storefront/contracts';
import type { CategoryService, CategoryView, ProductService, ProductView } from '@storefront/catalog';
import type { StoreSettingsService } from '@storefront/store-settings';
import type { TenantCache } from '@storefront/tenant-cache';
import type { ResolvedTenant } from '@storefront/tenancy';
import type { StoreFront } from '../http/shopper-state';

export const PAGE_SIZE = 12;

export interface ProductPage {
  readonly items: readonly ProductView[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
}

/**
 * What shoppers read, through the tenant cache (in-process LRU, then Redis). Only active
 * products are visible. Cache keys are per tenant; merchant changes invalidate the tenant.
 */
export class StorefrontCatalog {
  constructor(
    private readonly products: ProductService,
    private readonly categories: CategoryService,
    private readonly settings: StoreSettingsService,
    private readonly cache: TenantCache,
  ) {}

  storeFront(tenant: ResolvedTenant, ctx: TenantContext): Promise<StoreFront> {
    return this.cache.get(tenant.tenantId, 'store', async () => {
      try {
        const settings = await this.settings.get(ctx);
        return { name: settings.name, currency: settings.currency, locale: settings.locale };
      } catch {
        // A store provisioned without settings (e.g. by the operator before signup completes).
        return { name: tenant.name, currency: 'USD', locale: 'en' };
      }
    });
  }

  productBySlug(ctx: TenantContext, slug: string): Promise<ProductView | null> {
    return this.cache.get(ctx.tenantId, `product:${slug}`, async () =>
      this.products.getActiveBySlug(ctx, slug).catch((error: unknown) => {
        if ((error as Error).name === 'CatalogNotFoundError') return null;
        throw error;
      }),
    );
  }

  listCategories(ctx: TenantContext): Promise<CategoryView[]> {
    return this.cache.get(ctx.tenantId, 'categories', () => this.categories.list(ctx));
  }

  async listProducts(ctx: TenantContext, query: { q?: string; category?: string; page: number }): Promise<ProductPage> {
    let categoryId: string | undefined;
    if (query.category) {
      const category = (await this.listCategories(ctx)).find((c) => c.slug === query.category);
      if (!category) return { items: [], total: 0, page: query.page, pageCount: 0 };
      categoryId = category.id;
    }
    const key = `products:${query.q ?? ''}:${categoryId ?? ''}:${query.page}`;
    const { items, total } = await this.cache.get(ctx.tenantId, key, () =>
      this.products.list(ctx, {
        status: 'active',
        page: query.page,
        pageSize: PAGE_SIZE,
        ...(query.q ? { q: query.q } : {}),
        ...(categoryId ? { categoryId } : {}),
      }),
    );
    return { items, total, page: query.page, pageCount: Math.ceil(total / PAGE_SIZE) };
  }
}
