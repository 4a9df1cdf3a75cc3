import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { chooseVariant, homeView, listingView, productView } from '../views/catalog.views';
import { PAGE_RENDERER } from './page-tokens';
import type { PageRenderer } from './page-renderer';

function pageNumber(value: unknown): number {
  const page = Number(value ?? 1);
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

/** Home, category listings, product pages and search results. */
@Controller()
export class CatalogPagesController {
  constructor(
    @Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices,
    @Inject(PAGE_RENDERER) private readonly pages: PageRenderer,
  ) {}

  @Get()
  async home(@Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    const [categories, featured] = await Promise.all([
      this.services.catalog.listCategories(shopper.ctx),
      this.services.catalog.listProducts(shopper.ctx, { page: 1 }),
    ]);
    await this.pages.send(reply, shopper, shopper.store.name, homeView(categories, featured.items.slice(0, 8), shopper.store.locale));
  }

  @Get('categories/:slug')
  async category(@Shopper() shopper: ShopperState, @Param('slug') slug: string, @Query('page') page: unknown, @Res() reply: FastifyReply): Promise<void> {
    const category = (await this.services.catalog.listCategories(shopper.ctx)).find((c) => c.slug === slug);
    if (!category) return this.pages.notFound(reply, shopper, 'There is no such category.');
    const listing = await this.services.catalog.listProducts(shopper.ctx, { category: slug, page: pageNumber(page) });
    await this.pages.send(reply, shopper, category.name, listingView(category.name, listing, `/categories/${encodeURIComponent(slug)}`, shopper.store.locale));
  }

  @Get('products/:slug')
  async product(@Shopper() shopper: ShopperState, @Param('slug') slug: string, @Query() query: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    const product = await this.services.catalog.productBySlug(shopper.ctx, slug);
    if (!product) return this.pages.notFound(reply, shopper, 'This product is not available.');
    const variant = chooseVariant(product, query);
    await this.pages.send(reply, shopper, product.title, productView(product, variant, shopper.csrfToken, shopper.store.locale));
  }

  @Get('search')
  async search(@Shopper() shopper: ShopperState, @Query('q') q: unknown, @Query('page') page: unknown, @Res() reply: FastifyReply): Promise<void> {
    const text = typeof q === 'string' ? q.trim().slice(0, 200) : '';
    const listing = await this.services.catalog.listProducts(shopper.ctx, { page: pageNumber(page), ...(text ? { q: text } : {}) });
    const heading = text ? `Results for “${text}”` : 'All products';
    await this.pages.send(reply, shopper, heading, listingView(heading, listing, `/search?q=${encodeURIComponent(text)}`, shopper.store.locale));
  }
}
