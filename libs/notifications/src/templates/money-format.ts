const formatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units as a price in the store's currency (`€25.00`); formatters are cached. */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const key = `${locale}/${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
