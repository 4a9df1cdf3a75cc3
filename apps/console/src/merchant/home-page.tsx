import type { LowStockReport, OrdersSummary } from '@storefront/contracts';
import { useConsole } from '../session/console-context';
import type { StoreView } from '../api/wire-types';
import { queryString } from '../api/api-client';
import { Link, useRouter } from '../routing/router';
import { LoadState } from '../ui/console-shell';
import { formatMoney } from '../ui/format';
import { useResource } from '../ui/use-resource';
import { browserTimeZone, formatDay, LOW_STOCK_LIMIT, LOW_STOCK_THRESHOLD } from './home-figures';

/**
 * Home: the live store link (a welcome after signup), today's orders and revenue, and variants
 * running low on stock. "Today" is the merchant's calendar day where their browser is: the
 * checkout shard counts the orders between that day's local midnights.
 */
export function HomePage({ store }: { store: StoreView | null }) {
  const { api } = useConsole();
  const { search } = useRouter();
  const timeZone = browserTimeZone();
  const today = useResource(() => api.request<OrdersSummary>('GET', `/orders/summary${queryString({ timeZone })}`), `today-${timeZone}`);
  const low = useResource(
    () => api.request<LowStockReport>('GET', `/stock/low${queryString({ threshold: LOW_STOCK_THRESHOLD, limit: LOW_STOCK_LIMIT })}`),
    'low-stock',
  );

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
      <section className="card" aria-labelledby="today-title">
        <div className="page-head">
          <h2 id="today-title">Today</h2>
          <button type="button" onClick={() => void today.reload()} disabled={today.loading} aria-busy={today.loading || undefined}>
            {today.loading && today.data ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
        <LoadState loading={today.loading && !today.data} error={today.error} />
        {today.data ? (
          <>
            <p className="hint">
              {formatDay(today.data.date)} ({today.data.timeZone})
            </p>
            <div className="figures">
              <div className="figure">
                <span className="figure-label" id="today-orders-label">
                  Orders
                </span>
                <span className="figure-value" data-testid="today-orders" aria-labelledby="today-orders-label">
                  {today.data.orders}
                </span>
              </div>
              <div className="figure">
                <span className="figure-label" id="today-revenue-label">
                  Revenue
                </span>
                <span className="figure-value" data-testid="today-revenue" aria-labelledby="today-revenue-label">
                  {today.data.revenue.length ? today.data.revenue.map((money) => formatMoney(money.amount, money.currency)).join(' + ') : 'none yet'}
                </span>
              </div>
            </div>
            <p className="hint">
              Revenue counts today's orders that stand (placed or fulfilled); {today.data.byStatus.cancelled} cancelled and {today.data.byStatus.refunded} refunded today.{' '}
              <Link to="/orders">All orders</Link>
            </p>
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="low-stock-title">
        <h2 id="low-stock-title">Low stock</h2>
        <p className="hint">Variants with {LOW_STOCK_THRESHOLD} or fewer in stock, fewest first (archived products left out).</p>
        <LoadState loading={low.loading && !low.data} error={low.error} />
        {low.data && low.data.total === 0 ? <p>Nothing is running low.</p> : null}
        {low.data?.items.length ? (
          <>
            <ul data-testid="low-stock" className="plain-list">
              {low.data.items.map((item) => (
                <li key={item.variantId}>
                  <span>
                    <Link to={`/products/${item.productId}`}>{item.productTitle}</Link> · {item.sku}
                    {Object.keys(item.options).length ? <span className="hint"> ({Object.values(item.options).join(' / ')})</span> : null}
                  </span>
                  <span className={item.stock === 0 ? 'badge failed' : 'badge pending'}>{item.stock === 0 ? 'sold out' : `${item.stock} left`}</span>
                </li>
              ))}
            </ul>
            {low.data.total > low.data.items.length ? (
              <p className="hint">
                {low.data.total - low.data.items.length} more variants are low; <Link to="/products">see products</Link>.
              </p>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}
