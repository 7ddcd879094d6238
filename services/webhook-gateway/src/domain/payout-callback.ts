import { z } from 'zod';

/** What a verified callback says about one payout, normalized; the provider's status stays verbatim. */
export interface PayoutCallback {
  readonly providerEventId: string;
  readonly eventType: string;
  readonly providerReference: string;
  readonly clientReference: string | null;
  readonly providerStatus: string;
  readonly failureCode: string | null;
  readonly amountMinor: bigint | null;
  readonly currency: string | null;
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
}

/**
 * - `payout`: a payout event to archive and forward;
 * - `ignored`: a well-formed event of a type the gateway does not forward (archived, answered 200, nothing emitted);
 * - `invalid`: signed by the provider but not a shape we can read (recorded as a rejection, answered 422).
 */
export type Translation =
  | { readonly kind: 'payout'; readonly callback: PayoutCallback }
  | { readonly kind: 'ignored'; readonly providerEventId: string; readonly eventType: string }
  | { readonly kind: 'invalid'; readonly detail: string };

const id = z.string().min(1).max(255);
const code = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
/** Minor units as providers send them: a decimal string of digits (or a safe JSON integer), never a float. */
const minor = z.union([z.string().regex(/^[0-9]{1,30}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);

/** The provider payout-event format (the sandbox's, and the default for providers configured without another). */
const payoutEvent = z.object({
  id,
  type: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/),
  data: z
    .object({
      id,
      status: code,
      client_reference: id.nullish(),
      amount_minor: minor.nullish(),
      settled_amount_minor: minor.nullish(),
      fee_amount_minor: minor.nullish(),
      currency: z
        .string()
        .regex(/^[A-Z0-9]{2,12}$/)
        .nullish(),
      failure_code: code.nullish(),
    })
    .optional(),
});

const bigintOrNull = (value: string | number | null | undefined): bigint | null =>
  value === null || value === undefined ? null : BigInt(value);

/**
 * Reads a verified body. Runs only after the signature passed, so everything here is what the provider said; the
 * event id a scheme signs in a header (Standard Webhooks) wins over the body's, since that is what the MAC covers.
 */
export function translatePayoutEvent(body: Buffer, signedEventId: string | null): Translation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'invalid', detail: 'body is not JSON' };
  }
  const result = payoutEvent.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    return { kind: 'invalid', detail: `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}` };
  }
  const event = result.data;
  const providerEventId = signedEventId ?? event.id;
  if (!event.type.startsWith('payout.')) return { kind: 'ignored', providerEventId, eventType: event.type };
  const data = event.data;
  if (!data) return { kind: 'invalid', detail: 'data: a payout event must carry the payout' };
  const amounts = [data.amount_minor, data.settled_amount_minor, data.fee_amount_minor];
  if (amounts.some((amount) => amount !== null && amount !== undefined) && !data.currency) {
    return { kind: 'invalid', detail: 'data.currency: required when amounts are given' };
  }
  return {
    kind: 'payout',
    callback: {
      providerEventId,
      eventType: event.type,
      providerReference: data.id,
      clientReference: data.client_reference ?? null,
      providerStatus: data.status,
      failureCode: data.failure_code ?? null,
      amountMinor: bigintOrNull(data.amount_minor),
      currency: data.currency ?? null,
      settledAmountMinor: bigintOrNull(data.settled_amount_minor),
      feeAmountMinor: bigintOrNull(data.fee_amount_minor),
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The payout a callback is about, when it can be told without a lookup: Sluice sends its payout id (a UUID) as the
 * client reference. Anything else stays unattributed and dispatch resolves it from the provider reference.
 */
export function attributedPayoutId(callback: PayoutCallback): string | null {
  return callback.clientReference !== null && UUID.test(callback.clientReference)
    ? callback.clientReference.toLowerCase()
    : null;
}
