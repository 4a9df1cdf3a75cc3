import type { CartQuote, TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { priceCart, type CartPricingInput } from './cart-totals';

/** What a cart would cost now, with the same calculation place-order charges (nothing is locked or written). */
export class CartQuotes {
  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  quote(ctx: TenantContext, input: CartPricingInput): Promise<CartQuote> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const priced = await priceCart(tx, input, { now: this.clock() });
      return { totals: priced.totals, shippingMethods: priced.shippingQuotes };
    });
  }
}
