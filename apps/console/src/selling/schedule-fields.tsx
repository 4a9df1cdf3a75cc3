import { TextField } from '../ui/form-controls';
import type { ScheduleDraft } from './selling-draft';

/** When a rule applies; optional ends are open (from now, forever), a sale's are required. */
export function ScheduleFields({ draft, required = false, errors, onChange }: { draft: ScheduleDraft; required?: boolean; errors(field: string): string[]; onChange(part: Partial<ScheduleDraft>): void }) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="row">
      <TextField label="Starts" type="datetime-local" value={draft.startsAt} onChange={(e) => onChange({ startsAt: e.target.value })} errors={errors('startsAt')} required={required} hint={required ? `Your time (${zone}).` : `Your time (${zone}); empty: from now.`} />
      <TextField label="Ends" type="datetime-local" value={draft.endsAt} onChange={(e) => onChange({ endsAt: e.target.value })} errors={errors('endsAt')} required={required} hint={required ? `Your time (${zone}).` : `Your time (${zone}); empty: no end.`} />
    </div>
  );
}
