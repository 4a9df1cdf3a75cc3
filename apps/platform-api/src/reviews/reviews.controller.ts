import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { REVIEW_LIMITS, REVIEW_STATUSES, type ModeratedReview, type Page } from '@storefront/contracts';
import { ReviewModerationService } from '@storefront/reviews';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';

const reviewQueueQuery = z.strictObject({
  status: z.enum(REVIEW_STATUSES, { error: `must be one of ${REVIEW_STATUSES.join(', ')}` }).optional(),
  productId: z.uuid('must be a product id').optional(),
  page: z.coerce.number().int('must be a whole number').min(1).max(1000).default(1),
  pageSize: z.coerce.number().int('must be a whole number').min(1).max(100).default(20),
});

const replySchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(REVIEW_LIMITS.reply, `at most ${REVIEW_LIMITS.reply} characters`),
});

/** Moderation of the store's product reviews: the queue, approve, hide and a public reply. */
@ApiTags('reviews')
@Controller('api/v1/reviews')
@UseGuards(MerchantGuard)
export class ReviewsController {
  constructor(private readonly reviews: ReviewModerationService) {}

  /** `pending` is the moderation queue, oldest first; `pending` in the answer counts it whatever the filter. */
  @Get()
  list(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Query({ schema: reviewQueueQuery }) query: z.infer<typeof reviewQueueQuery>,
  ): Promise<Page<ModeratedReview> & { pending: number }> {
    return this.reviews.list(merchant.ctx, query);
  }

  @Get(':id')
  get(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<ModeratedReview> {
    return this.reviews.get(merchant.ctx, id);
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  approve(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<ModeratedReview> {
    return this.reviews.approve(merchant.ctx, id);
  }

  @Post(':id/hide')
  @HttpCode(HttpStatus.OK)
  hide(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<ModeratedReview> {
    return this.reviews.hide(merchant.ctx, id);
  }

  @Put(':id/reply')
  reply(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('id') id: string,
    @Body({ schema: replySchema }) body: z.infer<typeof replySchema>,
  ): Promise<ModeratedReview> {
    return this.reviews.reply(merchant.ctx, id, body.text);
  }

  @Delete(':id/reply')
  removeReply(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<ModeratedReview> {
    return this.reviews.reply(merchant.ctx, id, null);
  }
}
