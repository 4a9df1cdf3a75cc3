import { Controller, Get, Inject, NotFoundException, Param, Query, UseInterceptors } from '@nestjs/common';
import type { CategoryView, ProductView } from '@storefront/catalog';
import { categoryFilter } from '@storefront/product-search';
import { z } from 'zod';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { ShoppingErrorInterceptor } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import type { ProductPage } from './storefront-catalog';

export const productQuerySchema = z.object({
  q: z.string().max(200, 'at most 200 characters').optional(),
  // The search shard's own rule: a category it would refuse is the shopper's 400, not a 503.
  category: categoryFilter.optional(),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be at most 1000').default(1),
});

@Controller('api/v1')
@UseInterceptors(ShoppingErrorInterceptor)
export class ProductsController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  @Get('products')
  list(@Shopper() shopper: ShopperState, @Query({ schema: productQuerySchema }) query: z.infer<typeof productQuerySchema>): Promise<ProductPage> {
    return this.services.catalog.listProducts(shopper.ctx, {
      page: query.page,
      ...(query.q?.trim() ? { q: query.q.trim() } : {}),
      ...(query.category ? { category: query.category } : {}),
    });
  }

  @Get('products/:slug')
  async get(@Shopper() shopper: ShopperState, @Param('slug') slug: string): Promise<ProductView> {
    const product = await this.services.catalog.productBySlug(shopper.ctx, slug);
    if (!product) throw new NotFoundException(`no product at /products/${slug}`);
    return product;
  }

  @Get('categories')
  categories(@Shopper() shopper: ShopperState): Promise<CategoryView[]> {
    return this.services.catalog.listCategories(shopper.ctx);
  }
}
