import { createHash, randomUUID } from 'node:crypto';
import { getCurrency, MoneyError, parseAmountMinor } from '@sluice/money';
import { z } from 'zod';
import { failure, type SandboxFailure } from '../domain/errors.ts';
import type { SeededIds } from '../domain/ids.ts';
import type { Clock, Funding, Transactions } from './ports.ts';

export interface FundDeps {
  readonly transactions: Transactions;
  readonly ids: SeededIds;
  readonly clock: Clock;
}

export type FundResult =
  | { readonly kind: 'created' | 'replayed'; readonly funding: Funding }
  | { readonly kind: 'refused'; readonly failure: SandboxFailure };

const bodySchema = z.strictObject({
  currency: z.string().min(1).max(16),
  amount_minor: z.string().regex(/^[0-9]+$/, 'must be a string of digits (minor units)'),
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `POST /v1/fundings`: tops the account up (available balance). An optional Idempotency-Key makes the top-up safe to
 * retry: same key and body → the same funding, another body → 422.
 */
export async function fundAccount(
  deps: FundDeps,
  request: { idempotencyKey: string | undefined; body: unknown; rawBody: Buffer | undefined },
): Promise<FundResult> {
  const key = request.idempotencyKey ?? null;
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    return refused('bad_request', 'Idempotency-Key must be 1–255 printable ASCII characters');
  }
  const parsed = bodySchema.safeParse(request.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refused('bad_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const currency = getCurrency(parsed.data.currency);
  if (!currency) return refused('bad_request', `currency: unknown currency or asset ${parsed.data.currency}`);
  let amountMinor: bigint;
  try {
    amountMinor = parseAmountMinor(parsed.data.amount_minor, currency.code).amountMinor;
  } catch (error) {
    if (error instanceof MoneyError) return refused('bad_request', `amount_minor: ${error.message}`);
    throw error;
  }
  const requestSha256 =
    key === null
      ? null
      : createHash('sha256')
          .update(request.rawBody ?? '')
          .digest('hex');
  return postFunding(deps, { key, requestSha256, currency: currency.code, amountMinor });
}

/** Posts a funding (idempotent when keyed); also how the initial balances are put on a fresh database. */
export function postFunding(
  deps: FundDeps,
  input: { key: string | null; requestSha256: string | null; currency: string; amountMinor: bigint },
): Promise<FundResult> {
  return deps.transactions.run(async (stores) => {
    if (input.key !== null) {
      await stores.payouts.lockKey(`funding:${input.key}`);
      const existing = await stores.ledger.findFunding(input.key);
      if (existing) {
        return existing.requestSha256 === input.requestSha256
          ? { kind: 'replayed', funding: existing }
          : refused('idempotency_key_mismatch', 'this Idempotency-Key was used with a different request body');
      }
    }
    const funding: Funding = {
      id:
        input.key === null
          ? `sbx_fund_${randomUUID().replaceAll('-', '').slice(0, 24)}`
          : deps.ids.fundingId(input.key),
      idempotencyKey: input.key,
      requestSha256: input.requestSha256,
      currency: input.currency,
      amountMinor: input.amountMinor,
      createdAt: deps.clock.now(),
    };
    await stores.ledger.fund(funding);
    return { kind: 'created', funding };
  });
}

const refused = (code: SandboxFailure['code'], message: string): FundResult => ({
  kind: 'refused',
  failure: failure(code, message),
});
