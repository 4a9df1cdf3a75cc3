import { matchPath, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import type { StoreView } from '../api/wire-types';
import { ConsoleShell, LoadState } from '../ui/console-shell';
import { useResource } from '../ui/use-resource';
import { CategoriesPage } from '../products/categories-page';
import { ProductEditorPage } from '../products/product-editor-page';
import { ProductsPage } from '../products/products-page';
import { NotificationTemplatesPage } from '../settings/notification-templates-page';
import { PaymentSettingsPage } from '../settings/payment-settings-page';
import { StoreSettingsPage } from '../settings/store-settings-page';
import { WebhooksPage } from '../settings/webhooks-page';
import { OrderDetailPage } from '../orders/order-detail-page';
import { OrdersPage } from '../orders/orders-page';
import { SELLING_PATH } from '../selling/rule-kinds';
import { sellingPage } from '../selling/selling-routes';
import { HomePage } from './home-page';

const NAV = [
  { to: '/', label: 'Home' },
  { to: '/orders', label: 'Orders' },
  { to: '/products', label: 'Products' },
  { to: '/categories', label: 'Categories' },
  { to: SELLING_PATH, label: 'Selling' },
  { to: '/settings', label: 'Settings' },
  { to: '/payments', label: 'Payments' },
  { to: '/notifications', label: 'Notifications' },
  { to: '/webhooks', label: 'Webhooks' },
];

/** The merchant's console: routes of their one store (the API takes the store from the token). */
export function MerchantApp() {
  const { api } = useConsole();
  const { path } = useRouter();
  const store = useResource(() => api.request<StoreView>('GET', '/store'), 'store');
  const storeLink = store.data ? (
    <a href={store.data.storeUrl} target="_blank" rel="noreferrer" data-testid="store-link">
      View store<span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  ) : null;
  const productId = matchPath('/products/:id', path)?.id;
  const orderId = matchPath('/orders/:id', path)?.id;
  const selling = sellingPage(path);

  let page;
  if (path === '/') page = <HomePage store={store.data} />;
  else if (path === '/orders') page = <OrdersPage />;
  else if (orderId) page = <OrderDetailPage key={orderId} orderId={orderId} />;
  else if (path === '/products') page = <ProductsPage />;
  else if (productId) page = <ProductEditorPage key={productId} productId={productId === 'new' ? null : productId} />;
  else if (path === '/categories') page = <CategoriesPage />;
  else if (path === '/settings') page = <StoreSettingsPage onChanged={() => void store.reload()} />;
  else if (path === '/payments') page = <PaymentSettingsPage />;
  else if (path === '/notifications') page = <NotificationTemplatesPage />;
  else if (path === '/webhooks') page = <WebhooksPage />;
  else if (selling) page = selling;
  else page = <h1>Page not found</h1>;

  return (
    <ConsoleShell title={store.data?.name ?? 'Your store'} nav={NAV} aside={storeLink}>
      {store.data?.status === 'suspended' ? (
        <p role="alert" className="alert">
          Your store is suspended by the platform: shoppers see it as unavailable and changes are refused.
        </p>
      ) : null}
      <LoadState loading={store.loading && !store.data} error={store.error} />
      {page}
    </ConsoleShell>
  );
}
