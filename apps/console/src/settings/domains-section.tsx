import { useEffect, useState, type FormEvent } from 'react';
import type { DomainView } from '../api/wire-types';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { messagesFor } from '../ui/field-errors';
import { FormAlert, SubmitButton, TextField } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';

/** While a verification runs in the API's queue, the list is re-read this often. */
const POLL_MS = 5_000;

/** Custom domains: add one, publish its TXT record, ask for verification, watch the status. */
export function DomainsSection() {
  const { api } = useConsole();
  const domains = useResource(() => api.request<{ items: DomainView[] }>('GET', '/store/domains'), 'domains');
  const { reload } = domains;
  const [host, setHost] = useState('');
  const [checking, setChecking] = useState<readonly string[]>([]);
  const add = useSubmit();
  const action = useSubmit();

  // A verification is a background job with retries: follow it until it is verified or we stop.
  useEffect(() => {
    if (checking.length === 0) return;
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [checking, reload]);
  useEffect(() => {
    const verified = new Set(domains.data?.items.filter((d) => d.status === 'verified').map((d) => d.host));
    setChecking((current) => (current.some((h) => verified.has(h)) ? current.filter((h) => !verified.has(h)) : current));
  }, [domains.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run(async () => {
      await api.request('POST', '/store/domains', { host });
      setHost('');
      await domains.reload();
    });
  };
  const verify = (domain: DomainView) =>
    void action.run(async () => {
      await api.request('POST', `/store/domains/${encodeURIComponent(domain.host)}/verify`);
      setChecking((current) => [...current, domain.host]);
    });
  const remove = (domain: DomainView) =>
    void action.run(async () => {
      await api.request('DELETE', `/store/domains/${encodeURIComponent(domain.host)}`);
      await domains.reload();
    });

  return (
    <section className="card" aria-labelledby="domains-title">
      <h2 id="domains-title">Domains</h2>
      <LoadState loading={domains.loading && !domains.data} error={domains.error} />
      <FormAlert message={action.error} />
      <ul className="plain-list" data-testid="domains">
        {domains.data?.items.map((domain) => (
          <li key={domain.host} className="domain">
            <div>
              <strong>{domain.host}</strong> <span className={`badge ${domain.status}`}>{checking.includes(domain.host) ? 'checking…' : domain.status}</span>
              {domain.verification && domain.status === 'pending' ? (
                <p className="hint">
                  Publish a TXT record <code>{domain.verification.name}</code> with the value <code>{domain.verification.value}</code>, then verify.
                </p>
              ) : null}
            </div>
            {domain.kind === 'custom' ? (
              <div className="actions">
                {domain.status === 'pending' ? (
                  <button type="button" onClick={() => verify(domain)} disabled={checking.includes(domain.host)}>
                    Verify<span className="visually-hidden"> {domain.host}</span>
                  </button>
                ) : null}
                <button type="button" onClick={() => remove(domain)}>
                  Remove<span className="visually-hidden"> {domain.host}</span>
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <FormAlert message={add.error} />
        <TextField label="Custom domain" value={host} onChange={(e) => setHost(e.target.value)} errors={messagesFor(add.fieldErrors, 'host')} placeholder="shop.example.com" autoCapitalize="none" />
        <SubmitButton busy={add.busy} label="Add domain" busyLabel="Adding…" />
      </form>
    </section>
  );
}
