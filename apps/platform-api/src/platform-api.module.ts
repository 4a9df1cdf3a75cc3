import { Module, type Type } from '@nestjs/common';
import { APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { STOREFRONT_CACHE, StorefrontCacheInterceptor } from './http/storefront-cache.interceptor';
import { CategoryService, ProductService, StockService, VariantService } from '@storefront/catalog';
import { ReviewModerationService } from '@storefront/reviews';
import { NotificationTemplateService, StoreSettingsService, WebhookEndpointService } from '@storefront/store-settings';
import { TenantRegistry } from '@storefront/tenancy';
import { AccessTokens } from './accounts/access-tokens';
import { AccountTokenVersions } from './auth/account-token-versions';
import { AuthController } from './accounts/auth.controller';
import { LoginService } from './accounts/login.service';
import { PasswordChangeService } from './accounts/password-change.service';
import { AdminTenantsController } from './admin/admin-tenants.controller';
import { AuditLogController } from './admin/audit-log.controller';
import { AuditLogService } from './admin/audit-log.service';
import { PlatformHealthController } from './admin/platform-health.controller';
import { PlatformHealthService } from './admin/platform-health.service';
import { PlatformUsageController } from './admin/platform-usage.controller';
import { PlatformUsageService } from './admin/platform-usage.service';
import { TenantAdminService } from './admin/tenant-admin.service';
import { TenantDeletionService } from './admin/tenant-deletion.service';
import { MerchantGuard } from './auth/merchant.guard';
import { PlatformAdminGuard } from './auth/platform-admin.guard';
import { CategoriesController } from './categories/categories.controller';
import { SellingRulesController } from './selling/selling-rules.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { CHECKOUT_ORDERS, MerchantOrdersController } from './orders/merchant-orders.controller';
import { SellingRulesService } from '@storefront/orders';
import { MerchantPaymentSettings } from './payments/merchant-payment-settings';
import { PaymentSettingsController } from './payments/payment-settings.controller';
import { CustomDomainService } from './domains/custom-domain.service';
import { DomainsController } from './domains/domains.controller';
import { DomainErrorInterceptor } from './http/domain-error.interceptor';
import { SchemaValidationPipe } from '@storefront/service-runtime';
import type { PlatformApiServices } from './platform-api-services';
import { NotificationTemplatesController } from './notifications/notification-templates.controller';
import { NOTIFICATION_DELIVERIES, NotificationDeliveriesController } from './notifications/notification-deliveries.controller';
import { WEBHOOK_URL_POLICY, WebhooksController, type WebhookUrlPolicy } from './notifications/webhooks.controller';
import { PlanLimits } from './plans/plan-limits';
import { ProductsController } from './products/products.controller';
import { SignupController } from './signup/signup.controller';
import { SignupService } from './signup/signup.service';
import { StockController } from './stock/stock.controller';
import { StoreController } from './store/store.controller';
import { StoreService } from './store/store.service';
import { VariantsController } from './variants/variants.controller';

/**
 * Control plane: signup, merchant admin API, platform admin API. Built around services that are
 * wired outside Nest (see createPlatformApiServices), so tests and the CLI use the same objects.
 */
export function createPlatformApiModule(services: PlatformApiServices, webhookUrls: WebhookUrlPolicy): Type<unknown> {
  @Module({
    controllers: [
      SignupController,
      AuthController,
      StoreController,
      DomainsController,
      NotificationTemplatesController,
      WebhooksController,
      NotificationDeliveriesController,
      ProductsController,
      CategoriesController,
      SellingRulesController,
      ReviewsController,
      MerchantOrdersController,
      PaymentSettingsController,
      StockController,
      VariantsController,
      AdminTenantsController,
      AuditLogController,
      PlatformUsageController,
      PlatformHealthController,
    ],
    providers: [
      { provide: APP_INTERCEPTOR, useClass: DomainErrorInterceptor },
      { provide: APP_INTERCEPTOR, useClass: StorefrontCacheInterceptor },
      { provide: STOREFRONT_CACHE, useValue: services.storefrontCache },
      { provide: CHECKOUT_ORDERS, useValue: services.checkoutOrders },
      { provide: NOTIFICATION_DELIVERIES, useValue: services.notificationDeliveries },
      { provide: WEBHOOK_URL_POLICY, useValue: webhookUrls },
      { provide: PlatformHealthService, useValue: services.health },
      { provide: APP_PIPE, useClass: SchemaValidationPipe },
      { provide: TenantRegistry, useValue: services.tenancy.registry },
      { provide: AccessTokens, useValue: services.tokens },
      { provide: AccountTokenVersions, useValue: services.tokenVersions },
      { provide: LoginService, useValue: services.logins },
      { provide: PasswordChangeService, useValue: services.passwords },
      { provide: SignupService, useValue: services.signups },
      { provide: StoreService, useValue: services.store },
      { provide: MerchantPaymentSettings, useValue: services.paymentSettings },
      { provide: AuditLogService, useValue: services.auditLog },
      { provide: PlatformUsageService, useValue: services.usage },
      { provide: CustomDomainService, useValue: services.domains },
      { provide: NotificationTemplateService, useValue: services.notificationTemplates },
      { provide: WebhookEndpointService, useValue: services.webhooks },
      { provide: StoreSettingsService, useValue: services.storeSettings },
      { provide: PlanLimits, useValue: services.plans },
      { provide: ProductService, useValue: services.products },
      { provide: CategoryService, useValue: services.categories },
      { provide: SellingRulesService, useValue: services.sellingRules },
      { provide: ReviewModerationService, useValue: services.reviews },
      { provide: StockService, useValue: services.stock },
      { provide: VariantService, useValue: services.variants },
      { provide: TenantAdminService, useValue: services.tenantAdmin },
      { provide: TenantDeletionService, useValue: services.deletions },
      MerchantGuard,
      PlatformAdminGuard,
    ],
  })
  class PlatformApiModule {}
  return PlatformApiModule;
}
