/**
 * The one rounding rule of the money path (docs/adr/0061-totals-breakdown.md): a quotient of
 * integer minor units is rounded half up (away from zero on exact halves), in BigInt so that
 * amount x rate never leaves the integers, whatever the size of the amount.
 */
export function divideRounded(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  const amount = Number(negative ? -quotient : quotient);
  if (!Number.isSafeInteger(amount)) throw new RangeError('amount out of range');
  return amount;
}

/** `amount x parts / whole`, rounded by the rule above (a percentage, a tax rate). */
export function fractionOf(amount: number, parts: number, whole: number): number {
  return divideRounded(BigInt(amount) * BigInt(parts), BigInt(whole));
}

/**
 * Splits `total` over `weights` in proportion, to the minor unit, so the shares add up to the
 * total exactly (largest remainder; ties go to the earlier weight).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const big = BigInt(total);
  const shares = weights.map((weight) => (big * BigInt(weight)) / BigInt(sum));
  const remainders = weights.map((weight, i) => ({ i, rest: (big * BigInt(weight)) % BigInt(sum) }));
  let left = Number(big - shares.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0) break;
    shares[i] = shares[i]! + 1n;
    left -= 1;
  }
  return shares.map(Number);
}
