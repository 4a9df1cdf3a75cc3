import { useConsole } from '../session/console-context';
import type { Page, ProductView, StoreView } from '../api/wire-types';
import { Link, useRouter } from '../routing/router';
import { LoadState } from '../ui/console-shell';
import { useResource } from '../ui/use-resource';
import { lowStockVariants, LOW_STOCK_THRESHOLD, LOW_STOCK_SCAN } from './low-stock';

/** Home: the live store link (a welcome after signup) and variants running low on stock. */
export function HomePage({ store }: { store: StoreView | null }) {
  const { api } = useConsole();
  const { search } = useRouter();
  const products = useResource(() => api.request<Page<ProductView>>('GET', `/products?pageSize=${LOW_STOCK_SCAN}`), 'home');
  const low = products.data ? lowStockVariants(products.data.items) : [];

  return (
    <>
      <h1>Home</h1>
      {store ? (
        <section className={search.get('welcome') ? 'card welcome' : 'card'} aria-labelledby="store-title">
          <h2 id="store-title">{search.get('welcome') ? 'Your store is live' : 'Your store'}</h2>
          <p>
            <a href={store.storeUrl} target="_blank" rel="noreferrer" data-testid="live-store-link">
              {store.storeUrl}
            </a>{' '}
            <span className={`badge ${store.status}`}>{store.status}</span>
          </p>
          {search.get('welcome') ? (
            <p>
              Next: <Link to="/products/new">add your first product</Link>.
            </p>
          ) : null}
        </section>
      ) : null}
      <section className="card" aria-labelledby="low-stock-title">
        <h2 id="low-stock-title">Low stock</h2>
        <p className="hint">
          Variants with {LOW_STOCK_THRESHOLD} or fewer in stock, among your {LOW_STOCK_SCAN} most recent products.
        </p>
        <LoadState loading={products.loading} error={products.error} />
        {products.data && low.length === 0 ? <p>Nothing is running low.</p> : null}
        {low.length ? (
          <ul data-testid="low-stock">
            {low.map(({ product, variant }) => (
              <li key={variant.id}>
                <Link to={`/products/${product.id}`}>{product.title}</Link> · {variant.sku}: {variant.stock} left
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
