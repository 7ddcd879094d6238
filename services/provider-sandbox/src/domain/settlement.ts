/** What reaches the beneficiary and what the network keeps out of an instructed amount. */
export interface Settlement {
  readonly settledAmountMinor: bigint;
  readonly feeAmountMinor: bigint;
}

const BPS_PER_UNIT = 10_000n;

/**
 * Splits `amountMinor` by a fee in basis points, rounding the fee down but never below one minor unit when a fee
 * applies: a short settlement must really be short, even for tiny amounts.
 */
export function settle(amountMinor: bigint, feeBps: number): Settlement {
  if (amountMinor <= 0n) throw new RangeError('amount must be positive');
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps >= 10_000)
    throw new RangeError('fee must be in [0, 10000) bps');
  if (feeBps === 0) return { settledAmountMinor: amountMinor, feeAmountMinor: 0n };
  const proportional = (amountMinor * BigInt(feeBps)) / BPS_PER_UNIT;
  const fee = proportional > 0n ? proportional : 1n;
  return { settledAmountMinor: amountMinor - fee, feeAmountMinor: fee };
}
