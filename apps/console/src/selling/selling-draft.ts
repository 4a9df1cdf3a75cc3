import type { FieldError } from '@storefront/contracts';
import { scaledToShortText } from '../ui/decimal';
import { currencyExponent, minorToText, parseMoney } from '../ui/format';

/** A rule's form turned into its PUT/POST body, with what the browser can already tell is not a number. */
export interface Converted<T> {
  readonly body: T;
  /** Reported in the API's shape (`methods.0.rate.amount`), so they show under the same fields. */
  readonly problems: readonly FieldError[];
}

/**
 * Reads the typed text of a rule's form into numbers, noting each input that is not one under
 * its API field path. The API judges everything else (ranges, order, codes).
 */
export class DraftReader {
  readonly problems: FieldError[] = [];

  /** `currency` is null for a rule with no amounts (a promotion). */
  constructor(private readonly currency: string | null) {}

  /** A price in the store currency -> minor units. */
  money(text: string, field: string): number {
    if (this.currency === null) throw new Error('reading an amount needs the store currency');
    const amount = parseMoney(text, this.currency);
    if (Number.isNaN(amount)) this.problems.push({ field, message: `must be an amount such as ${amountExample(this.currency)}` });
    return amount;
  }

  /** An optional price: empty is null (no threshold). */
  moneyOrNull(text: string, field: string): number | null {
    return text.trim() ? this.money(text, field) : null;
  }

  whole(text: string, field: string): number {
    if (/^\d{1,15}$/.test(text.trim())) return Number(text.trim());
    this.problems.push({ field, message: 'must be a whole number' });
    return Number.NaN;
  }

  /** An optional limit: empty is null (no limit). */
  wholeOrNull(text: string, field: string): number | null {
    return text.trim() ? this.whole(text, field) : null;
  }

  /** A `datetime-local` value (the browser's time zone) -> ISO instant; empty is null (open-ended). */
  instantOrNull(text: string, field: string): string | null {
    if (!text.trim()) return null;
    const time = new Date(text);
    if (Number.isNaN(time.getTime())) {
      this.problems.push({ field, message: 'must be a date and time' });
      return null;
    }
    return time.toISOString();
  }

  instant(text: string, field: string): string | null {
    if (!text.trim()) this.problems.push({ field, message: 'must be a date and time' });
    return this.instantOrNull(text, field);
  }

  /** An open-ended schedule (codes, promotions): empty ends are null. */
  schedule(draft: ScheduleDraft): { startsAt: string | null; endsAt: string | null } {
    return { startsAt: this.instantOrNull(draft.startsAt, 'startsAt'), endsAt: this.instantOrNull(draft.endsAt, 'endsAt') };
  }

  done<T>(body: T): Converted<T> {
    return { body, problems: this.problems };
  }
}

/** Minor units -> the text a merchant edits ("25.00"); empty for none. */
export function moneyText(amount: number | null, currency: string): string {
  return amount === null ? '' : minorToText(amount, currency);
}

/** Optional counts and limits as their input text. */
export function countText(value: number | null): string {
  return value === null ? '' : String(value);
}

/** Percentages are answered as integers: parts per million for tax, basis points for discounts. */
export const PPM_DECIMALS = 4;
export const BASIS_POINT_DECIMALS = 2;

export function percentText(scaled: number, decimals: number): string {
  return scaledToShortText(scaled, decimals);
}

/** When a rule applies, as `datetime-local` values in the browser's time zone. */
export interface ScheduleDraft {
  readonly startsAt: string;
  readonly endsAt: string;
}

export function scheduleDraftOf(rule: { readonly startsAt: string | null; readonly endsAt: string | null }): ScheduleDraft {
  return { startsAt: localDateTimeText(rule.startsAt), endsAt: localDateTimeText(rule.endsAt) };
}

/** An ISO instant -> the `datetime-local` input's value in the browser's time zone; empty for none. */
export function localDateTimeText(iso: string | null): string {
  if (!iso) return '';
  const time = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** "DE, at ,FR" -> ["DE", "AT", "FR"]: codes typed as one comma-separated list. */
export function codeList(text: string): string[] {
  return text
    .split(',')
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

/** The placeholder amount in a currency's own shape: "25.00" for EUR, "2500" for JPY. */
export function amountExample(currency: string): string {
  return minorToText(25 * 10 ** currencyExponent(currency), currency);
}

/** One entry of a list in the draft changed; the others stay as they are. */
export function replaceAt<T>(list: readonly T[], index: number, part: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...part } : item));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
