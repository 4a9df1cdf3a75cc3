/** Money is integer minor units plus an ISO 4217 currency, never a float (the wire contract's shape). */
export type { Money } from '@storefront/contracts';

/** PostgreSQL returns bigint as a string; amounts stay far below 2^53 minor units. */
export function toAmount(value: string | number): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) throw new Error(`amount out of range: ${value}`);
  return amount;
}
