import type { OrderDetail, TotalsBreakdown } from '@storefront/contracts';
import { useState, type ReactElement } from 'react';
import { BackLink } from '../ui/back-link';
import { useConsole } from '../session/console-context';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { LoadState } from '../ui/console-shell';
import { FormAlert, FormSuccess } from '../ui/form-controls';
import { formatDate, formatMoney } from '../ui/format';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { actionsFor, itemCount, ORDER_STATUS_LABELS, type OrderAction } from './order-labels';
import { TableScroll } from '../ui/table-scroll';

const ACTIONS: Record<OrderAction, { button: string; title: string; confirm: string; text: string; busy: string; done: string }> = {
  fulfil: {
    button: 'Fulfil',
    title: 'Mark this order as fulfilled?',
    confirm: 'Fulfil order',
    text: 'Use this once the parcel is on its way. The customer is notified that the order has shipped.',
    busy: 'Fulfilling the order…',
    done: 'Order fulfilled.',
  },
  cancel: {
    button: 'Cancel order',
    title: 'Cancel this order?',
    confirm: 'Cancel order',
    text: 'The items go back into stock and any money taken is refunded through the payment provider. This cannot be undone.',
    busy: 'Cancelling: returning stock and refunding the payment…',
    done: 'Order cancelled.',
  },
  refund: {
    button: 'Refund',
    title: 'Refund this order?',
    confirm: 'Refund order',
    text: 'The full amount goes back to the customer through the payment provider. Stock stays as it is (the goods may be with the customer). This cannot be undone.',
    busy: 'Refunding through the payment provider…',
    done: 'Order refunded.',
  },
};

/** One order: lines and totals, customer, payment, history; fulfil, cancel and refund with a confirmation. */
export function OrderDetailPage({ orderId }: { orderId: string }) {
  const { api } = useConsole();
  const order = useResource(() => api.request<OrderDetail>('GET', `/orders/${orderId}`), orderId);
  const [pending, setPending] = useState<OrderAction | null>(null);
  const [running, setRunning] = useState<OrderAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submission = useSubmit();

  const confirm = () => {
    const action = pending!;
    setPending(null);
    setDone(null);
    setRunning(action);
    void submission
      .run(async () => {
        await api.request<OrderDetail>('POST', `/orders/${orderId}/${action}`);
        setDone(ACTIONS[action].done);
      })
      // Whatever happened, show the order as the shard has it now (another tab may have changed it).
      .finally(() => {
        setRunning(null);
        void order.reload();
      });
  };

  const o = order.data;
  return (
    <>
      <BackLink to="/orders" label="Orders" />
      <LoadState loading={order.loading && !o} error={order.error} />
      {o ? (
        <>
          <h1>
            Order #{o.number}{' '}
            <span className={`badge ${o.status}`} data-testid="order-status">
              {ORDER_STATUS_LABELS[o.status]}
            </span>
          </h1>
          <p className="hint" data-testid="order-summary">
            Placed {formatDate(o.placedAt)} · {itemCount(o)} item{itemCount(o) === 1 ? '' : 's'} · total {formatMoney(o.total.amount, o.total.currency)}
          </p>
          <FormAlert message={submission.error} />
          {running ? (
            <p role="status" className="progress-note">
              <span className="spinner" aria-hidden="true" /> {ACTIONS[running].busy}
            </p>
          ) : null}
          <FormSuccess message={done} />
          {actionsFor(o).length ? (
            <div className="actions" aria-label="Order actions" role="group">
              {actionsFor(o).map((action) => (
                <button
                  key={action}
                  type="button"
                  className={action === 'fulfil' ? 'primary' : undefined}
                  disabled={submission.busy}
                  aria-busy={running === action || undefined}
                  onClick={() => setPending(action)}
                >
                  {ACTIONS[action].button}
                </button>
              ))}
            </div>
          ) : null}

          <section className="card" aria-labelledby="lines-title">
            <h2 id="lines-title">Items</h2>
            <TableScroll label="Order items">
              <table data-testid="order-lines">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col">SKU</th>
                    <th scope="col" className="number">
                      Quantity
                    </th>
                    <th scope="col" className="number">
                      Unit price
                    </th>
                    <th scope="col" className="number">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.lines.map((line) => (
                    <tr key={`${line.sku}-${line.variantId}`}>
                      <th scope="row">{line.title}</th>
                      <td>{line.sku}</td>
                      <td className="number">{line.quantity}</td>
                      <td className="number">{formatMoney(line.unitPrice.amount, line.unitPrice.currency)}</td>
                      <td className="number">{formatMoney(line.total.amount, line.total.currency)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={4}>
                      Subtotal
                    </th>
                    <td className="number">{formatMoney(o.subtotal.amount, o.subtotal.currency)}</td>
                  </tr>
                  {o.totals ? <BreakdownRows totals={o.totals} /> : null}
                  <tr>
                    <th scope="row" colSpan={4}>
                      Total
                    </th>
                    <td className="number" data-testid="order-total">
                      <strong>{formatMoney(o.total.amount, o.total.currency)}</strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </TableScroll>
          </section>

          <div className="two-columns">
            <section className="card" aria-labelledby="customer-title">
              <h2 id="customer-title">Customer</h2>
              <dl data-testid="order-customer">
                <dt>Account</dt>
                <dd>{o.customerEmail ?? 'Guest checkout'}</dd>
                <dt>Ship to</dt>
                <dd>
                  <address>
                    {o.shippingAddress.name}
                    <br />
                    {o.shippingAddress.line1}
                    {o.shippingAddress.line2 ? (
                      <>
                        <br />
                        {o.shippingAddress.line2}
                      </>
                    ) : null}
                    <br />
                    {o.shippingAddress.postalCode} {o.shippingAddress.city}
                    <br />
                    {o.shippingAddress.country}
                  </address>
                </dd>
                {o.shippingAddress.phone ? (
                  <>
                    <dt>Phone</dt>
                    <dd>{o.shippingAddress.phone}</dd>
                  </>
                ) : null}
              </dl>
            </section>
            <section className="card" aria-labelledby="payment-title">
              <h2 id="payment-title">Payment</h2>
              {o.payment ? (
                <dl data-testid="order-payment">
                  <dt>Method</dt>
                  <dd>{o.payment.method}</dd>
                  <dt>Status</dt>
                  <dd>
                    <span className={`badge ${o.payment.status}`}>{o.payment.status}</span>
                  </dd>
                  <dt>Amount</dt>
                  <dd>{formatMoney(o.payment.amount.amount, o.payment.amount.currency)}</dd>
                  <dt>Refunded</dt>
                  <dd>{formatMoney(o.payment.refunded.amount, o.payment.refunded.currency)}</dd>
                  {o.payment.reference ? (
                    <>
                      <dt>Reference</dt>
                      <dd>
                        <code>{o.payment.reference}</code>
                      </dd>
                    </>
                  ) : null}
                </dl>
              ) : (
                <p>No payment recorded.</p>
              )}
            </section>
            <section className="card" aria-labelledby="history-title">
              <h2 id="history-title">History</h2>
              <ol className="history" data-testid="order-history">
                {o.history.map((change, index) => (
                  <li key={`${change.to}-${index}`}>
                    <strong>{ORDER_STATUS_LABELS[change.to]}</strong> <time dateTime={change.at}>{formatDate(change.at)}</time>
                  </li>
                ))}
              </ol>
            </section>
          </div>

          <ConfirmDialog
            open={pending !== null}
            title={pending ? ACTIONS[pending].title : ''}
            confirmLabel={pending ? ACTIONS[pending].confirm : ''}
            tone={pending === 'fulfil' ? 'primary' : 'danger'}
            cancelLabel="Go back"
            onConfirm={confirm}
            onCancel={() => setPending(null)}
          >
            <p>{pending ? ACTIONS[pending].text : ''}</p>
            {pending && pending !== 'fulfil' ? <p>Amount: {formatMoney(o.total.amount, o.total.currency)}</p> : null}
          </ConfirmDialog>
        </>
      ) : null}
    </>
  );
}

/** The order's stored breakdown between subtotal and total: each discount, the shipping, each tax. */
function BreakdownRows({ totals }: { totals: TotalsBreakdown }): ReactElement {
  const row = (key: string, label: string, amount: string) => (
    <tr key={key} data-testid="order-breakdown">
      <th scope="row" colSpan={4}>
        {label}
      </th>
      <td className="number">{amount}</td>
    </tr>
  );
  return (
    <>
      {totals.discounts.map((d) => row(`d-${d.id}`, d.source === 'code' ? `Code ${d.label}` : d.label, `−${formatMoney(d.amount, totals.currency)}`))}
      {totals.shipping ? row('shipping', `Shipping (${totals.shipping.name})`, formatMoney(totals.shipping.amount, totals.currency)) : null}
      {totals.taxes.map((t) => row(`t-${t.label}-${t.ratePpm}`, `${totals.pricesIncludeTax ? 'Including ' : ''}${t.label} (${t.ratePpm / 10_000}%)`, formatMoney(t.amount, totals.currency)))}
    </>
  );
}
