/** Markup that is already safe to emit (built by `html`, never from user input directly). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Template literal for pages: every interpolated value is escaped unless it is SafeHtml (the
 * result of another `html` call), so shop data (titles, descriptions) can never inject markup.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Minor units as a localised price. Formatters are costly to build (a quarter of a page's CPU), so they are kept. */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  // Minor units by the currency's exponent (JPY 0, KWD 3); Intl takes the exact decimal string.
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(`${amount}E-${digits}` as unknown as number);
}
