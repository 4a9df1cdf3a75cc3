import { useState } from 'react';
import type { TenantDetail } from '@storefront/contracts';
import { BackLink } from '../ui/back-link';
import { useConsole } from '../session/console-context';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { LoadState } from '../ui/console-shell';
import { FormAlert, FormSuccess } from '../ui/form-controls';
import { formatDate } from '../ui/format';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { ProvisioningSection } from './provisioning-section';

type Action = 'suspend' | 'resume' | 'delete';

const CONFIRM: Record<Action, { title: string; label: string; text: string }> = {
  suspend: { title: 'Suspend this store?', label: 'Suspend store', text: 'Shoppers see the store as unavailable and the merchant can no longer make changes, until it is resumed.' },
  resume: { title: 'Resume this store?', label: 'Resume store', text: 'The store opens to shoppers again and the merchant can make changes.' },
  delete: {
    title: 'Delete this store?',
    label: 'Delete store',
    text: "The store's data is exported first, then the store goes offline; its schema is dropped after the retention period. This cannot be undone.",
  },
};

/** One tenant: placement (cluster, schema, shards), provisioning, usage, domains; suspend, resume, delete. */
export function TenantDetailPage({ tenantId }: { tenantId: string }) {
  const { api } = useConsole();
  const tenant = useResource(() => api.request<TenantDetail>('GET', `/admin/tenants/${tenantId}`), tenantId);
  const [pending, setPending] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submission = useSubmit();

  const confirm = () => {
    const action = pending!;
    setPending(null);
    setDone(null);
    void submission.run(async () => {
      if (action === 'delete') await api.request('DELETE', `/admin/tenants/${tenantId}`);
      else await api.request('POST', `/admin/tenants/${tenantId}/${action}`);
      await tenant.reload();
      setDone(`Store ${action === 'delete' ? 'deleted' : action === 'suspend' ? 'suspended' : 'resumed'}.`);
    });
  };

  const t = tenant.data;
  return (
    <>
      <BackLink to="/" label="Tenants" />
      <LoadState loading={tenant.loading && !t} error={tenant.error} />
      {t ? (
        <>
          <h1>
            {t.name} <span className={`badge ${t.status}`} data-testid="tenant-status">{t.status}</span>
          </h1>
          <FormAlert message={submission.error} />
          {submission.busy ? <p role="status">Working…</p> : null}
          <FormSuccess message={done} />
          <div className="actions">
            {t.status === 'active' ? (
              <button type="button" onClick={() => setPending('suspend')} disabled={submission.busy}>
                Suspend
              </button>
            ) : null}
            {t.status === 'suspended' ? (
              <button type="button" onClick={() => setPending('resume')} disabled={submission.busy}>
                Resume
              </button>
            ) : null}
            {t.status === 'active' || t.status === 'suspended' ? (
              <button type="button" className="danger" onClick={() => setPending('delete')} disabled={submission.busy}>
                Delete
              </button>
            ) : null}
          </div>
          <div className="two-columns">
            <section className="card" aria-labelledby="facts-title">
              <h2 id="facts-title">Store</h2>
              <dl>
                <dt>Slug</dt>
                <dd>{t.slug}</dd>
                <dt>Plan</dt>
                <dd>{t.plan}</dd>
                <dt>Created</dt>
                <dd>{formatDate(t.createdAt)}</dd>
                <dt>Provisioned</dt>
                <dd>{t.provisionedAt ? formatDate(t.provisionedAt) : 'not yet'}</dd>
                {t.deleteAfter ? (
                  <>
                    <dt>Data dropped after</dt>
                    <dd>{formatDate(t.deleteAfter)}</dd>
                  </>
                ) : null}
                <dt>Merchants</dt>
                <dd>{t.merchants.join(', ') || 'none'}</dd>
                <dt>Domains</dt>
                <dd>{t.domains.map((d) => `${d.host}${d.verified ? '' : ' (pending)'}`).join(', ')}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="placement-title">
              <h2 id="placement-title">Placement</h2>
              <dl data-testid="placement">
                <dt>Database cluster</dt>
                <dd>{t.placement.clusterId}</dd>
                <dt>Schema</dt>
                <dd>{t.placement.schema}</dd>
                {Object.entries(t.placement.shards).map(([service, shard]) => (
                  <div key={service}>
                    <dt>{service} shard</dt>
                    <dd>{shard}</dd>
                  </div>
                ))}
              </dl>
            </section>
            {t.store ? (
              // Its conditions are listed with the provisioning steps.
              <section className="card" aria-labelledby="store-resource-title">
                <h2 id="store-resource-title">Store resource</h2>
                <p>
                  <code>
                    {t.store.namespace}/{t.store.name}
                  </code>
                  : {t.store.phase ?? 'not reported yet'}
                  {t.store.statusChangedAt ? `, since ${formatDate(t.store.statusChangedAt)}` : ''}
                </p>
              </section>
            ) : null}
            <ProvisioningSection provisioning={t.provisioning} />
            <section className="card" aria-labelledby="usage-title">
              <h2 id="usage-title">Usage</h2>
              {t.counts ? (
                <dl data-testid="usage">
                  {Object.entries(t.counts).map(([table, count]) => (
                    <div key={table}>
                      <dt>{table}</dt>
                      <dd>{count}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p>The store's data is gone.</p>
              )}
            </section>
          </div>
          <ConfirmDialog
            open={pending !== null}
            title={pending ? CONFIRM[pending].title : ''}
            confirmLabel={pending ? CONFIRM[pending].label : ''}
            typeToConfirm={pending === 'delete' ? t.slug : undefined}
            onConfirm={confirm}
            onCancel={() => setPending(null)}
          >
            <p>{pending ? CONFIRM[pending].text : ''}</p>
          </ConfirmDialog>
        </>
      ) : null}
    </>
  );
}
