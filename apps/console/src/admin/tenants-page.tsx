import { useState, type FormEvent } from 'react';
import { queryString } from '../api/api-client';
import { TENANT_STATUSES, type Page, type TenantSummary } from '@storefront/contracts';
import { Link, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { formatDate } from '../ui/format';
import { Pagination } from '../ui/pagination';
import { useResource } from '../ui/use-resource';
import { TableScroll } from '../ui/table-scroll';

const PAGE_SIZE = 25;

/** Every tenant, searchable by name or slug, filtered by status, paged; state lives in the URL. */
export function TenantsPage() {
  const { api } = useConsole();
  const { search, navigate } = useRouter();
  const q = search.get('q') ?? '';
  const status = search.get('status') ?? '';
  const page = Number(search.get('page') ?? 1);
  const [typed, setTyped] = useState({ q, status });
  const query = queryString({ q, status, page, pageSize: PAGE_SIZE });
  const tenants = useResource(() => api.request<Page<TenantSummary>>('GET', `/admin/tenants${query}`), query);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/${queryString({ q: typed.q.trim(), status: typed.status })}`);
  };

  return (
    <>
      <h1>Tenants</h1>
      <form role="search" onSubmit={submit} className="search">
        <label htmlFor="tenant-search">Search by name or slug</label>
        <input id="tenant-search" type="search" value={typed.q} onChange={(e) => setTyped({ ...typed, q: e.target.value })} />
        <label htmlFor="tenant-status">Status</label>
        <select id="tenant-status" value={typed.status} onChange={(e) => setTyped({ ...typed, status: e.target.value })}>
          <option value="">Any</option>
          {TENANT_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      <LoadState loading={tenants.loading} error={tenants.error} />
      {tenants.data ? (
        <>
          <p role="status">{tenants.data.total} tenants</p>
          <TableScroll label="Tenants table">
            <table data-testid="tenants">
              <caption className="visually-hidden">Tenants</caption>
              <thead>
                <tr>
                  <th scope="col">Store</th>
                  <th scope="col">Slug</th>
                  <th scope="col">Status</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {tenants.data.items.map((tenant) => (
                  <tr key={tenant.id}>
                    <th scope="row">
                      <Link to={`/tenants/${tenant.id}`}>{tenant.name}</Link>
                    </th>
                    <td>{tenant.slug}</td>
                    <td>
                      <span className={`badge ${tenant.status}`}>{tenant.status}</span>
                    </td>
                    <td>{tenant.plan}</td>
                    <td>{formatDate(tenant.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination page={page} pageSize={PAGE_SIZE} total={tenants.data.total} onPage={(next) => navigate(`/${queryString({ q, status, page: next })}`)} />
        </>
      ) : null}
    </>
  );
}
