import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { CartQuote } from '@storefront/contracts';
import { ShoppingError } from '@storefront/shopping';
import { CheckoutUnavailableError } from '../checkout/checkout-client';
import type { FastifyReply } from 'fastify';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { httpErrorOf } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { cartView } from '../views/cart.views';
import { html } from '../views/html';
import { PAGE_RENDERER } from './page-tokens';
import type { PageRenderer } from './page-renderer';

type Form = Record<string, string | undefined>;

/** The cart page and its forms (add, change quantity, remove); each change redirects back (PRG). */
@Controller('cart')
export class CartPagesController {
  constructor(
    @Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices,
    @Inject(PAGE_RENDERER) private readonly pages: PageRenderer,
  ) {}

  @Get()
  async show(@Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    const cart = await this.services.actions.cart(shopper);
    await this.pages.send(reply, shopper, 'Cart', cartView(cart, shopper.csrfToken, shopper.store.locale, undefined, await this.quoteOf(shopper)));
  }

  /** Sale prices and automatic promotions as checkout would charge them; the plain subtotal when checkout cannot say. */
  private async quoteOf(shopper: ShopperState): Promise<CartQuote | null> {
    try {
      const answer = await this.services.actions.quote(shopper);
      return answer?.statusCode === 200 ? (answer.body as CartQuote) : null;
    } catch (error) {
      if (error instanceof CheckoutUnavailableError) return null;
      throw error;
    }
  }

  @Post('items')
  add(@Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.change(shopper, reply, () => this.services.actions.addToCart(shopper, form.sku ?? '', Number(form.quantity ?? 1)), '/cart');
  }

  @Post('items/:id')
  update(@Shopper() shopper: ShopperState, @Param('id') lineId: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.change(shopper, reply, () => this.services.actions.updateLine(shopper, lineId, Number(form.quantity)), '/cart');
  }

  @Post('items/:id/remove')
  remove(@Shopper() shopper: ShopperState, @Param('id') lineId: string, @Res() reply: FastifyReply): Promise<void> {
    return this.change(shopper, reply, () => this.services.actions.removeLine(shopper, lineId), '/cart');
  }

  private async change(shopper: ShopperState, reply: FastifyReply, work: () => Promise<unknown>, next: string): Promise<void> {
    try {
      await work();
      await reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof ShoppingError)) throw error;
      const cart = await this.services.actions.cart(shopper);
      const message = html`<p class="error" role="alert">${error.message}</p>`;
      await this.pages.send(reply, shopper, 'Cart', cartView(cart, shopper.csrfToken, shopper.store.locale, message), httpErrorOf(error)!.getStatus());
    }
  }
}
