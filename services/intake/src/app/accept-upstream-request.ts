import type { PayoutRequestedV1 } from '@sluice/contracts';
import type { FieldIssue } from '../domain/field-issue.ts';
import { isUuid } from '../domain/field-issue.ts';
import { validateIdempotencyKey } from '../domain/idempotency.ts';
import { requestHash, validatePayoutRequest } from '../domain/payout-request.ts';
import type { Clock, IntakeTx } from './ports.ts';
import { type AdmissionContext, type SubmitInput, submitPayout } from './submit-payout.ts';

export type UpstreamOutcome =
  | { readonly kind: 'accepted'; readonly payoutId: string }
  | { readonly kind: 'duplicate'; readonly payoutId: string }
  | { readonly kind: 'rejected'; readonly reasons: readonly FieldIssue[] };

/** An upstream request judged on its own fields: ready to submit, or refused with every reason. */
export type CheckedUpstream =
  | { readonly kind: 'valid'; readonly input: SubmitInput }
  | { readonly kind: 'invalid'; readonly hash: string | null; readonly reasons: readonly FieldIssue[] };

/**
 * Handles `payouts.requested.v1` in the consumer's transaction. `request_id` is the idempotency key, with the REST
 * semantics: the same body again is the same payout (nothing new is published: it was accepted already), another
 * body is refused. A request that fails validation is answered with `payouts.rejected.v1` and every reason: a
 * business answer the platform can act on, not a dead letter. A chunk of requests takes `acceptUpstreamChunk`; this
 * is the one-event path (the runner's fallback, and a key repeated within a chunk).
 */
export async function acceptUpstreamRequest(
  tx: IntakeTx,
  deps: AdmissionContext & { clock: Clock },
  event: PayoutRequestedV1,
): Promise<UpstreamOutcome> {
  const checked = checkUpstreamRequest(event, await tx.platforms.exists(event.platform_id));
  if (checked.kind === 'invalid') return rejectUpstream(tx, event, checked.hash, null, checked.reasons);
  const { input } = checked;
  const outcome = await submitPayout(tx, deps, deps.clock.now(), input);
  switch (outcome.kind) {
    case 'created':
      return { kind: 'accepted', payoutId: outcome.view.id };
    case 'replay':
      return { kind: 'duplicate', payoutId: outcome.payoutId };
    case 'reused':
      return rejectUpstream(tx, event, input.requestHash, outcome.payoutId, [requestIdReused]);
    case 'refused':
      return rejectUpstream(tx, event, input.requestHash, null, outcome.issues);
  }
}

/** Everything that can be judged from the event alone (and whether its platform exists): no reads. */
export function checkUpstreamRequest(event: PayoutRequestedV1, platformKnown: boolean): CheckedUpstream {
  const validated = validatePayoutRequest({
    platform_reference: event.platform_reference,
    beneficiary_id: event.beneficiary_id,
    destination: { type: event.destination.type, id: event.destination.id },
    amount_minor: event.amount_minor,
    currency: event.currency,
    corridor: event.corridor,
    metadata: event.metadata,
  });
  const hash = validated.ok ? requestHash(validated.value) : null;
  const reasons: FieldIssue[] = [];
  const keyIssue = validateIdempotencyKey(event.request_id, 'request_id');
  if (keyIssue) reasons.push(keyIssue);
  if (event.payout_id !== null && !isUuid(event.payout_id)) {
    reasons.push({
      path: 'payout_id',
      code: 'invalid_id',
      message: 'a pre-allocated payout_id must be a lowercase UUID',
    });
  }
  if (!platformKnown) {
    reasons.push({ path: 'platform_id', code: 'unknown_platform', message: 'no platform with this id' });
  }
  if (!validated.ok) reasons.push(...validated.issues);
  if (reasons.length > 0 || !validated.ok || hash === null) return { kind: 'invalid', hash, reasons };
  return {
    kind: 'valid',
    input: {
      platformId: event.platform_id,
      idempotencyKey: event.request_id,
      request: validated.value,
      requestHash: hash,
      correlationId: event.correlation_id,
      causationId: event.event_id,
      channel: 'topic',
      ...(event.payout_id ? { payoutId: event.payout_id } : {}),
    },
  };
}

export const requestIdReused: FieldIssue = {
  path: 'request_id',
  code: 'idempotency_key_reused',
  message: 'this request_id was already used for a payout with a different body',
};

/** Answers the request with `payouts.rejected.v1` (in the transaction) and every reason. */
export async function rejectUpstream(
  tx: Pick<IntakeTx, 'publish'>,
  event: PayoutRequestedV1,
  hash: string | null,
  payoutId: string | null,
  reasons: readonly FieldIssue[],
): Promise<UpstreamOutcome> {
  await tx.publish({
    topic: 'payouts.rejected.v1',
    trace: { correlationId: event.correlation_id, causationId: event.event_id, payoutId },
    payload: {
      platform_id: event.platform_id,
      // The Kafka key of the answer; an empty request_id still needs a non-empty key.
      request_id: event.request_id === '' ? event.event_id : event.request_id,
      platform_reference: event.platform_reference,
      request_hash: hash,
      reasons: reasons.map((reason) => ({ code: reason.code, field: reason.path || null, message: reason.message })),
    },
  });
  return { kind: 'rejected', reasons };
}
