import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SellingRulesService, SellingRuleNotFoundError, type DiscountCodeView, type PromotionView, type SaleView, type ShippingZoneView } from '@storefront/orders';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { isRegistryId } from '../http/uuid';
import { discountCodeSchema, promotionSchema, saleSchema, shippingZoneSchema, taxSettingsSchema } from './selling-schemas';

/** An id that cannot be a uuid names nothing: 404, never a cast error from PostgreSQL. */
function ruleId(entity: string, id: string): string {
  if (!isRegistryId(id)) throw new SellingRuleNotFoundError(entity, id);
  return id;
}

/**
 * The store's selling rules (docs/adr/0061): tax settings, shipping zones with methods and tax
 * rates, discount codes, automatic promotions and scheduled sales. PUT replaces a rule whole, so
 * the console edits one form per rule.
 */
@ApiTags('selling')
@Controller('api/v1')
@UseGuards(MerchantGuard)
export class SellingRulesController {
  constructor(private readonly rules: SellingRulesService) {}

  @Get('tax-settings')
  taxSettings(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ pricesIncludeTax: boolean }> {
    return this.rules.taxSettings(merchant.ctx);
  }

  @Put('tax-settings')
  setTaxSettings(@CurrentMerchant() merchant: MerchantPrincipal, @Body({ schema: taxSettingsSchema }) input: z.infer<typeof taxSettingsSchema>): Promise<{ pricesIncludeTax: boolean }> {
    return this.rules.setTaxSettings(merchant.ctx, input);
  }

  @Get('shipping-zones')
  async zones(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: ShippingZoneView[] }> {
    return { items: await this.rules.listZones(merchant.ctx) };
  }

  @Post('shipping-zones')
  @HttpCode(HttpStatus.CREATED)
  createZone(@CurrentMerchant() merchant: MerchantPrincipal, @Body({ schema: shippingZoneSchema }) input: z.infer<typeof shippingZoneSchema>): Promise<ShippingZoneView> {
    return this.rules.createZone(merchant.ctx, input);
  }

  @Get('shipping-zones/:id')
  zone(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<ShippingZoneView> {
    return this.rules.getZone(merchant.ctx, ruleId('shipping zone', id));
  }

  @Put('shipping-zones/:id')
  replaceZone(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Body({ schema: shippingZoneSchema }) input: z.infer<typeof shippingZoneSchema>): Promise<ShippingZoneView> {
    return this.rules.replaceZone(merchant.ctx, ruleId('shipping zone', id), input);
  }

  @Delete('shipping-zones/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteZone(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    return this.rules.deleteZone(merchant.ctx, ruleId('shipping zone', id));
  }

  @Get('discount-codes')
  async codes(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: DiscountCodeView[] }> {
    return { items: await this.rules.listCodes(merchant.ctx) };
  }

  @Post('discount-codes')
  @HttpCode(HttpStatus.CREATED)
  createCode(@CurrentMerchant() merchant: MerchantPrincipal, @Body({ schema: discountCodeSchema }) input: z.infer<typeof discountCodeSchema>): Promise<DiscountCodeView> {
    return this.rules.createCode(merchant.ctx, input);
  }

  @Get('discount-codes/:id')
  code(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<DiscountCodeView> {
    return this.rules.getCode(merchant.ctx, ruleId('discount code', id));
  }

  @Put('discount-codes/:id')
  replaceCode(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Body({ schema: discountCodeSchema }) input: z.infer<typeof discountCodeSchema>): Promise<DiscountCodeView> {
    return this.rules.replaceCode(merchant.ctx, ruleId('discount code', id), input);
  }

  @Delete('discount-codes/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteCode(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    return this.rules.deleteCode(merchant.ctx, ruleId('discount code', id));
  }

  @Get('promotions')
  async promotions(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: PromotionView[] }> {
    return { items: await this.rules.listPromotions(merchant.ctx) };
  }

  @Post('promotions')
  @HttpCode(HttpStatus.CREATED)
  createPromotion(@CurrentMerchant() merchant: MerchantPrincipal, @Body({ schema: promotionSchema }) input: z.infer<typeof promotionSchema>): Promise<PromotionView> {
    return this.rules.createPromotion(merchant.ctx, input);
  }

  @Get('promotions/:id')
  promotion(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<PromotionView> {
    return this.rules.getPromotion(merchant.ctx, ruleId('promotion', id));
  }

  @Put('promotions/:id')
  replacePromotion(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Body({ schema: promotionSchema }) input: z.infer<typeof promotionSchema>): Promise<PromotionView> {
    return this.rules.replacePromotion(merchant.ctx, ruleId('promotion', id), input);
  }

  @Delete('promotions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deletePromotion(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    return this.rules.deletePromotion(merchant.ctx, ruleId('promotion', id));
  }

  @Get('sales')
  async sales(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: SaleView[] }> {
    return { items: await this.rules.listSales(merchant.ctx) };
  }

  @Post('sales')
  @HttpCode(HttpStatus.CREATED)
  createSale(@CurrentMerchant() merchant: MerchantPrincipal, @Body({ schema: saleSchema }) input: z.infer<typeof saleSchema>): Promise<SaleView> {
    return this.rules.createSale(merchant.ctx, input);
  }

  @Get('sales/:id')
  sale(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<SaleView> {
    return this.rules.getSale(merchant.ctx, ruleId('sale', id));
  }

  @Put('sales/:id')
  replaceSale(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string, @Body({ schema: saleSchema }) input: z.infer<typeof saleSchema>): Promise<SaleView> {
    return this.rules.replaceSale(merchant.ctx, ruleId('sale', id), input);
  }

  @Delete('sales/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteSale(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    return this.rules.deleteSale(merchant.ctx, ruleId('sale', id));
  }
}
