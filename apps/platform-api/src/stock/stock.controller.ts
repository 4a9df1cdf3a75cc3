import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { StockService, type StockLevel } from '@storefront/catalog';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';

const adjustmentSchema = z.strictObject({
  delta: z
    .number()
    .int('must be a whole number')
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .refine((delta) => delta !== 0, 'must not be 0'),
  reason: z.string().trim().min(1, 'must not be empty').max(200),
});

/** Stock adjustments of one variant (restock, shrinkage, counts), each kept in the stock ledger. */
@ApiTags('catalog')
@Controller('api/v1/variants/:variantId/stock-adjustments')
@UseGuards(MerchantGuard)
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  adjust(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('variantId') variantId: string,
    @Body({ schema: adjustmentSchema }) input: z.infer<typeof adjustmentSchema>,
  ): Promise<StockLevel> {
    return this.stock.adjust(merchant.ctx, variantId, input, merchant.email);
  }
}
