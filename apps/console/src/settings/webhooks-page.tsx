import { useState, type FormEvent } from 'react';
import { WEBHOOK_EVENTS, type CreatedWebhookEndpoint, type WebhookEndpoint } from '@storefront/contracts';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { messagesFor } from '../ui/field-errors';
import { FormAlert, SubmitButton, TextField } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { DeliveryLog } from './delivery-log';

/** Webhook endpoints: add (the signing secret is shown once), pause/resume, delete; their delivery log. */
export function WebhooksPage() {
  const { api } = useConsole();
  const webhooks = useResource(() => api.request<{ items: WebhookEndpoint[] }>('GET', '/store/webhooks'), 'webhooks');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['order.placed']);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useSubmit();
  const action = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run(async () => {
      const created = await api.request<CreatedWebhookEndpoint>('POST', '/store/webhooks', { url, events });
      setSecret(created.secret ?? null);
      setUrl('');
      await webhooks.reload();
    });
  };
  const change = (endpoint: WebhookEndpoint, method: 'PATCH' | 'DELETE') =>
    void action.run(async () => {
      await api.request(method, `/store/webhooks/${endpoint.id}`, method === 'PATCH' ? { active: !endpoint.active } : undefined);
      await webhooks.reload();
    });
  const eventErrors = messagesFor(create.fieldErrors, 'events');

  return (
    <>
      <h1>Webhooks</h1>
      <LoadState loading={webhooks.loading && !webhooks.data} error={webhooks.error} />
      <FormAlert message={action.error} />
      <ul className="plain-list" data-testid="webhooks">
        {webhooks.data?.items.map((endpoint) => (
          <li key={endpoint.id}>
            <div>
              <strong>{endpoint.url}</strong> <span className={`badge ${endpoint.active ? 'active' : 'paused'}`}>{endpoint.active ? 'active' : 'paused'}</span>
              <p className="hint">{endpoint.events.join(', ')}</p>
            </div>
            <div className="actions">
              <button type="button" onClick={() => change(endpoint, 'PATCH')}>
                {endpoint.active ? 'Pause' : 'Resume'}
                <span className="visually-hidden"> {endpoint.url}</span>
              </button>
              <button type="button" onClick={() => change(endpoint, 'DELETE')}>
                Delete<span className="visually-hidden"> {endpoint.url}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {secret ? (
        <div role="status" className="card success">
          <p>Signing secret (shown once; store it now):</p>
          <code data-testid="webhook-secret">{secret}</code>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="card" aria-labelledby="new-webhook">
        <h2 id="new-webhook">New endpoint</h2>
        <FormAlert message={create.error} />
        <TextField label="Endpoint URL" type="url" value={url} onChange={(e) => setUrl(e.target.value)} errors={messagesFor(create.fieldErrors, 'url')} placeholder="https://hooks.example.com/storefront" />
        <fieldset aria-describedby={eventErrors.length ? 'webhook-events-error' : undefined}>
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="checkbox">
              <input type="checkbox" checked={events.includes(name)} onChange={(e) => setEvents(e.target.checked ? [...events, name] : events.filter((n) => n !== name))} />
              {name}
            </label>
          ))}
          {eventErrors.length ? (
            <span className="field-error" id="webhook-events-error">
              {eventErrors.join('; ')}
            </span>
          ) : null}
        </fieldset>
        <SubmitButton busy={create.busy} label="Add endpoint" busyLabel="Adding…" />
      </form>
      <DeliveryLog endpoints={webhooks.data?.items ?? []} />
    </>
  );
}
