import { MoneyError, parseDecimalMajor } from '@sluice/money';
import { z } from 'zod';

/**
 * Limits of a market for one currency, written in major units in the file (`"10000"` USDC) because people
 * review these files, and held as bigint minor units once loaded (never floats).
 */
export interface CurrencyLimits {
  currency: string;
  /** Largest single payout. */
  perPayoutMinor: bigint;
  /** Sum of payouts to one beneficiary within a UTC day. */
  dailyPerBeneficiaryMinor: bigint;
  /** Sum of payouts of the whole program in this market within a UTC day. */
  dailyPerProgramMinor: bigint;
  /** A release of a held payout above this amount needs two different approvers. */
  dualApprovalAboveMinor: bigint;
}

const ZERO = /^0(\.0+)?$/;
const AMOUNT_FIELDS = ['perPayout', 'dailyPerBeneficiary', 'dailyPerProgram', 'dualApprovalAbove'] as const;
const decimal = z
  .string()
  .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal string in major units, e.g. "1000.00"');

const limitFileSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z0-9]{2,12}$/),
  perPayout: decimal,
  dailyPerBeneficiary: decimal,
  dailyPerProgram: decimal,
  dualApprovalAbove: decimal,
});

/** Parses one limits entry, reporting a bad amount at its own field path. */
const limitSchema = limitFileSchema.transform((raw, ctx): CurrencyLimits => {
  const minor = {} as Record<(typeof AMOUNT_FIELDS)[number], bigint>;
  for (const field of AMOUNT_FIELDS) {
    try {
      // Zero is a legitimate limit (e.g. every release needs two approvers); parseDecimalMajor wants positive.
      minor[field] = ZERO.test(raw[field]) ? 0n : parseDecimalMajor(raw[field], raw.currency).amountMinor;
    } catch (error) {
      const message = error instanceof MoneyError ? error.message : String(error);
      ctx.addIssue({ code: 'custom', path: [field], message });
      minor[field] = 0n;
    }
  }
  return {
    currency: raw.currency,
    perPayoutMinor: minor.perPayout,
    dailyPerBeneficiaryMinor: minor.dailyPerBeneficiary,
    dailyPerProgramMinor: minor.dailyPerProgram,
    dualApprovalAboveMinor: minor.dualApprovalAbove,
  };
});

/** Limits of a market, one entry per currency (unique). */
export const limitsSchema = z
  .array(limitSchema)
  .max(64)
  .default([])
  .superRefine((limits, ctx) => {
    const seen = new Set<string>();
    limits.forEach((limit, i) => {
      if (seen.has(limit.currency))
        ctx.addIssue({ code: 'custom', path: [i, 'currency'], message: 'duplicate currency' });
      seen.add(limit.currency);
    });
  });
