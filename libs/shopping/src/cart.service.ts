import type { TenantContext } from '@storefront/contracts';
import { ProductEntity, VariantEntity } from '@storefront/catalog';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { In } from 'typeorm';
import { EMPTY_CART, type CartLineView, type CartView } from './cart-view';
import { CartEntity, CartLineEntity } from './entities';
import { ShoppingConflictError, ShoppingNotFoundError, ShoppingValidationError } from './shopping-errors';

export const MAX_LINE_QUANTITY = 999;

/** A line ready for checkout: the price the shopper saw, so checkout can refuse a changed one. */
export interface CheckoutLine {
  readonly sku: string;
  readonly quantity: number;
  readonly expectedUnitPrice: { amount: number; currency: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Carts of one store. An anonymous cart lives by id in the shopper's session; a customer has
 * one cart, found again from any browser; signing in merges the anonymous cart into it.
 */
export class CartService {
  constructor(private readonly uow: TenantUnitOfWork) {}

  async view(ctx: TenantContext, cartId: string | null): Promise<CartView> {
    if (!cartId) return EMPTY_CART;
    return this.uow.run(ctx, (tx) => this.load(tx, cartId));
  }

  /** Adds to the cart (creating it when `cartId` is null); returns the cart. */
  async addItem(ctx: TenantContext, cartId: string | null, input: { sku: string; quantity: number }): Promise<CartView> {
    assertQuantity(input.quantity, 1);
    return this.uow.run(ctx, async (tx) => {
      const variant = await tx.getRepository(VariantEntity).findOneBy({ sku: input.sku });
      if (!variant) throw new ShoppingNotFoundError(`no product with SKU ${input.sku}`, [{ field: 'sku', message: 'is not sold here' }]);
      const product = await tx.getRepository(ProductEntity).findOneByOrFail({ id: variant.productId });
      const cart = await this.existingOrNewCart(tx, cartId);
      const lines = tx.getRepository(CartLineEntity);
      const existing = await lines.findOneBy({ cartId: cart.id, sku: variant.sku });
      const quantity = (existing?.quantity ?? 0) + input.quantity;
      assertInStock(quantity, variant.stock);
      const unitPriceAmount = variant.priceAmount ?? product.priceAmount;
      if (existing) await lines.update({ id: existing.id }, { quantity, unitPriceAmount, variantId: variant.id });
      else await lines.insert({ cartId: cart.id, variantId: variant.id, sku: variant.sku, quantity, unitPriceAmount });
      await this.touch(tx, cart.id);
      return this.load(tx, cart.id);
    });
  }

  /** Sets a line's quantity; 0 removes it. */
  async updateLine(ctx: TenantContext, cartId: string | null, lineId: string, quantity: number): Promise<CartView> {
    assertQuantity(quantity, 0);
    return this.uow.run(ctx, async (tx) => {
      const line = await this.findLine(tx, cartId, lineId);
      if (quantity === 0) {
        await tx.getRepository(CartLineEntity).delete({ id: line.id });
      } else {
        const variant = line.variantId ? await tx.getRepository(VariantEntity).findOneBy({ id: line.variantId }) : null;
        if (!variant) throw new ShoppingConflictError('this item is no longer sold; remove it from the cart');
        assertInStock(quantity, variant.stock);
        await tx.getRepository(CartLineEntity).update({ id: line.id }, { quantity });
      }
      await this.touch(tx, line.cartId);
      return this.load(tx, line.cartId);
    });
  }

  async removeLine(ctx: TenantContext, cartId: string | null, lineId: string): Promise<CartView> {
    return this.uow.run(ctx, async (tx) => {
      const line = await this.findLine(tx, cartId, lineId);
      await tx.getRepository(CartLineEntity).delete({ id: line.id });
      await this.touch(tx, line.cartId);
      return this.load(tx, line.cartId);
    });
  }

  /**
   * The customer's cart after sign-in: lines of the anonymous cart are added to it (quantities
   * summed, capped at stock) and the anonymous cart is deleted. Returns the customer's cart id.
   */
  async claimForCustomer(ctx: TenantContext, customerId: string, anonymousCartId: string | null): Promise<string> {
    return this.uow.run(ctx, async (tx) => {
      const carts = tx.getRepository(CartEntity);
      // ON CONFLICT: two sign-ins at once must not give one customer two carts.
      await carts.createQueryBuilder().insert().values({ customerId }).orIgnore().execute();
      const customerCart = await carts.findOneByOrFail({ customerId });
      const anonymous = anonymousCartId && UUID.test(anonymousCartId) ? await carts.findOneBy({ id: anonymousCartId }) : null;
      if (!anonymous || anonymous.customerId !== null || anonymous.id === customerCart.id) return customerCart.id;

      const lines = tx.getRepository(CartLineEntity);
      for (const line of await lines.findBy({ cartId: anonymous.id })) {
        const variant = line.variantId ? await tx.getRepository(VariantEntity).findOneBy({ id: line.variantId }) : null;
        const target = await lines.findOneBy({ cartId: customerCart.id, sku: line.sku });
        const wanted = (target?.quantity ?? 0) + line.quantity;
        // Never more than in stock, but never less than the customer already had.
        const quantity = variant ? Math.min(wanted, Math.max(variant.stock, target?.quantity ?? 0)) : wanted;
        if (quantity <= 0) continue;
        if (target) await lines.update({ id: target.id }, { quantity });
        else await lines.insert({ cartId: customerCart.id, variantId: line.variantId, sku: line.sku, quantity, unitPriceAmount: line.unitPriceAmount });
      }
      await carts.delete({ id: anonymous.id });
      return customerCart.id;
    });
  }

  /** Lines to place an order with; refuses a cart with unavailable lines. */
  async checkoutLines(ctx: TenantContext, cartId: string | null): Promise<{ cart: CartView; lines: CheckoutLine[] }> {
    const cart = await this.view(ctx, cartId);
    if (cart.lines.length === 0) throw new ShoppingValidationError('the cart is empty');
    const unavailable = cart.lines.filter((line) => !line.available);
    if (unavailable.length > 0) {
      throw new ShoppingConflictError(
        'some items are no longer available; update the cart',
        unavailable.map((line) => ({ field: `lines.${line.id}`, message: `${line.sku} is unavailable` })),
      );
    }
    return {
      cart,
      lines: cart.lines.map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        expectedUnitPrice: { amount: line.unitPrice!, currency: cart.currency! },
      })),
    };
  }

  async clear(ctx: TenantContext, cartId: string): Promise<void> {
    await this.uow.run(ctx, (tx) => tx.getRepository(CartLineEntity).delete({ cartId }));
  }

  /** Every change counts as activity: an anonymous cart untouched for long is purged (abandonedCartsRetention). */
  private async touch(tx: TenantTransaction, cartId: string): Promise<void> {
    await tx.getRepository(CartEntity).update({ id: cartId }, { updatedAt: new Date() });
  }

  private async existingOrNewCart(tx: TenantTransaction, cartId: string | null): Promise<CartEntity> {
    const carts = tx.getRepository(CartEntity);
    const existing = cartId && UUID.test(cartId) ? await carts.findOneBy({ id: cartId }) : null;
    return existing ?? carts.save(carts.create({ customerId: null }));
  }

  private async findLine(tx: TenantTransaction, cartId: string | null, lineId: string): Promise<CartLineEntity> {
    const line = cartId && UUID.test(cartId) && UUID.test(lineId) ? await tx.getRepository(CartLineEntity).findOneBy({ id: lineId, cartId }) : null;
    if (!line) throw new ShoppingNotFoundError('no such line in your cart');
    return line;
  }

  private async load(tx: TenantTransaction, cartId: string): Promise<CartView> {
    if (!UUID.test(cartId)) return EMPTY_CART;
    const lines = await tx.getRepository(CartLineEntity).find({ where: { cartId }, order: { addedAt: 'ASC', sku: 'ASC' } });
    if (lines.length === 0) {
      const exists = await tx.getRepository(CartEntity).existsBy({ id: cartId });
      return exists ? { ...EMPTY_CART, id: cartId } : EMPTY_CART;
    }
    const variantIds = lines.map((l) => l.variantId).filter((id): id is string => id !== null);
    const variants = variantIds.length ? await tx.getRepository(VariantEntity).findBy({ id: In(variantIds) }) : [];
    const productIds = [...new Set(variants.map((v) => v.productId))];
    const products = productIds.length ? await tx.getRepository(ProductEntity).findBy({ id: In(productIds) }) : [];

    let currency: string | null = null;
    const views: CartLineView[] = lines.map((line) => {
      const variant = variants.find((v) => v.id === line.variantId);
      const product = variant && products.find((p) => p.id === variant.productId);
      const available = Boolean(variant && product && product.status === 'active' && variant.stock >= line.quantity);
      const unitPrice = variant && product ? (variant.priceAmount ?? product.priceAmount) : null;
      if (product) currency ??= product.currency;
      return {
        id: line.id,
        sku: line.sku,
        quantity: line.quantity,
        productTitle: product?.title ?? null,
        productSlug: product?.slug ?? null,
        options: variant?.optionValues ?? {},
        unitPrice,
        priceWhenAdded: line.unitPriceAmount,
        priceChanged: unitPrice !== null && unitPrice !== line.unitPriceAmount,
        available,
        stock: variant?.stock ?? 0,
        lineTotal: available && unitPrice !== null ? unitPrice * line.quantity : 0,
      };
    });
    return {
      id: cartId,
      currency,
      lines: views,
      itemCount: views.reduce((sum, l) => sum + l.quantity, 0),
      subtotal: views.reduce((sum, l) => sum + l.lineTotal, 0),
    };
  }
}

function assertQuantity(quantity: number, min: number): void {
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_LINE_QUANTITY) {
    throw new ShoppingValidationError('the quantity is invalid', [
      { field: 'quantity', message: `must be a whole number from ${min} to ${MAX_LINE_QUANTITY}` },
    ]);
  }
}

function assertInStock(quantity: number, stock: number): void {
  if (quantity > stock) {
    throw new ShoppingConflictError(stock === 0 ? 'this item is sold out' : `only ${stock} in stock`, [
      { field: 'quantity', message: `at most ${stock} available` },
    ]);
  }
}
