import type { TenantContext } from '@storefront/contracts';
import { LRUCache } from 'lru-cache';
import Stripe from 'stripe';
import { AmountBelowMinimumError, PaymentDeclinedError, PaymentSecretsUnavailableError } from '../checkout-errors';
import type { OpenedSecret } from '../payment-settings/store-payment-settings';
import type { ChargeLookup, ChargeLookupRequest, ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

/** Stripe's smallest charge is 0.50 USD or EUR, 50 JPY; 50 minor units is that floor for the usual currencies. */
const STRIPE_MINIMUM_MINOR_UNITS = 50;

export interface StripeGatewayOptions {
  /** The store's own secret key (from its payment settings); money goes to the merchant's account. */
  readonly secretKeyFor: (ctx: TenantContext) => Promise<OpenedSecret | null>;
  /** Another API base, e.g. stripe-mock (`http://127.0.0.1:12111`). */
  readonly apiUrl?: string;
  readonly timeoutMs?: number;
}

/**
 * Card payments through Stripe PaymentIntents: created unconfirmed (no money moves), its id
 * recorded by the caller, then confirmed with the shopper's payment method. Both calls carry
 * idempotency keys derived from the payment attempt, so a retry returns the first intent and its
 * first confirmation, never a second charge; the recorded id lets a reconciler ask Stripe later.
 */
export class StripeGateway implements PaymentGatewayStrategy {
  readonly method = 'stripe';
  /** One client per store, replaced when its settings version (and so maybe its key) changes. */
  private readonly clients = new LRUCache<string, { version: number; stripe: Stripe }>({ max: 1_000 });
  private readonly clientOptions: Stripe.StripeConfig;

  constructor(private readonly options: StripeGatewayOptions) {
    const api = options.apiUrl ? new URL(options.apiUrl) : undefined;
    this.clientOptions = {
      maxNetworkRetries: 2,
      timeout: options.timeoutMs ?? 10_000,
      ...(api
        ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol === 'https:' ? 'https' : 'http' }
        : {}),
    };
  }

  /** The store's client; a store without a secret key cannot be charged through Stripe. */
  async clientFor(ctx: TenantContext): Promise<Stripe> {
    const key = await this.options.secretKeyFor(ctx);
    if (!key) throw new PaymentSecretsUnavailableError();
    const cached = this.clients.get(ctx.tenantId);
    if (cached?.version === key.version) return cached.stripe;
    const stripe = new Stripe(key.value, this.clientOptions);
    this.clients.set(ctx.tenantId, { version: key.version, stripe });
    return stripe;
  }

  async charge(ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult> {
    // Stripe refuses charges under about 0.50 of the currency (a 100 % code, a tiny cart); said
    // before asking it, so the shopper can pick another method instead of meeting a 500.
    if (request.amount < STRIPE_MINIMUM_MINOR_UNITS) throw new AmountBelowMinimumError(request.amount, request.currency);
    const stripe = await this.clientFor(ctx);
    try {
      const created = await stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          // Cards only when the shopper can come back from authenticating: methods that settle
          // days later (bank debits) would sit in `processing`, which is not money taken.
          ...(request.returnUrl ? { payment_method_types: ['card'] } : { automatic_payment_methods: { enabled: true, allow_redirects: 'never' as const } }),
          description: request.description,
          metadata: { tenantId: ctx.tenantId, ...(request.orderId ? { orderId: request.orderId } : {}) },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      await request.recordReference?.(created.id);
      const intent = await stripe.paymentIntents.confirm(
        created.id,
        { ...(request.token ? { payment_method: request.token } : {}), ...(request.returnUrl ? { return_url: request.returnUrl } : {}) },
        { idempotencyKey: `${request.idempotencyKey}-confirm` },
      );
      const charged = chargedStatus(intent.status);
      if (charged) return { status: charged, reference: intent.id };
      if (intent.status === 'requires_action' && request.returnUrl) {
        return {
          status: 'requires_action',
          reference: intent.id,
          nextAction: { redirectUrl: intent.next_action?.redirect_to_url?.url ?? null, clientSecret: intent.client_secret },
        };
      }
      throw new PaymentDeclinedError(`the payment was not completed (${intent.status})`);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) throw new PaymentDeclinedError(error.message);
      throw error;
    }
  }

  /** Without a recorded intent nothing was confirmed, so nothing was charged. */
  async lookup(ctx: TenantContext, request: ChargeLookupRequest): Promise<ChargeLookup> {
    if (!request.reference) return { outcome: 'not-charged' };
    const intent = await (await this.clientFor(ctx)).paymentIntents.retrieve(request.reference);
    if (chargedStatus(intent.status)) return { outcome: 'charged', reference: intent.id };
    if (intent.status === 'requires_action') return { outcome: 'unknown' };
    return { outcome: 'not-charged' };
  }

  /** Cancels an intent still waiting for the shopper; one that succeeded meanwhile stays as it is. */
  async abandon(ctx: TenantContext, request: { readonly reference: string }): Promise<void> {
    const stripe = await this.clientFor(ctx);
    const intent = await stripe.paymentIntents.retrieve(request.reference);
    if (intent.status === 'requires_action' || intent.status === 'requires_payment_method' || intent.status === 'requires_confirmation') {
      await stripe.paymentIntents.cancel(request.reference);
    }
  }

  async refund(ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }> {
    const refund = await (await this.clientFor(ctx)).refunds.create(
      { payment_intent: request.reference, amount: request.amount },
      { idempotencyKey: request.idempotencyKey },
    );
    return { reference: refund.id };
  }
}

/** Money taken (`captured`) or on its way (`pending`); undefined when the intent did not charge. */
function chargedStatus(status: Stripe.PaymentIntent.Status): 'captured' | 'pending' | undefined {
  if (status === 'succeeded') return 'captured';
  if (status === 'processing' || status === 'requires_capture') return 'pending';
  return undefined;
}
