import { formatDate } from '../ui/format';

/** "From … until …" for a rule list; open ends said in words. */
export function describeSchedule(rule: { readonly startsAt: string | null; readonly endsAt: string | null }): string {
  if (!rule.startsAt && !rule.endsAt) return 'Always';
  return [rule.startsAt ? `From ${formatDate(rule.startsAt)}` : 'Now', rule.endsAt ? `until ${formatDate(rule.endsAt)}` : 'with no end'].join(' ');
}
