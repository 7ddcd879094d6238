import type { FieldIssue } from '../domain/field-issue.ts';
import { keyExpiry, outcomeForStoredKey, type StoredResponse } from '../domain/idempotency.ts';
import { destinationIssues } from '../domain/payout-checks.ts';
import type { PayoutRequest } from '../domain/payout-request.ts';
import { payoutResource } from '../domain/payout-resource.ts';
import type { PayoutView } from '../domain/payout-view.ts';
import type { DestinationFacts, DestinationFactsCache } from './destination-facts.ts';
import { newId } from './new-id.ts';
import type { AcceptedEvent, AdmissionInput, AdmissionLookup, IntakeSettings, Stores } from './ports.ts';

export interface SubmitInput {
  readonly platformId: string;
  readonly idempotencyKey: string;
  readonly request: PayoutRequest;
  readonly requestHash: string;
  readonly correlationId: string;
  /** The upstream event that asked for the payout; null for REST. */
  readonly causationId: string | null;
  readonly channel: 'api' | 'topic';
  /** A payout id pre-allocated by a trusted producer; intake assigns one otherwise. */
  readonly payoutId?: string;
}

export type SubmitOutcome =
  | { readonly kind: 'created'; readonly view: PayoutView; readonly status: 201; readonly body: string }
  | { readonly kind: 'replay'; readonly status: number; readonly body: string; readonly payoutId: string }
  | { readonly kind: 'reused'; readonly payoutId: string }
  | { readonly kind: 'refused'; readonly issues: FieldIssue[] };

/** What acceptance needs besides the stores: settings, and the facts of destinations seen before. */
export interface AdmissionContext {
  readonly settings: IntakeSettings;
  readonly destinations: DestinationFactsCache;
}

/**
 * Turns a validated request into a payout, once per (platform, key). For a destination seen before, one atomic
 * statement does everything: checks the destination is still active, claims the key, stores the payout and writes
 * `payouts.accepted.v1` to the outbox. Otherwise (or when that statement says why it could not) one read fetches the
 * key's stored response and the destination first. Two concurrent requests with one key meet at the key's primary
 * key: the second waits for the first to commit and then gets its replay.
 */
export async function submitPayout(
  stores: Stores,
  context: AdmissionContext,
  now: Date,
  input: SubmitInput,
): Promise<SubmitOutcome> {
  const { request } = input;
  const target = { ...request.destination, beneficiaryId: request.beneficiaryId };
  const known = input.payoutId ? undefined : context.destinations.get(input.platformId, target);
  if (known && destinationIssues(request, { ...known, state: 'active' }).length === 0) {
    const fast = await admitTo(stores, context.settings, now, input, known);
    // Not payable any more (frozen, retired): the full path below says exactly why.
    if (fast !== 'destination_not_payable') return fast;
  }
  const found = await stores.admission.lookup(
    input.platformId,
    input.idempotencyKey,
    request.beneficiaryId,
    request.destination,
  );
  if (found.destination) context.destinations.remember(input.platformId, found.destination);
  const judged = judgeLookup(found, input, now);
  if (judged.kind !== 'admit') return judged;
  if (input.payoutId && (await stores.payouts.exists(input.payoutId))) {
    return refused('payout_id', 'payout_id_taken', 'payout_id is already in use');
  }
  const outcome = await admitTo(stores, context.settings, now, input, judged.destination);
  return outcome === 'destination_not_payable' ? notPayableMeanwhile() : outcome;
}

/**
 * What the read before an admission says: the key's earlier answer (replay, or reused with another body), a refusal
 * (no such beneficiary, a destination that cannot take this payout), or admissible to that destination.
 */
export function judgeLookup(
  found: AdmissionLookup,
  input: SubmitInput,
  now: Date,
): Exclude<SubmitOutcome, { kind: 'created' }> | { readonly kind: 'admit'; readonly destination: DestinationFacts } {
  const earlier = found.stored ? answerFromStored(found.stored, input, now) : undefined;
  if (earlier) return earlier;
  if (!found.beneficiaryFound) {
    return refused('beneficiary_id', 'beneficiary_not_found', 'no beneficiary with this id');
  }
  const issues = destinationIssues(input.request, found.destination);
  if (issues.length > 0 || !found.destination) return { kind: 'refused', issues };
  return { kind: 'admit', destination: found.destination };
}

/** The admission statement found the destination frozen or retired after the read that judged it payable. */
export const notPayableMeanwhile = (): Extract<SubmitOutcome, { kind: 'refused' }> =>
  refused('destination.id', 'destination_not_active', 'the destination was frozen or retired meanwhile');

/**
 * Everything one admission writes: the payout view, the stored response its key replays (the exact body
 * `POST /v1/payouts` answers) and its `payouts.accepted.v1`.
 */
export function admissionOf(
  input: SubmitInput,
  destination: DestinationFacts,
  settings: IntakeSettings,
  now: Date,
): AdmissionInput {
  const payout = newPayoutView(input, destination, settings, now);
  return {
    payout,
    extra: { requestHash: input.requestHash, channel: input.channel },
    stored: {
      requestHash: input.requestHash,
      payoutId: payout.id,
      responseStatus: 201,
      responseBody: JSON.stringify(payoutResource(payout)),
      createdAt: now,
      expiresAt: keyExpiry(now, settings.keyTtlHours),
    },
    event: acceptedEvent(payout, input, destination.address),
  };
}

async function admitTo(
  stores: Stores,
  settings: IntakeSettings,
  now: Date,
  input: SubmitInput,
  destination: DestinationFacts,
): Promise<SubmitOutcome | 'destination_not_payable'> {
  const { payout, extra, stored, event } = admissionOf(input, destination, settings, now);
  const result = await stores.admission.admit(payout, extra, stored, event);
  switch (result) {
    case 'admitted':
      return { kind: 'created', view: payout, status: 201, body: stored.responseBody };
    case 'destination_not_payable':
      return result;
    case 'key_taken': {
      // An earlier or concurrent request with the same key won; it has committed by now.
      const winner = await stores.keys.find(input.platformId, input.idempotencyKey);
      const answer = winner ? answerFromStored(winner, input, now) : undefined;
      if (!answer) throw new Error('idempotency key taken but no live stored entry was found');
      return answer;
    }
  }
}

const refused = (path: string, code: string, message: string): Extract<SubmitOutcome, { kind: 'refused' }> => ({
  kind: 'refused',
  issues: [{ path, code, message }],
});

/** The answer a live stored entry gives `input`: its replay, or `reused` for another body; undefined once expired. */
export function answerFromStored(
  stored: StoredResponse,
  input: Pick<SubmitInput, 'requestHash'>,
  now: Date,
): Extract<SubmitOutcome, { kind: 'replay' | 'reused' }> | undefined {
  const outcome = outcomeForStoredKey(stored, input.requestHash, now);
  if (outcome.kind === 'replay') return outcome;
  if (outcome.kind === 'reused') return { kind: 'reused', payoutId: outcome.payoutId };
  return undefined;
}

function newPayoutView(
  input: SubmitInput,
  destination: DestinationFacts,
  settings: IntakeSettings,
  now: Date,
): PayoutView {
  const { request } = input;
  return {
    id: input.payoutId ?? newId(),
    platformId: input.platformId,
    requestId: input.idempotencyKey,
    platformReference: request.platformReference,
    beneficiaryId: request.beneficiaryId,
    destination: {
      type: destination.type,
      id: destination.id,
      display: destination.display,
      network: destination.network,
    },
    amountMinor: request.amountMinor,
    currency: request.currency,
    corridor: request.corridor.code,
    programId: settings.defaultProgramId,
    market: request.corridor.market,
    metadata: request.metadata,
    correlationId: input.correlationId,
    status: 'accepted',
    statusReason: null,
    providerReference: null,
    settledAmountMinor: null,
    feeAmountMinor: null,
    hold: null,
    cancelRequestedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

function acceptedEvent(view: PayoutView, input: SubmitInput, address: string | null): AcceptedEvent {
  return {
    topic: 'payouts.accepted.v1',
    trace: { correlationId: input.correlationId, causationId: input.causationId, payoutId: view.id },
    payload: {
      platform_id: view.platformId,
      request_id: view.requestId,
      platform_reference: view.platformReference,
      beneficiary_id: view.beneficiaryId,
      destination_type: view.destination.type,
      destination_id: view.destination.id,
      destination: view.destination.display,
      // The contract carries a chain here and null for bank rails.
      network: view.destination.type === 'wallet' ? view.destination.network : null,
      destination_address: address,
      amount_minor: view.amountMinor,
      currency: view.currency,
      corridor: view.corridor,
      program_id: view.programId,
      market: view.market,
      request_hash: input.requestHash,
      metadata: { ...view.metadata },
    },
  };
}
