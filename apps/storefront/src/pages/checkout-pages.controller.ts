import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { PAYMENT_METHODS, type OrderDetail } from '@storefront/contracts';
import { ShoppingError } from '@storefront/shopping';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { paymentReturnUrl, shippingAddressSchema } from '../checkout/checkout.controller';
import { CheckoutUnavailableError } from '../checkout/checkout-client';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { checkoutView, confirmationView, type CheckoutFormModel } from '../views/cart.views';
import { PAGE_RENDERER } from './page-tokens';
import type { PageRenderer } from './page-renderer';

type Form = Record<string, string | undefined>;

/** Answers whose payment outcome is still open: a retry must reuse the key, so it resumes instead of charging again. */
const RETRY_SAFELY = new Set(['payment_timeout', 'request_in_progress', 'payment_in_doubt']);

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
  async place(@Req() request: FastifyRequest, @Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
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
        returnUrl: paymentReturnUrl(request),
      });
      if (answer.statusCode === 201) {
        const placed = answer.body as { orderId: string; nextAction?: { redirectUrl: string | null } };
        // A card that needs the shopper's bank: off to it; the bank sends them back to /checkout/return.
        return reply.redirect(placed.nextAction?.redirectUrl ?? `/orders/${placed.orderId}`, 303);
      }
      const body = answer.body as { message?: string; code?: string } | null;
      if (RETRY_SAFELY.has(body?.code ?? '')) {
        // The outcome is not known yet: the same key again resumes this payment and never charges twice.
        const message = `${body?.message ?? 'The payment could not be confirmed yet.'} Submitting again is safe: you will not be charged twice.`;
        return this.renderForm(shopper, reply, { values, errors: {}, message }, answer.statusCode, form.idempotencyKey);
      }
      // A fresh key: the shopper may fix the problem (another card, fewer items) and try again.
      return this.renderForm(shopper, reply, { values, errors: {}, message: body?.message ?? 'The order could not be placed.' }, answer.statusCode);
    } catch (error) {
      if (!(error instanceof ShoppingError) && !(error instanceof CheckoutUnavailableError)) throw error;
      return this.renderForm(shopper, reply, { values, errors: {}, message: error.message }, error instanceof CheckoutUnavailableError ? 503 : 409);
    }
  }

  /** Back from the shopper's bank (card authentication): settle the payment, then show the order. */
  @Get('checkout/return')
  async paymentReturn(@Shopper() shopper: ShopperState, @Query('order') orderId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const answer = orderId ? await this.services.actions.refreshPayment(shopper, orderId) : null;
    if (!answer) return this.pages.notFound(reply, shopper, 'There is no such order.');
    return reply.redirect(`/orders/${encodeURIComponent(orderId!)}`, 303);
  }

  @Get('orders/:id')
  async confirmation(@Shopper() shopper: ShopperState, @Param('id') orderId: string, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.services.actions.order(shopper, orderId);
    if (!answer) return this.pages.notFound(reply, shopper, 'There is no such order.');
    const order = answer.body as OrderDetail;
    await this.pages.send(reply, shopper, `Order ${order.number}`, confirmationView(order, shopper.store.locale, shopper.store.payment));
  }

  private async renderForm(shopper: ShopperState, reply: FastifyReply, form: CheckoutFormModel, status = 200, idempotencyKey: string = randomUUID()): Promise<void> {
    const cart = await this.services.actions.cart(shopper);
    if (cart.lines.length === 0 && status === 200) return reply.redirect('/cart', 303);
    await this.pages.send(reply, shopper, 'Checkout', checkoutView(cart, shopper.csrfToken, shopper.store.locale, form, idempotencyKey, shopper.store.payment), status);
  }
}
