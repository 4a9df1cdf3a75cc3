import { useState, type FormEvent } from 'react';
import { Link, useRouter } from '../routing/router';
import { useConsole } from '../session/console-context';
import type { StoreView } from '../api/wire-types';
import { messagesFor } from '../ui/field-errors';
import { FormAlert, SubmitButton, TextField } from '../ui/form-controls';
import { useSubmit } from '../ui/use-submit';
import { ProvisioningSteps, type ProvisioningStep, type StepState } from './provisioning-steps';
import { slugFromName } from './slug-from-name';

const STEP_LABELS = ['Create your account and store', 'Sign in', 'Check that the store is live'] as const;
/** In Kubernetes the store comes up after signup answers (202, status provisioning): wait for it. */
const LIVE_POLL_MS = 1_000;
const LIVE_TIMEOUT_MS = 5 * 60_000;

async function waitUntilLive(token: string): Promise<void> {
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  for (;;) {
    // With the new token directly: the context's client picks it up only on the next render.
    const answer = await fetch('/api/v1/store', { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    // The platform API restarting or briefly overloaded is worth waiting out; a refusal is not.
    if (answer === null || answer.status >= 500) {
      if (Date.now() > deadline) throw new Error('The platform is not answering; sign in again in a few minutes.');
      await new Promise((resolve) => setTimeout(resolve, LIVE_POLL_MS));
      continue;
    }
    if (!answer.ok) throw new Error(`The store could not be checked (${answer.status}); sign in again.`);
    const store = (await answer.json()) as StoreView;
    if (store.status === 'active') return;
    if (store.status !== 'provisioning' || store.provisioning?.phase === 'Failed') {
      const failing = store.provisioning?.conditions.find((c) => c.status !== 'True');
      throw new Error(`The store is ${store.provisioning?.phase === 'Failed' ? 'failing to start' : store.status}${failing ? ` (${failing.type}: ${failing.reason})` : ''}.`);
    }
    if (Date.now() > deadline) throw new Error('The store is taking longer than usual to start; sign in again in a few minutes.');
    await new Promise((resolve) => setTimeout(resolve, LIVE_POLL_MS));
  }
}

/** Merchant signup: store name and address, then the setup steps, then the dashboard. */
export function SignupPage() {
  const { api, signIn } = useConsole();
  const { navigate } = useRouter();
  const [form, setForm] = useState({ storeName: '', slug: '', email: '', password: '' });
  const [slugEdited, setSlugEdited] = useState(false);
  const [states, setStates] = useState<StepState[] | null>(null);
  const submission = useSubmit();

  const mark = (index: number, state: StepState) => setStates((current) => (current ?? []).map((s, i) => (i === index ? state : s)));
  const steps: ProvisioningStep[] | null = states && STEP_LABELS.map((label, i) => ({ label, state: states[i]! }));

  /** Runs one setup step, showing it running, then done or failed. */
  const step = async <T,>(index: number, action: () => Promise<T>): Promise<T> => {
    mark(index, 'running');
    try {
      const result = await action();
      mark(index, 'done');
      return result;
    } catch (error) {
      // A refused signup goes back to the form, where its field messages belong.
      if (index === 0) setStates(null);
      else mark(index, 'failed');
      throw error;
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStates(['waiting', 'waiting', 'waiting']);
    void submission.run(async () => {
      await step(0, () => api.request('POST', '/signup', form));
      const token = await step(1, async () => {
        const { accessToken } = await api.request<{ accessToken: string }>('POST', '/auth/login', { email: form.email, password: form.password });
        return accessToken;
      });
      await step(2, () => waitUntilLive(token));
      signIn(token);
      navigate('/?welcome=1', { replace: true });
    });
  };

  const set = (field: keyof typeof form) => (value: string) =>
    setForm((current) => {
      const next = { ...current, [field]: value };
      if (field === 'storeName' && !slugEdited) next.slug = slugFromName(value);
      return next;
    });
  const errors = (field: string) => messagesFor(submission.fieldErrors, field);

  return (
    <main className="auth">
      <h1>Open your store</h1>
      {steps ? (
        <>
          <ProvisioningSteps steps={steps} />
          <FormAlert message={submission.error} />
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormAlert message={submission.error} />
          <TextField label="Store name" value={form.storeName} onChange={(e) => set('storeName')(e.target.value)} errors={errors('storeName')} autoComplete="organization" required />
          <TextField
            label="Store address"
            value={form.slug}
            onChange={(e) => {
              setSlugEdited(true);
              set('slug')(e.target.value);
            }}
            errors={errors('slug')}
            hint="Lowercase letters, digits and hyphens; your store's web address starts with it."
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <TextField label="Email" type="email" autoComplete="email" value={form.email} onChange={(e) => set('email')(e.target.value)} errors={errors('email')} required />
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => set('password')(e.target.value)}
            errors={errors('password')}
            hint="At least 10 characters."
            required
          />
          <SubmitButton busy={submission.busy} label="Create store" busyLabel="Creating store…" />
        </form>
      )}
      <p>
        Have a store? <Link to="/">Sign in</Link>
      </p>
    </main>
  );
}
