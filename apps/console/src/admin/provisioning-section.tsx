import type { ProvisioningStepName, TenantProvisioning } from '@storefront/contracts';
import { formatDate } from '../ui/format';
import { TableScroll } from '../ui/table-scroll';

const STEP_LABELS: Readonly<Record<ProvisioningStepName, string>> = {
  register: 'Registered',
  role: 'Database role',
  schema: 'Schema',
  migrate: 'Migrations',
  seed: 'Store settings',
  shards: 'Shard assignments',
  activate: 'Activated',
};

/**
 * How the tenant came (or is coming) to life. Conditions, when something reports them (the
 * operator's `Store` in Kubernetes), are listed as they are; otherwise the provisioner's steps as
 * the registry and the database show them now.
 */
export function ProvisioningSection({ provisioning }: { provisioning: TenantProvisioning }) {
  const conditions = provisioning.conditions ?? [];
  return (
    <section className="card" aria-labelledby="provisioning-title">
      <h2 id="provisioning-title">Provisioning</h2>
      <p>
        State: <span className={`badge ${provisioning.status}`}>{provisioning.status}</span>
      </p>
      {conditions.length ? (
        <TableScroll label="Provisioning conditions">
          <table data-testid="provisioning-conditions">
            <caption className="visually-hidden">Conditions</caption>
            <thead>
              <tr>
                <th scope="col">Condition</th>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
                <th scope="col">Message</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {conditions.map((condition) => (
                <tr key={condition.type}>
                  <th scope="row">{condition.type}</th>
                  <td>
                    <span className={`badge condition-${condition.status.toLowerCase()}`}>{condition.status}</span>
                  </td>
                  <td>{condition.reason}</td>
                  <td className="wrap">{condition.message || '—'}</td>
                  <td>{formatDate(condition.lastTransitionTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <ol className="steps" data-testid="provisioning-steps">
          {provisioning.steps.map((step) => (
            <li key={step.step} data-state={step.done ? 'done' : 'pending'}>
              <span aria-hidden="true">{step.done ? '●' : '○'}</span> <strong>{STEP_LABELS[step.step]}</strong>
              <span className="visually-hidden">: {step.done ? 'done' : 'not done'}</span> <span className="hint">{step.detail}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
