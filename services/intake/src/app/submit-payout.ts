import { v7 as uuidv7 } from 'uuid';
import type { FieldIssue } from '../domain/field-issue.ts';
import { keyExpiry, outcomeForStoredKey } from '../domain/idempotency.ts';
import { destinationIssues } from '../domain/payout-checks.ts';
import type { PayoutRequest } from '../domain/payout-request.ts';
import { payoutResource } from '../domain/payout-resource.ts';
import type { PayoutView } from '../domain/payout-view.ts';
import type { IntakeSettings, IntakeTx } from './ports.ts';

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

/**
 * Turns a validated request into a payout, once per (platform, key): look the key up (a retry is answered from the
 * stored response without touching anything else), check the destination, claim the key, store the payout and put
 * `payouts.accepted.v1` in the outbox, all in the caller's transaction. Two concurrent requests with one key meet
 * at the key's primary key: the second waits for the first to commit and then gets its replay.
 */
export async function submitPayout(
  tx: IntakeTx,
  settings: IntakeSettings,
  now: Date,
  input: SubmitInput,
): Promise<SubmitOutcome> {
  const earlier = await answerFromStoredKey(tx, input, now);
  if (earlier) return earlier;
  const { request } = input;
  const found = await tx.parties.payableDestination(input.platformId, request.beneficiaryId, request.destination);
  if (!found.beneficiaryFound) {
    return {
      kind: 'refused',
      issues: [{ path: 'beneficiary_id', code: 'beneficiary_not_found', message: 'no beneficiary with this id' }],
    };
  }
  const issues = destinationIssues(request, found.destination);
  if (issues.length > 0 || !found.destination) return { kind: 'refused', issues };
  const payoutId = input.payoutId ?? uuidv7();
  if (input.payoutId && (await tx.payouts.exists(input.payoutId))) {
    return {
      kind: 'refused',
      issues: [{ path: 'payout_id', code: 'payout_id_taken', message: 'payout_id is already in use' }],
    };
  }
  const destination = found.destination;
  const view: PayoutView = {
    id: payoutId,
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
  const body = JSON.stringify(payoutResource(view));
  const stored = {
    requestHash: input.requestHash,
    payoutId,
    responseStatus: 201,
    responseBody: body,
    createdAt: now,
    expiresAt: keyExpiry(now, settings.keyTtlHours),
  };
  if (!(await tx.keys.claim(input.platformId, input.idempotencyKey, stored))) {
    // Lost the race to a concurrent request with the same key, which has committed by now.
    const answer = await answerFromStoredKey(tx, input, now);
    if (answer) return answer;
    throw new Error('idempotency key claim failed but no stored entry was found');
  }
  await tx.payouts.insert(view, { requestHash: input.requestHash, channel: input.channel });
  await tx.publish(acceptedEvent(view, input));
  return { kind: 'created', view, status: 201, body };
}

async function answerFromStoredKey(tx: IntakeTx, input: SubmitInput, now: Date): Promise<SubmitOutcome | undefined> {
  const stored = await tx.keys.find(input.platformId, input.idempotencyKey);
  if (!stored) return undefined;
  const outcome = outcomeForStoredKey(stored, input.requestHash, now);
  if (outcome.kind === 'replay') return outcome;
  if (outcome.kind === 'reused') return { kind: 'reused', payoutId: outcome.payoutId };
  return undefined;
}

function acceptedEvent(view: PayoutView, input: SubmitInput) {
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
      amount_minor: view.amountMinor,
      currency: view.currency,
      corridor: view.corridor,
      program_id: view.programId,
      market: view.market,
      request_hash: input.requestHash,
      metadata: { ...view.metadata },
    },
  } as const;
}
