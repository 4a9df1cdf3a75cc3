/**
 * Digits after the decimal point of a currency's minor unit (ISO 4217 exponent): EUR 2, JPY 0,
 * KWD 3. Amounts are always integers of that unit; this only says how to show and enter them.
 */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
