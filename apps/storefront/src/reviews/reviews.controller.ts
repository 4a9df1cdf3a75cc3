import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Patch, Post, Query, UnauthorizedException, UseInterceptors } from '@nestjs/common';
import type { ProductView } from '@storefront/catalog';
import { REVIEW_LIMITS, REVIEW_SORTS, type ReviewPage, type ReviewView } from '@storefront/contracts';
import { atLeastOneField } from '@storefront/service-runtime';
import { z } from 'zod';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { ShoppingErrorInterceptor } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';

export const reviewQuerySchema = z
  .object({
    sort: z.enum(REVIEW_SORTS, { error: `must be one of ${REVIEW_SORTS.join(', ')}` }).default('newest'),
    page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1000, 'must be at most 1000').default(1),
  })
  .strict();

export const reviewSchema = z
  .object({
    rating: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    title: z.string().trim().min(1, 'must not be empty').max(REVIEW_LIMITS.title, `at most ${REVIEW_LIMITS.title} characters`),
    body: z.string().trim().max(REVIEW_LIMITS.body, `at most ${REVIEW_LIMITS.body} characters`).default(''),
    authorName: z.string().trim().max(REVIEW_LIMITS.authorName, `at most ${REVIEW_LIMITS.authorName} characters`).optional(),
  })
  .strict();

const reviewChangeSchema = atLeastOneField(reviewSchema.partial());

/** Reviews of the storefront's products: anyone reads the approved ones; a signed-in buyer writes their own. */
@Controller('api/v1')
@UseInterceptors(ShoppingErrorInterceptor)
export class ReviewsController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  @Get('products/:slug/reviews')
  async list(
    @Shopper() shopper: ShopperState,
    @Param('slug') slug: string,
    @Query({ schema: reviewQuerySchema }) query: z.infer<typeof reviewQuerySchema>,
  ): Promise<ReviewPage> {
    const product = await this.product(shopper, slug);
    return this.services.reviews.listing.page(shopper.ctx, product.id, query);
  }

  @Get('products/:slug/reviews/mine')
  async mine(@Shopper() shopper: ShopperState, @Param('slug') slug: string): Promise<ReviewView> {
    const customerId = signedIn(shopper);
    const review = await this.services.reviews.shoppers.mine(shopper.ctx, customerId, (await this.product(shopper, slug)).id);
    if (!review) throw new NotFoundException('you have not reviewed this product');
    return review;
  }

  @Post('products/:slug/reviews')
  async submit(
    @Shopper() shopper: ShopperState,
    @Param('slug') slug: string,
    @Body({ schema: reviewSchema }) body: z.infer<typeof reviewSchema>,
  ): Promise<ReviewView> {
    const customerId = signedIn(shopper);
    return this.services.reviews.shoppers.submit(shopper.ctx, customerId, (await this.product(shopper, slug)).id, body);
  }

  @Patch('reviews/:id')
  update(
    @Shopper() shopper: ShopperState,
    @Param('id') id: string,
    @Body({ schema: reviewChangeSchema }) body: z.infer<typeof reviewChangeSchema>,
  ): Promise<ReviewView> {
    return this.services.reviews.shoppers.update(shopper.ctx, signedIn(shopper), id, body);
  }

  @Delete('reviews/:id')
  @HttpCode(204)
  async remove(@Shopper() shopper: ShopperState, @Param('id') id: string): Promise<void> {
    await this.services.reviews.shoppers.remove(shopper.ctx, signedIn(shopper), id);
  }

  private async product(shopper: ShopperState, slug: string): Promise<ProductView> {
    const product = await this.services.catalog.productBySlug(shopper.ctx, slug);
    if (!product) throw new NotFoundException(`no product at /products/${slug}`);
    return product;
  }
}

function signedIn(shopper: ShopperState): string {
  if (!shopper.session.customerId) throw new UnauthorizedException('sign in to review products');
  return shopper.session.customerId;
}
