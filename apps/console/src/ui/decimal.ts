/**
 * Decimal text <-> scaled integers by string arithmetic: "19.99" is 1999 hundredths and "8.875"
 * is 88 750 ppm exactly, where multiplying a parsed float by 10^n can land one unit off.
 */

/** "25.5" at 2 decimals -> 2550; NaN when it is not a plain decimal or has more (non-zero) decimals. */
export function parseScaled(text: string, decimals: number): number {
  const normalised = text.trim().replace(',', '.');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(normalised);
  if (!match) return Number.NaN;
  const [, whole, fraction = ''] = match;
  // "25.00" is fine for a currency without decimals; "25.5" is not a price there.
  if (/[^0]/.test(fraction.slice(decimals))) return Number.NaN;
  const scaled = Number(`${whole}${fraction.slice(0, decimals).padEnd(decimals, '0')}`);
  return Number.isSafeInteger(scaled) ? scaled : Number.NaN;
}

/** 2550 at 2 decimals -> "25.50" (all decimals, as a price is shown). */
export function scaledToText(value: number, decimals: number): string {
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${value < 0 ? '-' : ''}${whole}${decimals ? `.${fraction}` : ''}`;
}

/** 88 750 at 4 decimals -> "8.875", 190 000 -> "19": a percentage as a merchant would type it. */
export function scaledToShortText(value: number, decimals: number): string {
  const text = scaledToText(value, decimals);
  return decimals ? text.replace(/\.?0+$/, '') : text;
}
