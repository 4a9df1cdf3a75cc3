import { useEffect, useState, type FormEvent } from 'react';
import type { NotificationTemplate } from '../api/wire-types';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { messagesFor } from '../ui/field-errors';
import { FormAlert, FormSuccess, SelectField, SubmitButton, TextAreaField, TextField } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { NOTIFICATION_EVENTS, renderPreview } from './notification-events';

type Channel = 'email' | 'sms';

/** The store's wording per event and channel, with a live preview on sample data. */
export function NotificationTemplatesPage() {
  const { api } = useConsole();
  const templates = useResource(() => api.request<{ items: NotificationTemplate[] }>('GET', '/store/notification-templates'), 'templates');
  const [event, setEvent] = useState(Object.keys(NOTIFICATION_EVENTS)[0]!);
  const [channel, setChannel] = useState<Channel>('email');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const submission = useSubmit();
  const stored = templates.data?.items.find((t) => t.event === event && t.channel === channel) ?? null;

  // Opening the page or switching event or channel loads that template (none: the platform
  // default applies). A reload after saving keeps the key, so it does not wipe the confirmation.
  const editorKey = `${event}/${channel}/${templates.data ? 'loaded' : 'loading'}`;
  useEffect(() => {
    setSubject(stored?.subject ?? '');
    setBody(stored?.body ?? '');
    setSaved(null);
    submission.clear();
  }, [editorKey]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void submission.run(async () => {
      await api.request('PUT', `/store/notification-templates/${event}/${channel}`, { ...(channel === 'email' ? { subject } : {}), body });
      await templates.reload();
      setSaved('Template saved.');
    });
  };
  const reset = () =>
    void submission.run(async () => {
      await api.request('DELETE', `/store/notification-templates/${event}/${channel}`);
      await templates.reload();
      setSaved('Using the platform default again.');
    });
  const placeholders = Object.keys(NOTIFICATION_EVENTS[event] ?? {});
  // The editor appears once the stored templates are known; typing earlier would be overwritten.
  if (!templates.data) return <LoadState loading={templates.loading} error={templates.error} />;

  return (
    <>
      <h1>Notifications</h1>
      <div className="two-columns">
        <form onSubmit={submit} noValidate className="card" aria-labelledby="template-title">
          <h2 id="template-title">Template</h2>
          <div className="row">
            <SelectField label="Event" value={event} onChange={(e) => setEvent(e.target.value)}>
              {Object.keys(NOTIFICATION_EVENTS).map((name) => (
                <option key={name}>{name}</option>
              ))}
            </SelectField>
            <SelectField label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              <option value="email">Email</option>
              <option value="sms">SMS</option>
            </SelectField>
          </div>
          <p className="hint">{stored ? 'This store has its own wording.' : 'No template yet: customers get the platform default.'}</p>
          <FormAlert message={submission.error} />
          <FormSuccess message={saved} />
          {channel === 'email' ? <TextField label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} errors={messagesFor(submission.fieldErrors, 'subject')} /> : null}
          <TextAreaField
            label="Body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            errors={messagesFor(submission.fieldErrors, 'body')}
            rows={8}
            hint={
              <>
                Placeholders: {placeholders.map((p) => <code key={p}>{`{{${p}}}`} </code>)}
              </>
            }
          />
          <div className="actions">
            <SubmitButton busy={submission.busy} label="Save template" busyLabel="Saving…" />
            {stored ? (
              <button type="button" onClick={reset}>
                Use platform default
              </button>
            ) : null}
          </div>
        </form>
        <section className="card preview" aria-labelledby="preview-title" aria-live="polite">
          <h2 id="preview-title">Preview</h2>
          {channel === 'email' ? (
            <p>
              <strong>Subject:</strong> <span data-testid="preview-subject">{renderPreview(subject, event)}</span>
            </p>
          ) : null}
          <pre data-testid="preview-body">{renderPreview(body, event)}</pre>
        </section>
      </div>
    </>
  );
}
