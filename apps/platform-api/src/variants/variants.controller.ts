import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { VariantService, type VariantView } from '@storefront/catalog';
import { atLeastOneField } from '@storefront/service-runtime';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { moneySchema, variantSchema } from '../products/product.schemas';

const variantChangeSchema = atLeastOneField(
  z.strictObject({ sku: variantSchema.shape.sku, price: moneySchema.nullable(), weightGrams: variantSchema.shape.weightGrams.unwrap(), taxCategory: variantSchema.shape.taxCategory.unwrap() }).partial(),
);

/** Variants of an existing product; stock changes go through stock adjustments (the ledger). */
@ApiTags('catalog')
@Controller('api/v1')
@UseGuards(MerchantGuard)
export class VariantsController {
  constructor(private readonly variants: VariantService) {}

  @Post('products/:productId/variants')
  @HttpCode(HttpStatus.CREATED)
  add(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('productId') productId: string,
    @Body({ schema: variantSchema }) input: z.infer<typeof variantSchema>,
  ): Promise<VariantView> {
    return this.variants.add(merchant.ctx, productId, input);
  }

  @Patch('variants/:id')
  update(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('id') id: string,
    @Body({ schema: variantChangeSchema }) change: z.infer<typeof variantChangeSchema>,
  ): Promise<VariantView> {
    return this.variants.update(merchant.ctx, id, change);
  }

  @Delete('variants/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    await this.variants.remove(merchant.ctx, id);
  }
}
