import { useState, type KeyboardEvent } from 'react';
import { useConsole } from '../session/console-context';
import { messagesFor } from '../ui/field-errors';
import { useSubmit } from '../ui/use-submit';

/**
 * Stock of a saved variant changes through an adjustment with a reason (the stock ledger keeps
 * both), never by overwriting the number: a sale in between would otherwise be lost.
 */
export function StockAdjuster({ variantId, label, stock, onAdjusted }: { variantId: string; label: string; stock: number; onAdjusted(stock: number): void }) {
  const { api } = useConsole();
  const [open, setOpen] = useState(false);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('restock');
  const submission = useSubmit();
  const id = `stock-${variantId}`;

  const apply = () => {
    void submission.run(async () => {
      const level = await api.request<{ stock: number }>('POST', `/variants/${variantId}/stock-adjustments`, { delta: Number(delta), reason });
      onAdjusted(level.stock);
      setDelta('');
      setOpen(false);
    });
  };
  // Enter here must apply the adjustment, not submit the product form around it.
  const onEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    apply();
  };
  const deltaErrors = messagesFor(submission.fieldErrors, 'delta');
  const reasonErrors = messagesFor(submission.fieldErrors, 'reason');

  return (
    <div className="stock-adjuster">
      <span data-testid="stock-level">{stock}</span>{' '}
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Adjust<span className="visually-hidden"> stock of {label}</span>
      </button>
      {open ? (
        // A nested <form> is invalid HTML, so this is a group that submits on its button.
        <div id={id} role="group" aria-label={`Stock adjustment for ${label}`} className="inline-form">
          <label htmlFor={`${id}-delta`}>Change by</label>
          <input id={`${id}-delta`} inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value)} onKeyDown={onEnter} aria-invalid={deltaErrors.length > 0 || undefined} />
          <label htmlFor={`${id}-reason`}>Reason</label>
          <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={onEnter} aria-invalid={reasonErrors.length > 0 || undefined} />
          <button type="button" onClick={apply} disabled={submission.busy}>
            {submission.busy ? 'Applying…' : 'Apply'}
          </button>
          {[...deltaErrors.map((m) => `Change by ${m}`), ...reasonErrors.map((m) => `Reason ${m}`)].map((m) => (
            <span key={m} className="field-error" role="alert">
              {m}
            </span>
          ))}
          {submission.error && !deltaErrors.length && !reasonErrors.length ? (
            <span className="field-error" role="alert">
              {submission.error}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
