import { Module, type DynamicModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { SchemaValidationPipe } from '@storefront/service-runtime';
import { CartController } from './cart/cart.controller';
import { ProductsController } from './catalog/products.controller';
import { CheckoutController } from './checkout/checkout.controller';
import { AddressesController } from './customers/addresses.controller';
import { SeoController } from './pages/seo.controller';
import { CustomersController } from './customers/customers.controller';
import { AccountPagesController } from './pages/account-pages.controller';
import { AssetsController } from './pages/assets.controller';
import { CartPagesController } from './pages/cart-pages.controller';
import { CatalogPagesController } from './pages/catalog-pages.controller';
import { CheckoutPagesController } from './pages/checkout-pages.controller';
import type { PageRenderer } from './pages/page-renderer';
import { ReviewsController } from './reviews/reviews.controller';
import { PAGE_RENDERER } from './pages/page-tokens';
import { STOREFRONT_SERVICES, type StorefrontServices } from './storefront-services';

/** Shopper-facing pages and the storefront JSON API; the store comes from the Host. */
@Module({})
export class StorefrontModule {
  static register(services: StorefrontServices, pages: PageRenderer): DynamicModule {
    return {
      module: StorefrontModule,
      controllers: [
        ProductsController,
        CartController,
        CustomersController,
        AddressesController,
        SeoController,
        CheckoutController,
        ReviewsController,
        CatalogPagesController,
        CartPagesController,
        CheckoutPagesController,
        AccountPagesController,
        AssetsController,
      ],
      providers: [
        { provide: STOREFRONT_SERVICES, useValue: services },
        { provide: PAGE_RENDERER, useValue: pages },
        { provide: APP_PIPE, useClass: SchemaValidationPipe },
      ],
    };
  }
}
