import type { SecretKeyring } from '@storefront/credentials';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { StorePaymentSettings } from '../payment-settings/store-payment-settings';
import { OfflinePaymentGateway } from './offline-payment.gateway';
import type { PaymentGatewayStrategy } from './payment-gateway.strategy';
import { PaymentGateways } from './payment-gateways';
import { StripeGateway } from './stripe.gateway';
import { TestCardGateway } from './test-card.gateway';

export interface StandardPaymentGatewaysOptions {
  readonly unitOfWork: TenantUnitOfWork;
  /** Opens the stores' sealed provider secrets; without it Stripe answers 503. */
  readonly keyring: SecretKeyring | null;
  readonly timeoutMs: number;
  /** Another Stripe API base (stripe-mock in tests and under `npm start`). */
  readonly stripeApiUrl?: string;
  /** How long a settings change made through another replica may go unseen. */
  readonly settingsTtlMs?: number;
  /** Replaces a standard gateway of the same method (tests: a test card gateway that hangs sooner). */
  readonly overrides?: readonly PaymentGatewayStrategy[];
}

/** Every gateway checkout has (test card, cash on delivery, bank transfer, Stripe), per store. */
export function createStandardPaymentGateways(options: StandardPaymentGatewaysOptions): PaymentGateways {
  const settings = new StorePaymentSettings(options.unitOfWork, options.keyring, options.settingsTtlMs !== undefined ? { ttlMs: options.settingsTtlMs } : {});
  const standard: PaymentGatewayStrategy[] = [
    new TestCardGateway(),
    new OfflinePaymentGateway('cod'),
    new OfflinePaymentGateway('bank-transfer'),
    // The SDK keeps its own, longer timeout: a call the caller stopped waiting for (timeout) is
    // still allowed to finish, so its outcome reaches Stripe's idempotency record, not a retry loop.
    new StripeGateway({
      secretKeyFor: (ctx) => settings.stripeSecretKey(ctx),
      ...(options.stripeApiUrl ? { apiUrl: options.stripeApiUrl } : {}),
    }),
  ];
  const overridden = new Set((options.overrides ?? []).map((gateway) => gateway.method));
  return new PaymentGateways([...standard.filter((gateway) => !overridden.has(gateway.method)), ...(options.overrides ?? [])], options.timeoutMs, settings);
}
