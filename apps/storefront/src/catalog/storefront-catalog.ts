import type { SearchResult, StorePaymentOptions, TenantContext } from '@storefront/contracts';
import type { CategoryService, CategoryView, ProductService, ProductView } from '@storefront/catalog';
import type { StoreSettingsService } from '@storefront/store-settings';
import type { TenantCache } from '@storefront/tenant-cache';
import type { ResolvedTenant } from '@storefront/tenancy';
import type { StoreFront } from '../http/shopper-state';
import type { SearchClient } from '../search/search-client';

export const PAGE_SIZE = 12;

/** What a product card shows; a search hit and a full product view both are one. */
export type ProductCard = Pick<ProductView, 'id' | 'slug' | 'title' | 'price' | 'images'>;

export interface ProductPage {
  readonly items: readonly ProductCard[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  /** With a text query: facet counts and, when nothing matched, queries that would find something. */
  readonly facets?: SearchResult['facets'];
  readonly suggestions?: readonly string[];
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
    private readonly paymentOptions: (ctx: TenantContext) => Promise<StorePaymentOptions>,
    private readonly cache: TenantCache,
    private readonly search: SearchClient,
  ) {}

  storeFront(tenant: ResolvedTenant, ctx: TenantContext): Promise<StoreFront> {
    return this.cache.get(tenant.tenantId, 'store', async () => {
      const payment = await this.paymentOptions(ctx);
      try {
        const settings = await this.settings.get(ctx);
        return { name: settings.name, currency: settings.currency, locale: settings.locale, payment };
      } catch {
        // A store provisioned without settings (e.g. by the operator before signup completes).
        return { name: tenant.name, currency: 'USD', locale: 'en', payment };
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

  /** Text queries go to the tenant's search shard; browsing a category or the shop reads the catalog. */
  async listProducts(ctx: TenantContext, query: { q?: string; category?: string; page: number }): Promise<ProductPage> {
    if (query.q) return this.searchProducts(ctx, { ...query, q: query.q });
    let categoryId: string | undefined;
    if (query.category) {
      const category = (await this.listCategories(ctx)).find((c) => c.slug === query.category);
      if (!category) return { items: [], total: 0, page: query.page, pageCount: 0 };
      categoryId = category.id;
    }
    const key = `products::${categoryId ?? ''}:${query.page}`;
    const { items, total } = await this.cache.get(ctx.tenantId, key, () =>
      this.products.list(ctx, {
        status: 'active',
        page: query.page,
        pageSize: PAGE_SIZE,
        ...(categoryId ? { categoryId } : {}),
      }),
    );
    return { items, total, page: query.page, pageCount: Math.ceil(total / PAGE_SIZE) };
  }

  private async searchProducts(ctx: TenantContext, query: { q: string; category?: string; page: number }): Promise<ProductPage> {
    const key = `search:${JSON.stringify([query.q, query.category ?? '', query.page])}`;
    const result = await this.cache.get(ctx.tenantId, key, () =>
      this.search.search(ctx.tenantId, { q: query.q, page: query.page, pageSize: PAGE_SIZE, ...(query.category ? { category: query.category } : {}) }),
    );
    return { items: result.items, total: result.total, page: query.page, pageCount: result.pageCount, facets: result.facets, suggestions: result.suggestions };
  }
}
