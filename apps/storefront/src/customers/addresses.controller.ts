import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UnauthorizedException, UseInterceptors } from '@nestjs/common';
import type { SavedAddress } from '@storefront/shopping';
import { z } from 'zod';
import { shippingAddressSchema } from '../checkout/checkout.controller';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { ShoppingErrorInterceptor } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';

const saveAddressSchema = z.object({ address: shippingAddressSchema, makeDefault: z.boolean().optional() }).strict();

/** The signed-in shopper's address book; a guest has none. */
@Controller('api/v1/customers/me/addresses')
@UseInterceptors(ShoppingErrorInterceptor)
export class AddressesController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  @Get()
  async list(@Shopper() shopper: ShopperState): Promise<{ items: SavedAddress[] }> {
    return { items: await this.services.addresses.list(shopper.ctx, signedIn(shopper)) };
  }

  @Post()
  save(@Shopper() shopper: ShopperState, @Body({ schema: saveAddressSchema }) body: z.infer<typeof saveAddressSchema>): Promise<SavedAddress> {
    return this.services.addresses.add(shopper.ctx, signedIn(shopper), body.address, { makeDefault: body.makeDefault ?? false });
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Shopper() shopper: ShopperState, @Param('id') id: string): Promise<void> {
    await this.services.addresses.remove(shopper.ctx, signedIn(shopper), id);
  }
}

function signedIn(shopper: ShopperState): string {
  if (!shopper.session.customerId) throw new UnauthorizedException('sign in to keep addresses');
  return shopper.session.customerId;
}
