import { matchPath, useRouter } from '../routing/router';
import { ConsoleShell } from '../ui/console-shell';
import { AuditLogPage } from './audit-log-page';
import { HealthPage } from './health-page';
import { TenantDetailPage } from './tenant-detail-page';
import { TenantsPage } from './tenants-page';

const NAV = [
  { to: '/', label: 'Tenants' },
  { to: '/health', label: 'Health' },
  { to: '/audit-log', label: 'Audit log' },
];

/** The platform admin console: tenants, the platform's health and the audit log. */
export function AdminApp() {
  const { path } = useRouter();
  const tenantId = matchPath('/tenants/:id', path)?.id;
  let page;
  if (path === '/' || path === '/tenants') page = <TenantsPage />;
  else if (tenantId) page = <TenantDetailPage key={tenantId} tenantId={tenantId} />;
  else if (path === '/health') page = <HealthPage />;
  else if (path === '/audit-log') page = <AuditLogPage />;
  else page = <h1>Page not found</h1>;
  return (
    <ConsoleShell title="Platform admin" nav={NAV}>
      {page}
    </ConsoleShell>
  );
}
