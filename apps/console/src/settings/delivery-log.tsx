import { DELIVERY_STATUSES, type DeliveryDetail, type DeliveryList, type DeliveryStatus, type WebhookEndpoint } from '@storefront/contracts';
import { Fragment, useState } from 'react';
import { queryString } from '../api/api-client';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { FormAlert, FormSuccess } from '../ui/form-controls';
import { formatDate } from '../ui/format';
import { Pagination } from '../ui/pagination';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { TableScroll } from '../ui/table-scroll';

const PAGE_SIZE = 20;

export const DELIVERY_STATUS_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  pending: 'Pending',
  retrying: 'Retrying',
  sent: 'Delivered',
  failed: 'Dead letter',
  not_configured: 'Not configured',
};

/**
 * The store's webhook deliveries, newest first: what was sent for which event to which endpoint,
 * how each attempt went, and replay of dead letters (deliveries that used every attempt).
 */
export function DeliveryLog({ endpoints }: { endpoints: readonly WebhookEndpoint[] }) {
  const { api } = useConsole();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const replay = useSubmit();
  const query = queryString({ channel: 'webhook', status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const log = useResource(() => api.request<DeliveryList>('GET', `/store/notification-deliveries${query}`), query);
  const urlOf = (id: string) => endpoints.find((endpoint) => endpoint.id === id)?.url ?? 'a removed endpoint';

  const replayLetter = (id: string) => {
    setNotice(null);
    void replay.run(async () => {
      await api.request('POST', `/store/notification-deliveries/${id}/replay`);
      setNotice('Queued again: the delivery starts over with a fresh set of attempts.');
      await log.reload();
    });
  };

  return (
    <section className="card" aria-labelledby="delivery-log-title">
      <div className="page-head">
        <h2 id="delivery-log-title">Delivery log</h2>
        <button type="button" onClick={() => void log.reload()} disabled={log.loading} aria-busy={log.loading || undefined}>
          {log.loading && log.data ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <div className="search">
        <label htmlFor="delivery-status">Show</label>
        <select
          id="delivery-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as DeliveryStatus | '');
            setPage(1);
          }}
        >
          <option value="">All deliveries</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === 'failed' ? 'Dead letters' : DELIVERY_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <FormAlert message={replay.error} />
      {replay.busy ? <p role="status">Replaying…</p> : null}
      <FormSuccess message={notice} />
      <LoadState loading={log.loading && !log.data} error={log.error} />
      {log.data ? (
        <>
          <p className="hint" role="status">
            {log.data.total} deliver{log.data.total === 1 ? 'y' : 'ies'}
            {status ? ` (${status === 'failed' ? 'dead letters' : DELIVERY_STATUS_LABELS[status].toLowerCase()})` : ''}
          </p>
          {log.data.items.length ? (
            <TableScroll label="Webhook deliveries table">
              <table data-testid="delivery-log">
                <caption className="visually-hidden">Webhook deliveries, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Event</th>
                    <th scope="col">Endpoint</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((delivery) => (
                    <Fragment key={delivery.id}>
                      <tr>
                        <td>{formatDate(delivery.createdAt)}</td>
                        <td>{delivery.eventType}</td>
                        <td className="wrap">{urlOf(delivery.recipient)}</td>
                        <td>
                          <span className={`badge ${delivery.status}`}>{DELIVERY_STATUS_LABELS[delivery.status]}</span>
                          {delivery.lastError ? <span className="hint block">{delivery.lastError}</span> : null}
                        </td>
                        <td>
                          {delivery.attempts}
                          {delivery.replays ? <span className="hint"> ({delivery.replays} replayed)</span> : null}
                        </td>
                        <td>
                          <div className="actions">
                            <button type="button" aria-expanded={open === delivery.id} aria-controls={`attempts-${delivery.id}`} onClick={() => setOpen(open === delivery.id ? null : delivery.id)}>
                              Attempts<span className="visually-hidden"> of the {delivery.eventType} delivery at {formatDate(delivery.createdAt)}</span>
                            </button>
                            {delivery.status === 'failed' || delivery.status === 'not_configured' ? (
                              <button type="button" onClick={() => replayLetter(delivery.id)} disabled={replay.busy}>
                                Replay<span className="visually-hidden"> the {delivery.eventType} delivery at {formatDate(delivery.createdAt)}</span>
                              </button>
                            ) : null}
                          </div>
                        </td>
                      </tr>
                      {open === delivery.id ? (
                        <tr id={`attempts-${delivery.id}`}>
                          <td colSpan={6}>
                            <Attempts deliveryId={delivery.id} />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p>{status ? 'Nothing here.' : 'No webhook deliveries yet: they appear after the events your endpoints subscribe to.'}</p>
          )}
          <Pagination page={page} pageSize={PAGE_SIZE} total={log.data.total} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}

function Attempts({ deliveryId }: { deliveryId: string }) {
  const { api } = useConsole();
  const detail = useResource(() => api.request<DeliveryDetail>('GET', `/store/notification-deliveries/${deliveryId}`), deliveryId);
  return (
    <>
      <LoadState loading={detail.loading} error={detail.error} />
      {detail.data ? (
        detail.data.attemptLog.length ? (
          <ol className="attempts" data-testid="delivery-attempts">
            {detail.data.attemptLog.map((attempt) => (
              <li key={attempt.attempt}>
                Attempt {attempt.attempt}, {formatDate(attempt.attemptedAt)}: {attempt.outcome === 'sent' ? 'delivered' : 'failed'}
                {attempt.responseStatus !== null ? ` (HTTP ${attempt.responseStatus})` : ''}
                {attempt.error ? ` · ${attempt.error}` : ''}
                {/* An unreachable endpoint's attempt records no duration (see docs/adr/0302). */}
                {attempt.durationMs > 0 ? ` · ${attempt.durationMs} ms` : ''}
              </li>
            ))}
          </ol>
        ) : (
          <p>No attempt yet.</p>
        )
      ) : null}
    </>
  );
}
