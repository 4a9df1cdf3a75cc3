import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ShoppingError, SignInThrottledError } from '@storefront/shopping';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialsSchema, PASSWORD_RESET_REQUESTED, passwordResetRequestSchema, passwordResetSchema } from '../customers/customers.controller';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { httpErrorOf } from '../http/shopping-error.interceptor';
import { storeOriginOf } from '../http/store-origin';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { forgotPasswordView, resetPasswordView, signedInAccountView, signedOutAccountView, type OrderSummary } from '../views/account.views';
import { PAGE_RENDERER } from './page-tokens';
import type { PageRenderer } from './page-renderer';

type Form = Record<string, string | undefined>;

/** Register, sign in, sign out, a forgotten password, and the order history of the signed-in customer. */
@Controller('account')
export class AccountPagesController {
  constructor(
    @Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices,
    @Inject(PAGE_RENDERER) private readonly pages: PageRenderer,
  ) {}

  @Get()
  async show(@Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    if (!shopper.session.customerId) {
      return this.pages.send(reply, shopper, 'Account', signedOutAccountView(shopper.csrfToken));
    }
    const answer = await this.services.actions.orders(shopper);
    const orders = answer.statusCode === 200 ? ((answer.body as { items: OrderSummary[] }).items ?? []) : [];
    await this.pages.send(reply, shopper, 'Account', signedInAccountView(shopper.session.email!, orders, shopper.store.locale));
  }

  @Post('register')
  register(@Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.authenticate(shopper, form, reply, (input) => this.services.actions.register(shopper, input));
  }

  @Post('sign-in')
  signIn(@Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.authenticate(shopper, form, reply, (input) => this.services.actions.login(shopper, input));
  }

  @Post('sign-out')
  async signOut(@Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    this.services.actions.logout(shopper);
    await reply.redirect('/', 303);
  }

  @Get('forgot')
  forgot(@Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.send(reply, shopper, 'Forgot your password?', forgotPasswordView(shopper.csrfToken));
  }

  @Post('forgot')
  async requestReset(@Req() request: FastifyRequest, @Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const input = passwordResetRequestSchema.safeParse({ email: form.email });
    if (!input.success) {
      return this.pages.send(reply, shopper, 'Forgot your password?', forgotPasswordView(shopper.csrfToken, { error: fieldMessages(input.error) }), 400);
    }
    await this.services.actions.requestPasswordReset(shopper, input.data, storeOriginOf(request));
    await this.pages.send(reply, shopper, 'Forgot your password?', forgotPasswordView(shopper.csrfToken, { sent: PASSWORD_RESET_REQUESTED.message }));
  }

  @Get('reset')
  reset(@Shopper() shopper: ShopperState, @Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    // The token is in this page's address: no Referer may carry it to another site.
    void reply.header('referrer-policy', 'no-referrer');
    return this.pages.send(reply, shopper, 'Choose a new password', resetPasswordView(shopper.csrfToken, typeof token === 'string' ? token : ''));
  }

  @Post('reset')
  async resetPassword(@Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const token = typeof form.token === 'string' ? form.token : '';
    const input = passwordResetSchema.safeParse({ token, password: form.password });
    if (!input.success) {
      return this.pages.send(reply, shopper, 'Choose a new password', resetPasswordView(shopper.csrfToken, token, fieldMessages(input.error)), 400);
    }
    try {
      await this.services.actions.resetPassword(shopper, input.data);
      await reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ShoppingError)) throw error;
      await this.pages.send(reply, shopper, 'Choose a new password', resetPasswordView(shopper.csrfToken, token, error.message), httpErrorOf(error)!.getStatus());
    }
  }

  private async authenticate(
    shopper: ShopperState,
    form: Form,
    reply: FastifyReply,
    act: (input: { email: string; password: string }) => Promise<unknown>,
  ): Promise<void> {
    const input = credentialsSchema.safeParse({ email: form.email, password: form.password });
    if (!input.success) {
      return this.pages.send(reply, shopper, 'Account', signedOutAccountView(shopper.csrfToken, fieldMessages(input.error)), 400);
    }
    try {
      await act(input.data);
      await reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ShoppingError)) throw error;
      if (error instanceof SignInThrottledError) void reply.header('retry-after', String(error.retryAfterSeconds));
      await this.pages.send(reply, shopper, 'Account', signedOutAccountView(shopper.csrfToken, error.message), httpErrorOf(error)!.getStatus());
    }
  }
}

/** A form's field errors as one line: "email must be an email address; password ...". */
function fieldMessages(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join('; ');
}
