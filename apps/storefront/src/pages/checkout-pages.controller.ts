import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { PAYMENT_METHODS } from '@storefront/contracts';
import { ShoppingError } from '@storefront/shopping';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { shippingAddressSchema } from '../checkout/checkout.controller';
import { CheckoutUnavailableError } from '../checkout/checkout-client';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { checkoutView, confirmationView, type CheckoutFormModel } from '../views/cart.views';
import { PAGE_RENDERER } from './page-tokens';
import type { PageRenderer } from './page-renderer';

type Form = Record<string, string | undefined>;

/** Checkout form (address, payment) and the order confirmation page. */
@Controller()
export class CheckoutPagesController {
  constructor(
    @Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices,
    @Inject(PAGE_RENDERER) private readonly pages: PageRenderer,
  ) {}

  @Get('checkout')
  async form(@Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    await this.renderForm(shopper, reply, { values: {}, errors: {} });
  }

  @Post('checkout')
  async place(@Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const address = shippingAddressSchema.safeParse({
      name: form.name,
      line1: form.line1,
      city: form.city,
      postalCode: form.postalCode,
      country: form.country,
    });
    const values = Object.fromEntries(Object.entries(form).filter(([k]) => k !== '_csrf')) as Record<string, string>;
    if (!address.success) {
      const errors = Object.fromEntries(address.error.issues.map((issue) => [String(issue.path[0]), issue.message === 'Invalid input: expected string, received undefined' ? 'is required' : issue.message]));
      return this.renderForm(shopper, reply, { values, errors, message: 'Please check the highlighted fields.' }, 400, form.idempotencyKey);
    }
    // Checkout decides what the store accepts (a live store refuses the test card, whatever the form says).
    const paymentMethod = PAYMENT_METHODS.find((method) => method === form.paymentMethod);
    if (!paymentMethod) return this.renderForm(shopper, reply, { values, errors: {}, message: 'Choose how you want to pay.' }, 400, form.idempotencyKey);
    try {
      const answer = await this.services.actions.placeOrder(shopper, form.idempotencyKey ?? randomUUID(), {
        paymentMethod,
        ...(paymentMethod === 'test-card' ? { paymentToken: form.paymentToken || 'tok_success' } : {}),
        shippingAddress: address.data,
      });
      if (answer.statusCode === 201) {
        return reply.redirect(`/orders/${(answer.body as { orderId: string }).orderId}`, 303);
      }
      const message = (answer.body as { message?: string } | null)?.message ?? 'The order could not be placed.';
      // A fresh key: the shopper may fix the problem (another card, fewer items) and try again.
      return this.renderForm(shopper, reply, { values, errors: {}, message }, answer.statusCode);
    } catch (error) {
      if (!(error instanceof ShoppingError) && !(error instanceof CheckoutUnavailableError)) throw error;
      return this.renderForm(shopper, reply, { values, errors: {}, message: error.message }, error instanceof CheckoutUnavailableError ? 503 : 409);
    }
  }

  @Get('orders/:id')
  async confirmation(@Shopper() shopper: ShopperState, @Param('id') orderId: string, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.services.actions.order(shopper, orderId);
    if (!answer) return this.pages.notFound(reply, shopper, 'There is no such order.');
    const order = answer.body as { id: string; status: string; total: { amount: number; currency: string } };
    await this.pages.send(reply, shopper, 'Order placed', confirmationView(order, shopper.store.locale));
  }

  private async renderForm(shopper: ShopperState, reply: FastifyReply, form: CheckoutFormModel, status = 200, idempotencyKey: string = randomUUID()): Promise<void> {
    const cart = await this.services.actions.cart(shopper);
    if (cart.lines.length === 0 && status === 200) return reply.redirect('/cart', 303);
    await this.pages.send(reply, shopper, 'Checkout', checkoutView(cart, shopper.csrfToken, shopper.store.locale, form, idempotencyKey, shopper.store.payment), status);
  }
}
