import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrame {
  readonly label: string;
  /** The API's messages for this field, shown under it and announced with it. */
  readonly errors?: readonly string[];
  readonly hint?: ReactNode;
}

function useFieldIds(errors: readonly string[] | undefined, hint: ReactNode) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, errorId, hintId, describedBy, invalid: Boolean(errors?.length) };
}

function FieldMessages({ errorId, hintId, errors, hint }: { errorId: string; hintId: string; errors?: readonly string[]; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {errors?.length ? (
        <span id={errorId} className="field-error">
          {errors.join('; ')}
        </span>
      ) : null}
    </>
  );
}

/** A labelled input whose API errors sit right under it and are tied to it for screen readers. */
export function TextField({ label, errors, hint, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="field">
      <label htmlFor={input.id ?? ids.id}>{label}</label>
      <input id={ids.id} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} {...input} />
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} errors={errors} hint={hint} />
    </div>
  );
}

export function TextAreaField({ label, errors, hint, ...input }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="field">
      <label htmlFor={input.id ?? ids.id}>{label}</label>
      <textarea id={ids.id} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} {...input} />
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({ label, errors, hint, children, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="field">
      <label htmlFor={select.id ?? ids.id}>{label}</label>
      <select id={ids.id} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} {...select}>
        {children}
      </select>
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} errors={errors} hint={hint} />
    </div>
  );
}

/** A labelled checkbox (an on/off setting) with its hint and the API's errors tied to it. */
export function CheckboxField({ label, errors, hint, ...input }: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} {...input} />
        {label}
      </label>
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} errors={errors} hint={hint} />
    </div>
  );
}

/** The form's overall verdict, announced when it appears. */
export function FormAlert({ message, extra = [] }: { message: string | null; extra?: readonly string[] }) {
  if (!message && extra.length === 0) return null;
  return (
    <div role="alert" className="alert">
      {message ? <p>{message}</p> : null}
      {extra.length ? (
        <ul>
          {extra.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** What an action achieved, announced politely (a status, not an alert); nothing while there is none. */
export function FormSuccess({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="success">
      {message}
    </p>
  );
}

/** A submit button that says what it is doing while the request runs. */
export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
      {busy ? busyLabel : label}
    </button>
  );
}
