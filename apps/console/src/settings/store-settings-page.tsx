import { useState, type FormEvent } from 'react';
import type { StoreSettings } from '../api/wire-types';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { messagesFor } from '../ui/field-errors';
import { FormAlert, FormSuccess, SubmitButton, TextField } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { DomainsSection } from './domains-section';

/** Store name, currency and locale, then the store's domains. */
export function StoreSettingsPage({ onChanged }: { onChanged(): void }) {
  const { api } = useConsole();
  const settings = useResource(() => api.request<StoreSettings>('GET', '/store/settings'), 'settings');
  return (
    <>
      <h1>Settings</h1>
      <LoadState loading={settings.loading && !settings.data} error={settings.error} />
      {/* Mounted once loaded: typing into it earlier would be overwritten by the loaded values. */}
      {settings.data ? <StoreSettingsForm initial={settings.data} onChanged={onChanged} /> : null}
      <DomainsSection />
    </>
  );
}

function StoreSettingsForm({ initial, onChanged }: { initial: StoreSettings; onChanged(): void }) {
  const { api } = useConsole();
  const [form, setForm] = useState<StoreSettings>(initial);
  const [saved, setSaved] = useState(false);
  const submission = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void submission.run(async () => {
      setForm(await api.request<StoreSettings>('PATCH', '/store/settings', form));
      setSaved(true);
      onChanged();
    });
  };
  const set = (field: keyof StoreSettings) => (value: string) => {
    setSaved(false);
    setForm((current) => ({ ...current, [field]: value }));
  };

  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="store-settings-title">
      <h2 id="store-settings-title">Store</h2>
      <FormAlert message={submission.error} />
      <FormSuccess message={saved ? 'Settings saved.' : null} />
      <TextField label="Store name" value={form.name} onChange={(e) => set('name')(e.target.value)} errors={messagesFor(submission.fieldErrors, 'name')} />
      <div className="row">
        <TextField
          label="Currency"
          value={form.currency}
          onChange={(e) => set('currency')(e.target.value.toUpperCase())}
          errors={messagesFor(submission.fieldErrors, 'currency')}
          hint="ISO 4217 code, e.g. EUR. Applies to new products."
          maxLength={3}
        />
        <TextField label="Locale" value={form.locale} onChange={(e) => set('locale')(e.target.value)} errors={messagesFor(submission.fieldErrors, 'locale')} hint="e.g. en or de-CH" />
      </div>
      <SubmitButton busy={submission.busy} label="Save settings" busyLabel="Saving…" />
    </form>
  );
}
