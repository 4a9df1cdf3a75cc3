import { messagesFor, type FieldErrors } from '../ui/field-errors';
import type { OptionDraft } from './variant-grid';

interface OptionsEditorProps {
  readonly options: readonly OptionDraft[];
  readonly errors: FieldErrors;
  onChange(options: OptionDraft[]): void;
}

const MAX_OPTIONS = 5;

/** Option dimensions (Size, Colour, ...), each with comma-separated values; they span the variant grid. */
export function OptionsEditor({ options, errors, onChange }: OptionsEditorProps) {
  const update = (index: number, change: Partial<OptionDraft>) => onChange(options.map((o, i) => (i === index ? { ...o, ...change } : o)));
  return (
    <fieldset className="options">
      <legend>Options</legend>
      <p className="hint">Each option multiplies the variants: Size (S, M, L) and Colour (Black, White) make six.</p>
      {options.map((option, index) => {
        const nameErrors = messagesFor(errors, `options.${index}.name`);
        const valueErrors = messagesFor(errors, `options.${index}.values`);
        return (
          <div className="option-row" key={index}>
            <div className="field">
              <label htmlFor={`option-${index}-name`}>Option {index + 1} name</label>
              <input
                id={`option-${index}-name`}
                value={option.name}
                onChange={(e) => update(index, { name: e.target.value })}
                aria-invalid={nameErrors.length > 0 || undefined}
                aria-describedby={nameErrors.length ? `option-${index}-name-error` : undefined}
              />
              {nameErrors.length ? (
                <span className="field-error" id={`option-${index}-name-error`}>
                  {nameErrors.join('; ')}
                </span>
              ) : null}
            </div>
            <div className="field grow">
              <label htmlFor={`option-${index}-values`}>Option {index + 1} values</label>
              <input
                id={`option-${index}-values`}
                value={option.values}
                onChange={(e) => update(index, { values: e.target.value })}
                aria-describedby={`option-${index}-values-hint${valueErrors.length ? ` option-${index}-values-error` : ''}`}
                aria-invalid={valueErrors.length > 0 || undefined}
              />
              <span className="hint" id={`option-${index}-values-hint`}>
                Separate values with commas.
              </span>
              {valueErrors.length ? (
                <span className="field-error" id={`option-${index}-values-error`}>
                  {valueErrors.join('; ')}
                </span>
              ) : null}
            </div>
            <button type="button" onClick={() => onChange(options.filter((_, i) => i !== index))} aria-label={`Remove option ${option.name || index + 1}`}>
              Remove
            </button>
          </div>
        );
      })}
      {options.length < MAX_OPTIONS ? (
        <button type="button" onClick={() => onChange([...options, { name: '', values: '' }])}>
          Add option
        </button>
      ) : null}
    </fieldset>
  );
}
