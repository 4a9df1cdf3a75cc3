import type { CartService, CartView, CustomerService, CustomerView, PasswordResetService } from '@storefront/shopping';
import { InvalidCredentialsError, ShoppingValidationError } from '@storefront/shopping';
import type Redis from 'ioredis';
import type { CheckoutAnswer, CheckoutClient } from './checkout/checkout-client';
import type { ShopperState } from './http/shopper-state';
import type { SignInThrottle } from './http/sign-in-throttle';

/** What the shopper chose that changes the totals; the lines always come from the session's cart. */
export interface QuoteRequestInput {
  readonly destination?: { readonly country: string; readonly region?: string | undefined; readonly postalCode: string };
  readonly shippingMethodId?: string | undefined;
  readonly discountCode?: string | undefined;
}

export interface CheckoutRequestInput {
  readonly paymentMethod: string;
  readonly paymentToken?: string;
  readonly shippingAddress: Record<string, string | undefined>;
  readonly shippingMethodId?: string | undefined;
  readonly discountCode?: string | undefined;
  /** A guest's email for the receipt; a signed-in customer's own account has it. */
  readonly email?: string | undefined;
  readonly expectedTotal?: { readonly amount: number; readonly currency: string } | undefined;
  /** Where the shopper's browser comes back after confirming a card payment with their bank. */
  readonly returnUrl?: string;
}

/** A checkout answer is kept this long for replays of the same Idempotency-Key. */
const CHECKOUT_REPLAY_SECONDS = 24 * 60 * 60;

/**
 * The shopper journeys shared by the JSON API and the HTML pages: cart changes that create the
 * session's cart, sign-in that merges carts and rotates the session, and checkout.
 */
export class ShopperActions {
  constructor(
    private readonly carts: CartService,
    private readonly customers: CustomerService,
    private readonly checkout: CheckoutClient,
    private readonly redis: Redis,
    private readonly passwordResets: PasswordResetService,
    private readonly signInThrottle: SignInThrottle,
  ) {}

  cart(shopper: ShopperState): Promise<CartView> {
    return this.carts.view(shopper.ctx, shopper.session.cartId);
  }

  async addToCart(shopper: ShopperState, sku: string, quantity: number): Promise<CartView> {
    const cart = await this.carts.addItem(shopper.ctx, shopper.session.cartId, { sku, quantity });
    if (cart.id !== shopper.session.cartId) shopper.session.update({ cartId: cart.id! });
    return cart;
  }

  updateLine(shopper: ShopperState, lineId: string, quantity: number): Promise<CartView> {
    return this.carts.updateLine(shopper.ctx, shopper.session.cartId, lineId, quantity);
  }

  removeLine(shopper: ShopperState, lineId: string): Promise<CartView> {
    return this.carts.removeLine(shopper.ctx, shopper.session.cartId, lineId);
  }

  async register(shopper: ShopperState, input: { email: string; password: string }): Promise<CustomerView> {
    const customer = await this.customers.register(shopper.ctx, input);
    await this.signIn(shopper, customer);
    return customer;
  }

  /** Wrong passwords count per account (SignInThrottle); past the limit the password is not even checked. */
  async login(shopper: ShopperState, input: { email: string; password: string }): Promise<CustomerView> {
    const tenantId = shopper.tenant.tenantId;
    await this.signInThrottle.assertAllowed(tenantId, input.email);
    let customer: CustomerView;
    try {
      customer = await this.customers.authenticate(shopper.ctx, input);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) await this.signInThrottle.failed(tenantId, input.email);
      throw error;
    }
    await this.signInThrottle.succeeded(tenantId, input.email);
    await this.signIn(shopper, customer);
    return customer;
  }

  /**
   * Mails a single-use reset link when the email has an account; answers alike either way. The
   * link names the host this request came in on, which resolved to this store (never a host a
   * header outside that resolution chose), so a forged request cannot point the link elsewhere.
   */
  requestPasswordReset(shopper: ShopperState, input: { email: string }, origin: string): Promise<void> {
    return this.passwordResets.request(shopper.ctx, input, (token) => `${origin}/account/reset?token=${encodeURIComponent(token)}`);
  }

  /** Sets the new password through the link's token and signs this browser in. */
  async resetPassword(shopper: ShopperState, input: { token: string; password: string }): Promise<CustomerView> {
    const customer = await this.passwordResets.complete(shopper.ctx, input);
    // Whoever holds the account's mailbox chose a new password: the guesses before it no longer count.
    await this.signInThrottle.succeeded(shopper.tenant.tenantId, customer.email);
    await this.signIn(shopper, customer);
    return customer;
  }

  /** The customer's own cart stays with the account; this browser starts anonymous again. */
  logout(shopper: ShopperState): void {
    shopper.session.rotate({});
  }

  async placeOrder(shopper: ShopperState, idempotencyKey: string, input: CheckoutRequestInput): Promise<CheckoutAnswer> {
    const replayKey = `storefront:checkout:${shopper.tenant.tenantId}:${shopper.session.customerId ?? shopper.session.id ?? 'anonymous'}:${idempotencyKey}`;
    const replay = await this.redis.get(replayKey);
    if (replay !== null) return JSON.parse(replay) as CheckoutAnswer;

    const cartId = shopper.session.cartId;
    if (!cartId) throw new ShoppingValidationError('the cart is empty');
    const { lines } = await this.carts.checkoutLines(shopper.ctx, cartId);
    const answer = await this.checkout.placeOrder(shopper.tenant.tenantId, shopper.session.customerId, idempotencyKey, { ...withoutUndefined(input), lines });
    if (answer.statusCode === 201) {
      await this.carts.clear(shopper.ctx, cartId);
      shopper.session.update({ lastOrderId: (answer.body as { orderId: string }).orderId });
      await this.redis.set(replayKey, JSON.stringify(answer), 'EX', CHECKOUT_REPLAY_SECONDS);
    }
    return answer;
  }

  /**
   * The session cart's totals from checkout, with the calculation an order would be charged;
   * null for an empty cart. The cart's prices are not sent as expected: a quote shows today's.
   */
  async quote(shopper: ShopperState, input: QuoteRequestInput = {}): Promise<CheckoutAnswer | null> {
    const cart = await this.carts.view(shopper.ctx, shopper.session.cartId);
    const lines = cart.lines.filter((line) => line.available).map((line) => ({ sku: line.sku, quantity: line.quantity }));
    if (lines.length === 0) return null;
    return this.checkout.quote(shopper.tenant.tenantId, shopper.session.customerId, { ...withoutUndefined(input), lines });
  }

  orders(shopper: ShopperState): Promise<CheckoutAnswer> {
    return this.checkout.listOrders(shopper.tenant.tenantId, shopper.session.customerId!);
  }

  /** An order this shopper may see: their own, or the one this browser just placed as a guest. */
  async order(shopper: ShopperState, orderId: string): Promise<CheckoutAnswer | null> {
    const answer = await this.checkout.getOrder(shopper.tenant.tenantId, shopper.session.customerId, orderId);
    if (answer.statusCode !== 200) return null;
    const owner = (answer.body as { customerId?: string | null }).customerId ?? null;
    const mine = (owner !== null && owner === shopper.session.customerId) || orderId === shopper.session.lastOrderId;
    return mine ? answer : null;
  }

  /** Back from the bank: the payment of this shopper's order is settled if the gateway can tell. */
  async refreshPayment(shopper: ShopperState, orderId: string): Promise<CheckoutAnswer | null> {
    if (!(await this.order(shopper, orderId))) return null;
    return this.checkout.refreshPayment(shopper.tenant.tenantId, shopper.session.customerId, orderId);
  }

  private async signIn(shopper: ShopperState, customer: CustomerView): Promise<void> {
    const cartId = await this.carts.claimForCustomer(shopper.ctx, customer.id, shopper.session.cartId);
    shopper.session.rotate({ customerId: customer.id, email: customer.email, cartId });
  }
}

/** Checkout's schemas are strict about absent fields: an empty form field is left out, never sent as undefined or "". */
function withoutUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}
