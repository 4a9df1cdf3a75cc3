import { useEffect, useRef, useState, type ChangeEvent, type ComponentProps, type FormEvent } from 'react';
import type { PaymentMode, PaymentSettingsView } from '@storefront/contracts';
import { useConsole } from '../session/console-context';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { LoadState } from '../ui/console-shell';
import { messagesFor, unplacedErrors } from '../ui/field-errors';
import { CheckboxField, FormAlert, FormSuccess, SubmitButton, TextAreaField, TextField } from '../ui/form-controls';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { changeOf, draftOf, PAYMENT_METHOD_LABELS, placeOfFailure, type PaymentSettingsDraft } from './payment-settings-draft';

/** Fields the form shows next to an input; the API's messages for any other go to the form's alert. */
const SHOWN_FIELDS = ['mode', 'cashOnDelivery', 'bankTransfer', 'stripe'];

const MODE_TEXT: Record<PaymentMode, string> = {
  test: 'Test mode: no real money moves. Shoppers can pay with the test card, and Stripe accepts only its test keys (pk_test_…, sk_test_…). Switch to live when the store opens.',
  live: 'Live mode: shoppers pay real money. The test card is not offered, and Stripe accepts only its live keys (pk_live_…, sk_live_…).',
};

const MODE_CONFIRMATION: Record<PaymentMode, { title: string; text: string; confirm: string }> = {
  live: {
    title: 'Take real payments?',
    text: 'In live mode shoppers pay real money through the methods enabled on this page, and the test card is no longer offered. Stripe needs its live keys.',
    confirm: 'Go live',
  },
  test: {
    title: 'Switch back to test mode?',
    text: 'Shoppers could then place orders with the test card, which takes no money, and Stripe needs its test keys. Use test mode only while the store is not open to the public.',
    confirm: 'Switch to test mode',
  },
};

/** Test or live mode, the payment methods the store accepts, and its Stripe keys (write-only). */
export function PaymentSettingsPage() {
  const { api } = useConsole();
  const settings = useResource(() => api.request<PaymentSettingsView>('GET', '/store/payment-settings'), 'payment-settings');
  return (
    <>
      <h1>Payments</h1>
      <LoadState loading={settings.loading && !settings.data} error={settings.error} />
      {/* Mounted once loaded: typing into it earlier would be overwritten by the loaded values. */}
      {settings.data ? <PaymentSettingsForm initial={settings.data} /> : null}
    </>
  );
}

/**
 * One form and one PATCH for the whole page: going live and replacing the Stripe test keys by
 * live ones must reach the API together, as either alone is refused (the keys' mode must match).
 */
function PaymentSettingsForm({ initial }: { initial: PaymentSettingsView }) {
  const { api } = useConsole();
  const [stored, setStored] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmingMode, setConfirmingMode] = useState(false);
  const submission = useSubmit();
  const errors = (field: string) => messagesFor(submission.fieldErrors, field);
  const failurePlace = placeOfFailure(submission.status, submission.fieldErrors);
  const conflict = (place: 'mode' | 'stripe') => (failurePlace === place ? submission.error : null);

  const change = (part: Partial<PaymentSettingsDraft>) => {
    setSaved(null);
    setDraft((current) => ({ ...current, ...part }));
  };
  // Props that tie an input to its field of the draft.
  const toggle = (key: 'stripe' | 'bankTransfer' | 'cashOnDelivery') => ({ checked: draft[key], onChange: (e: ChangeEvent<HTMLInputElement>) => change({ [key]: e.target.checked }) });
  const text = (key: 'stripePublishableKey' | 'stripeSecretKey' | 'stripeWebhookSecret' | 'bankTransferInstructions') => ({
    value: draft[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => change({ [key]: e.target.value }),
  });
  const save = () => {
    const body = changeOf(stored, draft);
    if (!body) {
      submission.clear();
      setSaved('Nothing to save: no setting was changed.');
      return;
    }
    void submission.run(async () => {
      const view = await api.request<PaymentSettingsView>('PATCH', '/store/payment-settings', body);
      setStored(view);
      // Also empties the secret inputs: what was typed is stored now, and only its hint is shown.
      setDraft(draftOf(view));
      setSaved('Payment settings saved.');
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    if (draft.mode !== stored.mode) setConfirmingMode(true);
    else save();
  };
  const modeErrors = errors('mode');
  const confirmation = MODE_CONFIRMATION[draft.mode];

  return (
    <>
      <form onSubmit={submit} noValidate aria-label="Payment settings">
        <section className={`card mode-${stored.mode}`} aria-labelledby="payment-mode-title">
          <h2 id="payment-mode-title">
            Payment mode{' '}
            <span className={`badge mode-${stored.mode}`} data-testid="payment-mode">
              {stored.mode === 'live' ? 'Live' : 'Test'}
            </span>
          </h2>
          <p data-testid="payment-mode-text">{MODE_TEXT[stored.mode]}</p>
          <p data-testid="accepted-methods">
            {stored.acceptedMethods.length
              ? `Accepted at checkout now: ${stored.acceptedMethods.map((method) => PAYMENT_METHOD_LABELS[method]).join(', ')}.`
              : 'Shoppers cannot pay at checkout now: no payment method is on.'}
          </p>
          <ConflictAlert message={conflict('mode')} />
          <fieldset role="radiogroup" aria-invalid={modeErrors.length ? true : undefined} aria-describedby={modeErrors.length ? 'payment-mode-error' : undefined}>
            <legend>Mode for this store</legend>
            {(['test', 'live'] as const).map((mode) => (
              <label key={mode} className="checkbox">
                <input type="radio" name="payment-mode" value={mode} checked={draft.mode === mode} onChange={() => change({ mode })} />
                {mode === 'test' ? 'Test: test card and Stripe test keys, no real money' : 'Live: shoppers pay real money'}
              </label>
            ))}
            {modeErrors.length ? (
              <span className="field-error" id="payment-mode-error">
                {modeErrors.join('; ')}
              </span>
            ) : null}
          </fieldset>
        </section>

        <section className="card" aria-labelledby="stripe-title">
          <h2 id="stripe-title">Stripe</h2>
          <ConflictAlert message={conflict('stripe')} />
          <CheckboxField label="Accept cards through Stripe" {...toggle('stripe')} errors={errors('stripe.enabled')} />
          <TextField
            label="Publishable key"
            {...text('stripePublishableKey')}
            errors={errors('stripe.publishableKey')}
            placeholder={`pk_${draft.mode}_…`}
            autoComplete="off"
            spellCheck={false}
          />
          <SecretField
            label="Secret key"
            {...text('stripeSecretKey')}
            errors={errors('stripe.secretKey')}
            hint={stored.stripe.secretKeyHint ? `Stored: ${stored.stripe.secretKeyHint}. Leave empty to keep it, or enter a new key to replace it.` : 'Not set. Find it in the Stripe dashboard under Developers → API keys.'}
          />
          <SecretField
            label="Webhook signing secret"
            {...text('stripeWebhookSecret')}
            errors={errors('stripe.webhookSecret')}
            hint={stored.stripe.webhookSecretSet ? 'Set. Leave empty to keep it, or enter a new one (whsec_…) to replace it.' : 'Not set. Stripe shows it (whsec_…) once you add the webhook below.'}
          />
          {stored.stripe.webhookUrl ? <WebhookUrl url={stored.stripe.webhookUrl} /> : null}
        </section>

        <section className="card" aria-labelledby="bank-transfer-title">
          <h2 id="bank-transfer-title">Bank transfer</h2>
          <CheckboxField label="Accept bank transfer" {...toggle('bankTransfer')} errors={errors('bankTransfer.enabled')} />
          <TextAreaField
            label="Bank transfer instructions"
            {...text('bankTransferInstructions')}
            errors={errors('bankTransfer.instructions')}
            hint="Shown to shoppers when they order: account holder, IBAN and the reference to use."
            rows={4}
            maxLength={2000}
          />
        </section>

        <section className="card" aria-labelledby="cod-title">
          <h2 id="cod-title">Cash on delivery</h2>
          <CheckboxField
            label="Accept cash on delivery"
            {...toggle('cashOnDelivery')}
            errors={errors('cashOnDelivery.enabled')}
            hint="Shoppers pay the courier when the parcel arrives."
          />
        </section>

        <FormAlert message={failurePlace === 'form' ? submission.error : null} extra={unplacedErrors(submission.fieldErrors, SHOWN_FIELDS)} />
        <FormSuccess message={saved} />
        <div className="actions">
          <SubmitButton busy={submission.busy} label="Save payment settings" busyLabel="Saving…" />
        </div>
      </form>
      <ConfirmDialog
        open={confirmingMode}
        title={confirmation.title}
        confirmLabel={confirmation.confirm}
        tone="primary"
        onCancel={() => setConfirmingMode(false)}
        onConfirm={() => {
          setConfirmingMode(false);
          save();
        }}
      >
        <p>{confirmation.text}</p>
      </ConfirmDialog>
    </>
  );
}

/**
 * A write-only secret: never filled from the API (it has no secret to give), so an empty input
 * keeps the stored one; the hint says what is stored. `new-password` keeps the browser from
 * offering the merchant's console password here.
 */
function SecretField(field: Omit<ComponentProps<typeof TextField>, 'type'>) {
  return <TextField {...field} type="password" autoComplete="new-password" spellCheck={false} />;
}

/** A refusal that belongs to one section; brought into view, as the Save button is far below it. */
function ConflictAlert({ message }: { message: string | null }) {
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) alert.current?.scrollIntoView({ block: 'center' });
  }, [message]);
  if (!message) return null;
  return (
    <div role="alert" className="alert" ref={alert} data-testid="payment-conflict">
      <p>{message}</p>
    </div>
  );
}

/** The address Stripe sends this store's events to, with a copy button and where to paste it. */
function WebhookUrl({ url }: { url: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const copy = () => {
    navigator.clipboard.writeText(url).then(
      () => setCopied('Copied.'),
      // No clipboard access (a browser setting): select it so Ctrl+C or the menu copies it.
      () => {
        input.current?.select();
        setCopied('Selected: press Ctrl+C (⌘C) to copy.');
      },
    );
  };
  return (
    <div className="field">
      <label htmlFor="stripe-webhook-url">Webhook URL</label>
      <div className="copy-row">
        <input id="stripe-webhook-url" ref={input} value={url} readOnly aria-describedby="stripe-webhook-url-hint" onFocus={(e) => e.target.select()} />
        <button type="button" onClick={copy}>
          Copy<span className="visually-hidden"> webhook URL</span>
        </button>
      </div>
      <span id="stripe-webhook-url-hint" className="hint">
        In the Stripe dashboard under Developers → Webhooks, add an endpoint with this URL, then paste its signing secret above.
      </span>
      <span role="status" className="hint">
        {copied}
      </span>
    </div>
  );
}
