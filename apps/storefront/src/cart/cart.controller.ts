import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, UseInterceptors } from '@nestjs/common';
import type { CartView } from '@storefront/shopping';
import { z } from 'zod';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { ShoppingErrorInterceptor } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';

// Quantity bounds are the cart's business rule (0 / negative / above stock are answered there).
const addItemSchema = z.object({ sku: z.string().min(1).max(100), quantity: z.number().int('must be a whole number') }).strict();
const updateItemSchema = z.object({ quantity: z.number().int('must be a whole number') }).strict();

@Controller('api/v1/cart')
@UseInterceptors(ShoppingErrorInterceptor)
export class CartController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  @Get()
  view(@Shopper() shopper: ShopperState): Promise<CartView> {
    return this.services.actions.cart(shopper);
  }

  @Post('items')
  add(@Shopper() shopper: ShopperState, @Body({ schema: addItemSchema }) body: z.infer<typeof addItemSchema>): Promise<CartView> {
    return this.services.actions.addToCart(shopper, body.sku, body.quantity);
  }

  @Patch('items/:id')
  update(
    @Shopper() shopper: ShopperState,
    @Param('id') lineId: string,
    @Body({ schema: updateItemSchema }) body: z.infer<typeof updateItemSchema>,
  ): Promise<CartView> {
    return this.services.actions.updateLine(shopper, lineId, body.quantity);
  }

  @Delete('items/:id')
  @HttpCode(200)
  remove(@Shopper() shopper: ShopperState, @Param('id') lineId: string): Promise<CartView> {
    return this.services.actions.removeLine(shopper, lineId);
  }
}
