import { useId, type ReactNode } from 'react';

/**
 * A fieldset of related inputs (a method's tiers, a zone's tax rates) with the API's messages
 * about the group as a whole ("tiers must rise by upToGrams") tied to it for screen readers.
 */
export function FieldGroup({ legend, errors = [], hint, className, children }: { legend: string; errors?: readonly string[]; hint?: ReactNode; className?: string; children: ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={className} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <span id={`${id}-error`} className="field-error">
          {errors.join('; ')}
        </span>
      ) : null}
      {children}
    </fieldset>
  );
}
