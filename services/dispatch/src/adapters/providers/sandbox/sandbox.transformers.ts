import { z } from 'zod';
import type { ProviderBalance, ProviderPayout, SettlementLine } from '../../../app/ports.ts';
import { assertNever } from '../../../domain/failure-class.ts';
import { type InstructionInput, sortedMetadata } from '../../../domain/instruction.ts';
import type { ObservedStatus } from '../../../domain/provider-observation.ts';

/** Every status the sandbox reports for a payout (its API documentation, in lifecycle order). */
export const SANDBOX_STATUSES = ['pending', 'processing', 'completed', 'failed', 'reversed'] as const;
export type SandboxStatus = (typeof SANDBOX_STATUSES)[number];

export const isSandboxStatus = (value: unknown): value is SandboxStatus =>
  typeof value === 'string' && (SANDBOX_STATUSES as readonly string[]).includes(value);

/**
 * The sandbox's statuses in the canonical lifecycle, exhaustively: a status added to the list without a mapping does
 * not compile. `processing` is still money in flight (`pending`); `completed` is `confirmed`.
 */
export function observedStatusOf(status: SandboxStatus): ObservedStatus {
  switch (status) {
    case 'pending':
    case 'processing':
      return 'pending';
    case 'completed':
      return 'confirmed';
    case 'failed':
      return 'failed';
    case 'reversed':
      return 'reversed';
    default:
      return assertNever(status);
  }
}

/**
 * `POST /v1/payouts` body: `{ client_reference, amount_minor, currency, destination, metadata }`. Serialized once
 * with a fixed key order and sorted metadata, so the same payout always yields the same bytes. The accepted
 * payout's metadata passes through (its `scenario` key picks the sandbox scenario).
 */
export function sandboxRequestBody(input: InstructionInput): string {
  return JSON.stringify({
    client_reference: input.payoutId,
    amount_minor: input.amountMinor.toString(),
    currency: input.currency,
    destination: input.destination,
    metadata: sortedMetadata(input.metadata),
  });
}

const minor = z.string().regex(/^[0-9]{1,30}$/);

const payoutSchema = z.object({
  id: z.string().min(1),
  status: z.enum(SANDBOX_STATUSES),
  client_reference: z.string().nullish(),
  amount_minor: minor.nullish(),
  settled_amount_minor: minor.nullish(),
  fee_amount_minor: minor.nullish(),
  currency: z.string().nullish(),
  failure_code: z.string().nullish(),
});

const bigOrNull = (value: string | null | undefined): bigint | null =>
  value === null || value === undefined ? null : BigInt(value);

/** A sandbox payout representation as the provider port's record; undefined when the body is not one. */
export function toProviderPayout(body: unknown, detail: string): ProviderPayout | undefined {
  const parsed = payoutSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  return {
    status: observedStatusOf(p.status),
    providerReference: p.id,
    providerStatus: p.status,
    settledAmountMinor: bigOrNull(p.settled_amount_minor),
    feeAmountMinor: bigOrNull(p.fee_amount_minor),
    failureCode: p.failure_code ?? null,
    failureMessage: null,
    detail,
    clientReference: p.client_reference ?? null,
    amountMinor: bigOrNull(p.amount_minor),
    currency: p.currency ?? null,
  };
}

const listSchema = z.object({ data: z.array(z.unknown()) });

/**
 * The payout for our client reference from `GET /v1/payouts?client_reference=`: null when the list is empty,
 * undefined when the body is unreadable. Our keys guarantee at most one; the first is taken if a provider lists more.
 */
export function firstOfList(body: unknown, detail: string): ProviderPayout | null | undefined {
  const parsed = listSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const [first] = parsed.data.data;
  return first === undefined ? null : toProviderPayout(first, detail);
}

const balancesSchema = z.object({
  balances: z.array(z.object({ currency: z.string(), available_minor: minor, pending_minor: minor })),
});

export function toBalances(body: unknown): ProviderBalance[] | undefined {
  const parsed = balancesSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.balances.map((b) => ({
    currency: b.currency,
    availableMinor: BigInt(b.available_minor),
    pendingMinor: BigInt(b.pending_minor),
  }));
}

const settlementsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      client_reference: z.string().nullish(),
      status: z.string(),
      amount_minor: minor,
      settled_amount_minor: minor.nullish(),
      fee_amount_minor: minor.nullish(),
      currency: z.string(),
    }),
  ),
});

export function toSettlements(body: unknown): SettlementLine[] | undefined {
  const parsed = settlementsSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.data.map((row) => ({
    providerReference: row.id,
    clientReference: row.client_reference ?? null,
    status: row.status,
    amountMinor: BigInt(row.amount_minor),
    settledAmountMinor: bigOrNull(row.settled_amount_minor),
    feeAmountMinor: bigOrNull(row.fee_amount_minor),
    currency: row.currency,
  }));
}

const errorSchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });

/** The provider's `{ error: { code, message } }`, or nulls when the body is something else (a proxy's HTML page). */
export function toError(body: unknown): { code: string | null; message: string | null } {
  const parsed = errorSchema.safeParse(body);
  return parsed.success
    ? { code: parsed.data.error.code ?? null, message: parsed.data.error.message ?? null }
    : { code: null, message: null };
}
