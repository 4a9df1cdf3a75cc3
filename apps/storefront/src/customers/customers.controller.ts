import { Body, Controller, Get, HttpCode, Inject, Post, Req, UnauthorizedException, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CustomerView } from '@storefront/shopping';
import { z } from 'zod';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { ShoppingErrorInterceptor } from '../http/shopping-error.interceptor';
import { storeOriginOf } from '../http/store-origin';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';

const email = z.email('must be an email address').max(254);
const password = z.string().min(8, 'must be at least 8 characters').max(200);

export const credentialsSchema = z.object({ email, password }).strict();

export const passwordResetRequestSchema = z.object({ email }).strict();

export const passwordResetSchema = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token from the reset link'),
    password,
  })
  .strict();

/** The same answer whether or not the email has an account, so accounts cannot be probed. */
export const PASSWORD_RESET_REQUESTED = { message: 'if an account exists for this email, a link to choose a new password is on its way' };

@Controller('api/v1/customers')
@UseInterceptors(ShoppingErrorInterceptor)
export class CustomersController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  /** Registers and signs in, like most stores do. */
  @Post()
  register(@Shopper() shopper: ShopperState, @Body({ schema: credentialsSchema }) body: z.infer<typeof credentialsSchema>): Promise<CustomerView> {
    return this.services.actions.register(shopper, body);
  }

  @Post('login')
  @HttpCode(200)
  login(@Shopper() shopper: ShopperState, @Body({ schema: credentialsSchema }) body: z.infer<typeof credentialsSchema>): Promise<CustomerView> {
    return this.services.actions.login(shopper, body);
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Shopper() shopper: ShopperState): void {
    this.services.actions.logout(shopper);
  }

  /** 202 either way; the link (valid 60 minutes, once) goes to the account's email. */
  @Post('password-reset')
  @HttpCode(202)
  async requestPasswordReset(
    @Req() request: FastifyRequest,
    @Shopper() shopper: ShopperState,
    @Body({ schema: passwordResetRequestSchema }) body: z.infer<typeof passwordResetRequestSchema>,
  ): Promise<typeof PASSWORD_RESET_REQUESTED> {
    await this.services.actions.requestPasswordReset(shopper, body, storeOriginOf(request));
    return PASSWORD_RESET_REQUESTED;
  }

  /** Sets the password through the link's token and signs in; 400 for an invalid, used or expired token. */
  @Post('password-reset/confirm')
  @HttpCode(200)
  resetPassword(@Shopper() shopper: ShopperState, @Body({ schema: passwordResetSchema }) body: z.infer<typeof passwordResetSchema>): Promise<CustomerView> {
    return this.services.actions.resetPassword(shopper, body);
  }

  @Get('me')
  me(@Shopper() shopper: ShopperState): CustomerView {
    if (!shopper.session.customerId) throw new UnauthorizedException('not signed in');
    return { id: shopper.session.customerId, email: shopper.session.email! };
  }
}
