import { useState, type FormEvent } from 'react';
import { queryString } from '../api/api-client';
import type { Page } from '@storefront/contracts';
import type { AuditEntry } from '../api/wire-types';
import { Link, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { formatDate } from '../ui/format';
import { Pagination } from '../ui/pagination';
import { useResource } from '../ui/use-resource';
import { TableScroll } from '../ui/table-scroll';

const PAGE_SIZE = 50;

/** The platform audit log, newest first, filterable by action. */
export function AuditLogPage() {
  const { api } = useConsole();
  const { search, navigate } = useRouter();
  const action = search.get('action') ?? '';
  const page = Number(search.get('page') ?? 1);
  const [typed, setTyped] = useState(action);
  const query = queryString({ action, page, pageSize: PAGE_SIZE });
  const entries = useResource(() => api.request<Page<AuditEntry>>('GET', `/admin/audit-log${query}`), query);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/audit-log${queryString({ action: typed.trim() })}`);
  };
  return (
    <>
      <h1>Audit log</h1>
      <form role="search" onSubmit={submit} className="search">
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="tenant.suspended" />
        <button type="submit">Filter</button>
      </form>
      <LoadState loading={entries.loading} error={entries.error} />
      {entries.data ? (
        <>
          <TableScroll label="Audit log entries">
            <table data-testid="audit-log">
              <caption className="visually-hidden">Audit log entries</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Tenant</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDate(entry.occurredAt)}</td>
                    <td>{entry.actor}</td>
                    <td>{entry.action}</td>
                    <td>{entry.tenantId ? <Link to={`/tenants/${entry.tenantId}`}>{entry.tenantId.slice(0, 8)}</Link> : '—'}</td>
                    <td>
                      <code>{JSON.stringify(entry.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination page={page} pageSize={PAGE_SIZE} total={entries.data.total} onPage={(next) => navigate(`/audit-log${queryString({ action, page: next })}`)} />
        </>
      ) : null}
    </>
  );
}
