import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { ProductView } from '@storefront/catalog';
import { REVIEW_SORTS, type ReviewSort } from '@storefront/contracts';
import { ReviewError } from '@storefront/reviews';
import type { FastifyReply } from 'fastify';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { httpErrorOf } from '../http/shopping-error.interceptor';
import { reviewSchema } from '../reviews/reviews.controller';
import { SearchUnavailableError } from '../search/search-client';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { chooseVariant, homeView, listingView, productView } from '../views/catalog.views';
import { html } from '../views/html';
import { productStructuredData, reviewForm, reviewsSection } from '../views/review.views';
import { PAGE_RENDERER } from './page-tokens';
import { describe, type PageRenderer } from './page-renderer';

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
    await this.pages.send(reply, shopper, shopper.store.name, homeView(categories, featured.items.slice(0, 8), shopper.store.locale), 200, {
      canonicalPath: '/',
      description: `Shop ${categories.map((c) => c.name).join(', ') || 'our products'} at ${shopper.store.name}.`,
    });
  }

  @Get('categories/:slug')
  async category(@Shopper() shopper: ShopperState, @Param('slug') slug: string, @Query('page') page: unknown, @Res() reply: FastifyReply): Promise<void> {
    const category = (await this.services.catalog.listCategories(shopper.ctx)).find((c) => c.slug === slug);
    if (!category) return this.pages.notFound(reply, shopper, 'There is no such category.');
    const listing = await this.services.catalog.listProducts(shopper.ctx, { category: slug, page: pageNumber(page) });
    const current = pageNumber(page);
    await this.pages.send(reply, shopper, category.name, listingView(category.name, listing, `/categories/${encodeURIComponent(slug)}`, shopper.store.locale), 200, {
      canonicalPath: `/categories/${slug}${current > 1 ? `?page=${current}` : ''}`,
      description: `${category.name} at ${shopper.store.name}: ${listing.total} products.`,
    });
  }

  @Get('products/:slug')
  async product(@Shopper() shopper: ShopperState, @Param('slug') slug: string, @Query() query: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    const product = await this.services.catalog.productBySlug(shopper.ctx, slug);
    if (!product) return this.pages.notFound(reply, shopper, 'This product is not available.');
    await this.productPage(reply, shopper, product, query);
  }

  /** The shopper's review of the product, new or changed; errors show above the form. */
  @Post('products/:slug/reviews')
  async review(@Shopper() shopper: ShopperState, @Param('slug') slug: string, @Body() form: Record<string, string | undefined>, @Res() reply: FastifyReply): Promise<void> {
    const product = await this.services.catalog.productBySlug(shopper.ctx, slug);
    if (!product) return this.pages.notFound(reply, shopper, 'This product is not available.');
    const customerId = shopper.session.customerId;
    if (!customerId) return reply.redirect('/account', 303);
    const { _csrf: _, ...fields } = form;
    const input = reviewSchema.safeParse({ ...fields, authorName: fields.authorName || undefined });
    if (!input.success) {
      const message = input.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join('; ');
      return this.productPage(reply, shopper, product, {}, message, 400);
    }
    try {
      const { shoppers } = this.services.reviews;
      const mine = await shoppers.mine(shopper.ctx, customerId, product.id);
      if (mine) await shoppers.update(shopper.ctx, customerId, mine.id, input.data);
      else await shoppers.submit(shopper.ctx, customerId, product.id, input.data);
    } catch (error) {
      if (!(error instanceof ReviewError)) throw error;
      return this.productPage(reply, shopper, product, {}, error.message, httpErrorOf(error)!.getStatus());
    }
    await reply.redirect(`/products/${encodeURIComponent(product.slug)}#reviews-heading`, 303);
  }

  @Post('products/:slug/reviews/delete')
  async deleteReview(@Shopper() shopper: ShopperState, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    const product = await this.services.catalog.productBySlug(shopper.ctx, slug);
    if (!product) return this.pages.notFound(reply, shopper, 'This product is not available.');
    const customerId = shopper.session.customerId;
    const mine = customerId ? await this.services.reviews.shoppers.mine(shopper.ctx, customerId, product.id) : null;
    if (mine) await this.services.reviews.shoppers.remove(shopper.ctx, customerId!, mine.id);
    await reply.redirect(`/products/${encodeURIComponent(product.slug)}#reviews-heading`, 303);
  }

  private async productPage(
    reply: FastifyReply,
    shopper: ShopperState,
    product: ProductView,
    query: Record<string, string>,
    message?: string,
    statusCode = 200,
  ): Promise<void> {
    const variant = chooseVariant(product, query);
    const sort: ReviewSort = (REVIEW_SORTS as readonly string[]).includes(query.reviews ?? '') ? (query.reviews as ReviewSort) : 'newest';
    const customerId = shopper.session.customerId;
    const [reviews, mine, sales] = await Promise.all([
      this.services.reviews.listing.page(shopper.ctx, product.id, { sort, page: pageNumber(query.reviewPage) }),
      customerId ? this.services.reviews.shoppers.mine(shopper.ctx, customerId, product.id) : null,
      this.services.sales.forProduct(shopper.ctx, product.id),
    ]);
    const body = html`${productView(product, variant, shopper.csrfToken, shopper.store.locale, undefined, sales)}
      ${reviewsSection(product, reviews, reviewForm(product, shopper.csrfToken, customerId !== null, mine, message))}
      ${productStructuredData(product, reviews, `/products/${encodeURIComponent(product.slug)}`)}`;
    await this.pages.send(reply, shopper, product.title, body, statusCode, {
      canonicalPath: `/products/${product.slug}`,
      ogType: 'product',
      ...(describe(product.description) ? { description: describe(product.description)! } : {}),
      ...(product.images[0] ? { image: product.images[0] } : {}),
    });
  }

  @Get('search')
  async search(@Shopper() shopper: ShopperState, @Query('q') q: unknown, @Query('page') page: unknown, @Res() reply: FastifyReply): Promise<void> {
    const text = typeof q === 'string' ? q.trim().slice(0, 200) : '';
    const heading = text ? `Results for “${text}”` : 'All products';
    let listing;
    try {
      listing = await this.services.catalog.listProducts(shopper.ctx, { page: pageNumber(page), ...(text ? { q: text } : {}) });
    } catch (error) {
      if (!(error instanceof SearchUnavailableError)) throw error;
      return this.pages.send(reply, shopper, heading, html`<h1>${heading}</h1><p role="alert">${error.message}</p>`, 503);
    }
    await this.pages.send(reply, shopper, heading, listingView(heading, listing, `/search?q=${encodeURIComponent(text)}`, shopper.store.locale));
  }
}
