import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Req, Res, UnauthorizedException, UseInterceptors, type RawBodyRequest } from '@nestjs/common';
import { PAYMENT_METHODS, postalCodeProblem } from '@storefront/contracts';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Shopper, type ShopperState } from '../http/shopper-state';
import { ShoppingErrorInterceptor } from '../http/shopping-error.interceptor';
import { STOREFRONT_SERVICES, type StorefrontServices } from '../storefront-services';
import { storeOriginOf } from '../http/store-origin';

const countryField = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE');
const regionField = z.string().trim().regex(/^([A-Za-z]{2}-)?[A-Za-z0-9]{1,3}$/, 'must be a state or region code such as NY').optional();

/** The postal code must fit its country, named on the field so the form can say where. */
function postalCodeFits(address: { country: string; postalCode: string }, context: z.RefinementCtx): void {
  const problem = /^[A-Z]{2}$/.test(address.country) ? postalCodeProblem(address.country, address.postalCode) : null;
  if (problem) context.addIssue({ code: 'custom', path: ['postalCode'], message: problem });
}

export const shippingAddressSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    line1: z.string().trim().min(1, 'is required').max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1, 'is required').max(100),
    region: regionField,
    postalCode: z.string().trim().min(1, 'is required').max(20),
    country: countryField,
    phone: z.string().trim().max(40).optional(),
  })
  .strict()
  .superRefine(postalCodeFits)
  .meta({ 'x-rule': "postalCode has the shape of the country's postal codes" });

/** Where the cart goes, for a quote before the whole address is typed. */
export const destinationSchema = z
  .object({ country: countryField, region: regionField, postalCode: z.string().trim().min(1, 'is required').max(20) })
  .strict()
  .superRefine(postalCodeFits)
  .meta({ 'x-rule': "postalCode has the shape of the country's postal codes" });

/** The choices that change the totals, shared by quotes and checkout. */
const sellingChoices = {
  shippingMethodId: z.uuid('must be the id of a shipping method').optional(),
  discountCode: z.string().trim().min(1).max(40).optional(),
};

export const quoteSchema = z.object({ destination: destinationSchema.optional(), ...sellingChoices }).strict();

export const checkoutSchema = z
  .object({
    paymentMethod: z.enum(PAYMENT_METHODS, { error: `must be one of ${PAYMENT_METHODS.join(', ')}` }),
    paymentToken: z.string().min(1).max(200).optional(),
    shippingAddress: shippingAddressSchema,
    ...sellingChoices,
    email: z.email('must be an email address').max(254).optional(),
    /** The total the shopper was shown (a quote's); a higher one answers 409 price_changed. */
    expectedTotal: z.strictObject({ amount: z.number().int().min(0).max(1e12), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
  })
  .strict();

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;

/** Where a shopper's bank sends them back: this store's own address (checkout adds the order). */
export function paymentReturnUrl(request: FastifyRequest): string {
  return `${storeOriginOf(request)}/checkout/return`;
}

@Controller('api/v1')
@UseInterceptors(ShoppingErrorInterceptor)
export class CheckoutController {
  constructor(@Inject(STOREFRONT_SERVICES) private readonly services: StorefrontServices) {}

  /** Places the order from the session's cart; the cart is emptied once the order exists. */
  @Post('checkout')
  @ApiHeader({ name: 'Idempotency-Key', required: true, schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source } })
  async checkout(
    @Req() request: FastifyRequest,
    @Shopper() shopper: ShopperState,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body({ schema: checkoutSchema }) body: z.infer<typeof checkoutSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new HttpErrorWithDetails(400, 'an Idempotency-Key header is required', [
        { field: 'Idempotency-Key', message: '8 to 255 characters: letters, digits, _ . : -' },
      ]);
    }
    const answer = await this.services.actions.placeOrder(shopper, idempotencyKey, { ...body, returnUrl: paymentReturnUrl(request) });
    void reply.status(answer.statusCode);
    return answer.body;
  }

  /** What the session's cart would cost with these choices: the breakdown checkout would charge. */
  @Post('cart/quote')
  @HttpCode(200)
  async quote(@Shopper() shopper: ShopperState, @Body({ schema: quoteSchema }) body: z.infer<typeof quoteSchema>, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const answer = await this.services.actions.quote(shopper, body);
    if (!answer) throw new HttpErrorWithDetails(409, 'the cart is empty', [{ field: 'lines', message: 'add an item first' }]);
    void reply.status(answer.statusCode);
    return answer.body;
  }

  /**
   * Stripe's webhook for this store (the address its payment settings show): the exact bytes and
   * the signature go to the store's checkout shard, which verifies them with the store's secret.
   */
  @Post('payments/stripe/webhook')
  @HttpCode(200)
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  async stripeWebhook(
    @Shopper() shopper: ShopperState,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const payload = request.rawBody?.toString('utf8') ?? '';
    const answer = await this.services.checkout.stripeWebhook(shopper.tenant.tenantId, payload, signature);
    void reply.status(answer.statusCode);
    return answer.body;
  }

  /** The signed-in customer's purchase history. */
  @Get('orders')
  async orders(@Shopper() shopper: ShopperState, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    if (!shopper.session.customerId) throw new UnauthorizedException('sign in to see your orders');
    const answer = await this.services.actions.orders(shopper);
    void reply.status(answer.statusCode);
    return answer.body;
  }
}
