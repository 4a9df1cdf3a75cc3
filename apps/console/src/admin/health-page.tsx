import type { PlatformHealth, QueueDepth } from '@storefront/contracts';
import { useEffect } from 'react';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { formatDate } from '../ui/format';
import { useResource } from '../ui/use-resource';
import { TableScroll } from '../ui/table-scroll';

/** Seconds between automatic re-checks while the page is open. */
const REFRESH_SECONDS = 30;

function QueueCell({ queues }: { queues: readonly QueueDepth[] | null }) {
  if (queues === null) return <span className="hint">could not be read</span>;
  if (queues.length === 0) return <span className="hint">no queues</span>;
  return (
    <ul className="queue-list">
      {queues.map((q) => (
        <li key={q.queue}>
          <strong>{q.queue}</strong>: {q.waiting} waiting, {q.active} active, {q.delayed} delayed, <span className={q.failed ? 'field-error inline' : undefined}>{q.failed} failed</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The platform at a glance: its services, every shard of checkout, search and notifications
 * (each shard's own readiness), and the depth of their queues. The API probes everything with
 * a timeout, so a dead shard shows as down instead of holding the page.
 */
export function HealthPage() {
  const { api } = useConsole();
  const health = useResource(() => api.request<PlatformHealth>('GET', '/admin/health'), 'health');
  const { reload } = health;
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [reload]);
  const h = health.data;
  const down = h ? h.services.filter((s) => s.state === 'down').length + h.shards.filter((s) => s.state === 'down').length : 0;

  return (
    <>
      <div className="page-head">
        <h1>Health</h1>
        <button type="button" onClick={() => void reload()} disabled={health.loading} aria-busy={health.loading || undefined}>
          {health.loading && h ? 'Checking…' : 'Check again'}
        </button>
      </div>
      <LoadState loading={health.loading && !h} error={health.error} />
      {h ? (
        <>
          <p role="status" className={h.state === 'up' ? 'success' : 'alert'} data-testid="health-summary">
            {h.state === 'up' ? 'Everything is up.' : `${down} ${down === 1 ? 'part is' : 'parts are'} down.`} Checked {formatDate(h.checkedAt)}; again every {REFRESH_SECONDS} seconds.
          </p>
          <section className="card" aria-labelledby="services-title">
            <h2 id="services-title">Services</h2>
            <TableScroll label="Services table">
              <table data-testid="health-services">
                <thead>
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">State</th>
                    <th scope="col">Detail</th>
                    <th scope="col" className="number">
                      Answered in
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {h.services.map((service) => (
                    <tr key={service.name}>
                      <th scope="row">{service.name}</th>
                      <td>
                        <span className={`badge ${service.state}`}>{service.state}</span>
                      </td>
                      <td className="wrap">{service.detail}</td>
                      <td className="number">{service.latencyMs} ms</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
          <section className="card" aria-labelledby="shards-title">
            <h2 id="shards-title">Shards and queues</h2>
            <TableScroll label="Shards table">
              <table data-testid="health-shards">
                <thead>
                  <tr>
                    <th scope="col">Shard</th>
                    <th scope="col">State</th>
                    <th scope="col" className="number">
                      Stores
                    </th>
                    <th scope="col">Queues</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {h.shards.map((shard) => (
                    <tr key={`${shard.service}-${shard.shard}`} data-testid={`shard-${shard.service}-${shard.shard}`}>
                      <th scope="row">
                        {shard.service} {shard.shard}
                        <span className="hint block">{shard.url}</span>
                      </th>
                      <td>
                        <span className={`badge ${shard.state}`}>{shard.state}</span>
                      </td>
                      <td className="number">{shard.tenants}</td>
                      <td>
                        <QueueCell queues={shard.queues} />
                      </td>
                      <td className="wrap">
                        {shard.detail} <span className="hint">({shard.latencyMs} ms)</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      ) : null}
    </>
  );
}
