import { useEffect, useRef, useState, type ReactNode } from 'react';

interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** Typing this text enables the confirm button (for destructive, irreversible actions). */
  readonly typeToConfirm?: string;
  /** `danger` (default) for what cannot be undone, `primary` for an ordinary step. */
  readonly tone?: 'danger' | 'primary';
  /** The button that closes the dialog without acting (say "Go back" when the action is itself a "Cancel …"). */
  readonly cancelLabel?: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation on the native <dialog>: it traps focus, closes on Escape and returns
 * focus to the opener by itself, which a hand-made overlay would have to re-implement.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, typeToConfirm, tone = 'danger', cancelLabel = 'Cancel', onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setTyped('');
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);
  const allowed = !typeToConfirm || typed === typeToConfirm;
  return (
    <dialog ref={dialog} aria-labelledby="confirm-title" onCancel={onCancel} className="dialog">
      <h2 id="confirm-title">{title}</h2>
      {children}
      {typeToConfirm ? (
        <div className="field">
          <label htmlFor="confirm-text">Type {typeToConfirm} to confirm</label>
          <input id="confirm-text" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className={tone} disabled={!allowed} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
