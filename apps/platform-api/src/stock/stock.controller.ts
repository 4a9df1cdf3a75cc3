import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { StockService, type StockLevel } from '@storefront/catalog';
import type { LowStockReport } from '@storefront/contracts';
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
    .refine((delta) => delta !== 0, 'must not be 0')
    .meta({ not: { enum: [0] } }),
  reason: z.string().trim().min(1, 'must not be empty').max(200),
});

const lowStockSchema = z.strictObject({
  threshold: z.coerce.number().int('must be a whole number').min(0).max(1_000_000).default(5),
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(20),
});

/** Stock adjustments of one variant (restock, shrinkage, counts), each kept in the stock ledger; low-stock report. */
@ApiTags('catalog')
@Controller('api/v1')
@UseGuards(MerchantGuard)
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Post('variants/:variantId/stock-adjustments')
  @HttpCode(HttpStatus.CREATED)
  adjust(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('variantId') variantId: string,
    @Body({ schema: adjustmentSchema }) input: z.infer<typeof adjustmentSchema>,
  ): Promise<StockLevel> {
    return this.stock.adjust(merchant.ctx, variantId, input, merchant.email);
  }

  /** Variants running low across the whole catalog, for the merchant's home page. */
  @Get('stock/low')
  lowStock(@CurrentMerchant() merchant: MerchantPrincipal, @Query({ schema: lowStockSchema }) query: z.infer<typeof lowStockSchema>): Promise<LowStockReport> {
    return this.stock.lowStock(merchant.ctx, query);
  }
}
