import { Body, Controller, Get, HttpCode, Inject, Post, UnauthorizedException, UseInterceptors } from '@nestjs/common';
import type { CustomerView } from '@storefront/shopping';
import { ZodValidationPipe } from '@storefront/service-runtime';
import { z } from 'zod';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { ShoppingErrorInterceptor } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';

export const credentialsSchema = z
  .object({
    email: z.email('must be an email address').max(254),
    password: z.string().min(8, 'must be at least 8 characters').max(200),
  })
  .strict();

@Controller('api/v1/customers')
@UseInterceptors(ShoppingErrorInterceptor)
export class CustomersController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  /** Registers and signs in, like most stores do. */
  @Post()
  register(@Shopper() shopper: ShopperState, @Body(new ZodValidationPipe(credentialsSchema)) body: z.infer<typeof credentialsSchema>): Promise<CustomerView> {
    return this.services.actions.register(shopper, body);
  }

  @Post('login')
  @HttpCode(200)
  login(@Shopper() shopper: ShopperState, @Body(new ZodValidationPipe(credentialsSchema)) body: z.infer<typeof credentialsSchema>): Promise<CustomerView> {
    return this.services.actions.login(shopper, body);
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Shopper() shopper: ShopperState): void {
    this.services.actions.logout(shopper);
  }

  @Get('me')
  me(@Shopper() shopper: ShopperState): CustomerView {
    if (!shopper.session.customerId) throw new UnauthorizedException('not signed in');
    return { id: shopper.session.customerId, email: shopper.session.email! };
  }
}
