import { Body, Controller, Get, Inject, Post, Res } from '@nestjs/common';
import { ShoppingError } from '@storefront/shopping';
import type { FastifyReply } from 'fastify';
import { credentialsSchema } from '../customers/customers.controller';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { httpErrorOf } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { signedInAccountView, signedOutAccountView, type OrderSummary } from '../views/account.views';
import { PAGE_RENDERER } from './page-tokens';
import type { PageRenderer } from './page-renderer';

type Form = Record<string, string | undefined>;

/** Register, sign in, sign out, and the order history of the signed-in customer. */
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

  private async authenticate(
    shopper: ShopperState,
    form: Form,
    reply: FastifyReply,
    act: (input: { email: string; password: string }) => Promise<unknown>,
  ): Promise<void> {
    const input = credentialsSchema.safeParse({ email: form.email, password: form.password });
    if (!input.success) {
      const message = input.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join('; ');
      return this.pages.send(reply, shopper, 'Account', signedOutAccountView(shopper.csrfToken, message), 400);
    }
    try {
      await act(input.data);
      await reply.redirect('/account', 303);
    } catch (error) {
      if (!(error instanceof ShoppingError)) throw error;
      await this.pages.send(reply, shopper, 'Account', signedOutAccountView(shopper.csrfToken, error.message), httpErrorOf(error)!.getStatus());
    }
  }
}
