/**
 * Postal code shapes of the countries most stores ship to (Universal Postal Union formats),
 * checked after spaces are normalised and letters upper-cased. A country not listed takes any
 * 1 to 12 letters, digits, spaces and dashes.
 */
const POSTAL_CODE_SHAPES: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '10001 or 10001-1234' },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/, example: 'K1A 0B1' },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, example: 'SW1A 1AA' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  FR: { pattern: /^\d{5}$/, example: '75001' },
  IT: { pattern: /^\d{5}$/, example: '00184' },
  ES: { pattern: /^\d{5}$/, example: '28001' },
  FI: { pattern: /^\d{5}$/, example: '00100' },
  MX: { pattern: /^\d{5}$/, example: '06000' },
  KR: { pattern: /^\d{5}$/, example: '03051' },
  KW: { pattern: /^\d{5}$/, example: '13001' },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/, example: '1012 AB' },
  BE: { pattern: /^\d{4}$/, example: '1000' },
  AT: { pattern: /^\d{4}$/, example: '1010' },
  CH: { pattern: /^\d{4}$/, example: '8001' },
  DK: { pattern: /^\d{4}$/, example: '1050' },
  NO: { pattern: /^\d{4}$/, example: '0150' },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  PL: { pattern: /^\d{2}-\d{3}$/, example: '00-950' },
  PT: { pattern: /^\d{4}-\d{3}$/, example: '1000-001' },
  SE: { pattern: /^\d{3} ?\d{2}$/, example: '111 22' },
  JP: { pattern: /^\d{3}-?\d{4}$/, example: '100-0001' },
  BR: { pattern: /^\d{5}-?\d{3}$/, example: '01000-000' },
  IN: { pattern: /^\d{6}$/, example: '110001' },
  CN: { pattern: /^\d{6}$/, example: '100000' },
};

const ANY_POSTAL_CODE = /^[A-Z\d][A-Z\d -]{0,11}$/;

/** The postal code as stored: trimmed, single spaces, upper case. */
export function normalizePostalCode(postalCode: string): string {
  return postalCode.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** Why the postal code cannot be one of `country`, or null when its shape fits. */
export function postalCodeProblem(country: string, postalCode: string): string | null {
  const code = normalizePostalCode(postalCode);
  const shape = POSTAL_CODE_SHAPES[country.toUpperCase()];
  if (shape) return shape.pattern.test(code) ? null : `is not a postal code of ${country.toUpperCase()} (for example ${shape.example})`;
  return ANY_POSTAL_CODE.test(code) ? null : 'may hold only letters, digits, spaces and dashes';
}
