import type { RunningSales, SitemapQuery } from '@storefront/catalog';
import type { ProductReviewsQuery, ShopperReviewService } from '@storefront/reviews';
import type { AddressBook, CartService, CustomerService } from '@storefront/shopping';
import type { StorefrontCatalog } from './catalog/storefront-catalog';
import type { CheckoutClient } from './checkout/checkout-client';
import type { ShopperActions } from './shopper-actions';

export const STOREFRONT_SERVICES = Symbol('STOREFRONT_SERVICES');

/** What the storefront's controllers call; built once per process in start-storefront.ts. */
export interface StorefrontServices {
  readonly catalog: StorefrontCatalog;
  readonly carts: CartService;
  readonly customers: CustomerService;
  readonly addresses: AddressBook;
  readonly actions: ShopperActions;
  /** The store's checkout shard, for what is not a shopper's action (Stripe's webhook deliveries). */
  readonly checkout: CheckoutClient;
  readonly reviews: { readonly shoppers: ShopperReviewService; readonly listing: ProductReviewsQuery };
  /** Scheduled sales running now, read fresh for product pages. */
  readonly sales: RunningSales;
  /** What the store's sitemap lists. */
  readonly sitemap: SitemapQuery;
}
