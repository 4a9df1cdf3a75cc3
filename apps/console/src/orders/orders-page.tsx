import { ORDER_STATUSES, type OrderList } from '@storefront/contracts';
import { useState, type FormEvent } from 'react';
import { queryString } from '../api/api-client';
import { Link, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { formatDate, formatMoney } from '../ui/format';
import { Pagination } from '../ui/pagination';
import { useResource } from '../ui/use-resource';
import { customerOf, itemCount, ORDER_STATUS_LABELS } from './order-labels';
import { TableScroll } from '../ui/table-scroll';

const PAGE_SIZE = 20;

/** The store's orders, newest first, filtered by status and paged; the filter lives in the URL. */
export function OrdersPage() {
  const { api } = useConsole();
  const { search, navigate } = useRouter();
  const status = search.get('status') ?? '';
  const page = Math.max(1, Number(search.get('page') ?? 1) || 1);
  const [typed, setTyped] = useState(status);
  const query = queryString({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const orders = useResource(() => api.request<OrderList>('GET', `/orders${query}`), query);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/orders${queryString({ status: typed })}`);
  };

  return (
    <>
      <h1>Orders</h1>
      <form role="search" onSubmit={submit} className="search" aria-label="Filter orders">
        <label htmlFor="order-status">Status</label>
        <select id="order-status" value={typed} onChange={(e) => setTyped(e.target.value)}>
          <option value="">Any</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ORDER_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      <LoadState loading={orders.loading} error={orders.error} />
      {orders.data ? (
        <>
          <p role="status">
            {orders.data.total} order{orders.data.total === 1 ? '' : 's'}
            {status ? ` ${ORDER_STATUS_LABELS[status as keyof typeof ORDER_STATUS_LABELS]?.toLowerCase() ?? status}` : ''}
          </p>
          {orders.data.items.length ? (
            <TableScroll label="Orders table">
              <table data-testid="orders" className="orders-table">
                <caption className="visually-hidden">Orders, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Placed</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Items</th>
                    <th scope="col">Total</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {orders.data.items.map((order) => (
                    <tr key={order.id}>
                      <th scope="row">
                        <Link to={`/orders/${order.id}`}>#{order.number}</Link>
                      </th>
                      <td>{formatDate(order.placedAt)}</td>
                      <td className="wrap">{customerOf(order)}</td>
                      <td>{itemCount(order)}</td>
                      <td>{formatMoney(order.total.amount, order.total.currency)}</td>
                      <td>
                        <span className={`badge ${order.status}`}>{ORDER_STATUS_LABELS[order.status]}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p>{status ? 'No orders with this status.' : 'No orders yet. They appear here as soon as shoppers check out.'}</p>
          )}
          <Pagination page={page} pageSize={PAGE_SIZE} total={orders.data.total} onPage={(next) => navigate(`/orders${queryString({ status, page: next })}`)} />
        </>
      ) : null}
    </>
  );
}
