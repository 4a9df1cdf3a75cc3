import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { PAYMENT_METHODS, type CartQuote, type OrderDetail, type ShippingAddress } from '@storefront/contracts';
import { ShoppingError } from '@storefront/shopping';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { destinationSchema, paymentReturnUrl, shippingAddressSchema } from '../checkout/checkout.controller';
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

  /** A signed-in shopper starts from their default address. */
  @Get('checkout')
  async form(@Shopper() shopper: ShopperState, @Res() reply: FastifyReply): Promise<void> {
    const customerId = shopper.session.customerId;
    const preferred = customerId ? (await this.services.addresses.list(shopper.ctx, customerId))[0] : undefined;
    await this.renderForm(shopper, reply, { values: preferred ? addressValues(preferred.address) : {}, errors: {} });
  }

  @Post('checkout')
  async place(@Req() request: FastifyRequest, @Shopper() shopper: ShopperState, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const values = Object.fromEntries(Object.entries(form).filter(([k]) => k !== '_csrf' && k !== 'intent')) as Record<string, string>;
    const filled = (name: string): string | undefined => (form[name]?.trim() ? form[name] : undefined);
    // "Update totals": the quote for what the form holds so far; nothing is ordered.
    if (form.intent === 'quote') return this.renderForm(shopper, reply, { values, errors: {} }, 200, form.idempotencyKey);
    if (form.intent === 'use-address') return this.useSavedAddress(shopper, reply, values, form.savedAddress ?? '', form.idempotencyKey);

    const address = shippingAddressSchema.safeParse({
      name: form.name,
      line1: form.line1,
      city: form.city,
      region: filled('region'),
      postalCode: form.postalCode,
      country: form.country,
    });
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
        shippingMethodId: filled('shippingMethodId'),
        discountCode: filled('discountCode'),
        email: shopper.session.customerId ? undefined : filled('email'),
        expectedTotal: expectedTotalOf(form.expectedTotal),
        returnUrl: paymentReturnUrl(request),
      });
      if (answer.statusCode === 201) {
        const placed = answer.body as { orderId: string; nextAction?: { redirectUrl: string | null } };
        if (shopper.session.customerId && form.saveAddress) await this.keepAddress(shopper, shopper.session.customerId, address.data);
        // A card that needs the shopper's bank: off to it; the bank sends them back to /checkout/return.
        return reply.redirect(placed.nextAction?.redirectUrl ?? `/orders/${placed.orderId}`, 303);
      }
      const body = answer.body as { message?: string; code?: string; details?: { field: string; message: string }[] } | null;
      if (RETRY_SAFELY.has(body?.code ?? '')) {
        // The outcome is not known yet: the same key again resumes this payment and never charges twice.
        const message = `${body?.message ?? 'The payment could not be confirmed yet.'} Submitting again is safe: you will not be charged twice.`;
        return this.renderForm(shopper, reply, { values, errors: {}, message }, answer.statusCode, form.idempotencyKey);
      }
      // A fresh key: the shopper may fix the problem (another card, fewer items, no code) and try again.
      const totalChanged = body?.details?.some((detail) => detail.field === 'expectedTotal');
      const message = totalChanged ? 'The total has changed (shipping and tax for your address, or a price): check the new total below and place the order again.' : (body?.message ?? 'The order could not be placed.');
      return this.renderForm(shopper, reply, { values, errors: formErrorsOf(body?.details), message }, answer.statusCode);
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
    const priced = await this.quoteFor(shopper, form);
    const customerId = shopper.session.customerId;
    const model: CheckoutFormModel = {
      ...form,
      savedAddresses: customerId ? await this.services.addresses.list(shopper.ctx, customerId) : [],
      quote: priced.quote,
      errors: { ...priced.errors, ...form.errors },
      signedIn: Boolean(shopper.session.customerId),
      ...(form.message ?? priced.message ? { message: form.message ?? priced.message } : {}),
    };
    const answerStatus = status === 200 && priced.status ? priced.status : status;
    await this.pages.send(reply, shopper, 'Checkout', checkoutView(cart, shopper.csrfToken, shopper.store.locale, model, idempotencyKey, shopper.store.payment), answerStatus);
  }

  /** Best effort: the order is placed whatever happens here (a full address book only skips the save). */
  private async keepAddress(shopper: ShopperState, customerId: string, address: ShippingAddress): Promise<void> {
    try {
      await this.services.addresses.add(shopper.ctx, customerId, address);
    } catch (error) {
      if (!(error instanceof ShoppingError)) throw error;
    }
  }

  /** Fills the address fields from a saved address of this customer (another customer's id is not found). */
  private async useSavedAddress(shopper: ShopperState, reply: FastifyReply, values: Record<string, string>, addressId: string, idempotencyKey: string | undefined): Promise<void> {
    const customerId = shopper.session.customerId;
    if (!customerId) return this.renderForm(shopper, reply, { values, errors: {}, message: 'Sign in to use saved addresses.' }, 401, idempotencyKey);
    try {
      const saved = await this.services.addresses.get(shopper.ctx, customerId, addressId);
      return this.renderForm(shopper, reply, { values: { ...values, ...addressValues(saved.address) }, errors: {} }, 200, idempotencyKey);
    } catch (error) {
      if (!(error instanceof ShoppingError)) throw error;
      return this.renderForm(shopper, reply, { values, errors: {}, message: error.message }, 404, idempotencyKey);
    }
  }

  /** The quote for the form's destination, method and code; a refused code or address comes back as field errors. */
  private async quoteFor(shopper: ShopperState, form: CheckoutFormModel): Promise<{ quote: CartQuote | null; errors: Record<string, string>; message?: string; status?: number }> {
    const values = form.values;
    const destination = destinationSchema.safeParse({ country: values.country, region: values.region?.trim() || undefined, postalCode: values.postalCode });
    const choices = {
      ...(destination.success ? { destination: destination.data } : {}),
      shippingMethodId: destination.success && values.shippingMethodId ? values.shippingMethodId : undefined,
      discountCode: values.discountCode?.trim() || undefined,
    };
    try {
      const answer = await this.services.actions.quote(shopper, choices);
      if (!answer) return { quote: null, errors: {} };
      if (answer.statusCode === 200) return { quote: answer.body as CartQuote, errors: {} };
      const body = answer.body as { message?: string; details?: { field: string; message: string }[] } | null;
      // The totals without what was refused, so the shopper still sees a price.
      const fallback = await this.services.actions.quote(shopper, { ...choices, discountCode: undefined, shippingMethodId: undefined, ...(body?.details?.some((d) => d.field.startsWith('shippingAddress')) ? { destination: undefined } : {}) });
      return {
        quote: fallback?.statusCode === 200 ? (fallback.body as CartQuote) : null,
        errors: formErrorsOf(body?.details),
        ...(body?.message ? { message: body.message } : {}),
        status: answer.statusCode,
      };
    } catch (error) {
      if (error instanceof CheckoutUnavailableError) return { quote: null, errors: {} };
      throw error;
    }
  }
}

/** Checkout's field names -> the form's: `shippingAddress.country` is the country field. */
function formErrorsOf(details: readonly { field: string; message: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((details ?? []).map((detail) => [detail.field.replace(/^shippingAddress\./, '').replace(/^destination\./, ''), detail.message]));
}

/** The total the page showed ("3188 EUR"), so checkout refuses to charge more than that without a word. */
function expectedTotalOf(value: string | undefined): { amount: number; currency: string } | undefined {
  const match = /^(\d{1,13}) ([A-Z]{3})$/.exec(value ?? '');
  return match ? { amount: Number(match[1]), currency: match[2]! } : undefined;
}

/** A saved address as the form's field values. */
function addressValues(address: ShippingAddress): Record<string, string> {
  return Object.fromEntries(Object.entries(address).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
}
