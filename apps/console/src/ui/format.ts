import { parseScaled, scaledToText } from './decimal';

/** Digits after the decimal point of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Integer minor units -> "€25.00" in the browser's locale. */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount / 10 ** currencyExponent(currency));
}

/** "25.00" typed by a merchant -> 2500 minor units, exactly; NaN when it is not a price. */
export function parseMoney(text: string, currency: string): number {
  return parseScaled(text, currencyExponent(currency));
}

export function minorToText(amount: number, currency: string): string {
  return scaledToText(amount, currencyExponent(currency));
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString();
}
