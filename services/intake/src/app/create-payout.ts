import type { FieldIssue } from '../domain/field-issue.ts';
import { validateIdempotencyKey } from '../domain/idempotency.ts';
import { requestHash, validatePayoutRequest } from '../domain/payout-request.ts';
import type { DestinationFactsCache } from './destination-facts.ts';
import { newId } from './new-id.ts';
import { type BatchRepository, type Clock, type IntakeSettings, KeyBusyError, type Transactions } from './ports.ts';
import { submitPayout } from './submit-payout.ts';

export interface IntakeDeps {
  readonly transactions: Transactions;
  readonly settings: IntakeSettings;
  readonly clock: Clock;
  readonly destinations: DestinationFactsCache;
  readonly batches: BatchRepository;
}

export type CreatePayoutResult =
  | { readonly kind: 'created' | 'replay'; readonly status: number; readonly body: string; readonly payoutId: string }
  | { readonly kind: 'key_invalid'; readonly issue: FieldIssue }
  | { readonly kind: 'invalid'; readonly issues: FieldIssue[] }
  | { readonly kind: 'reused'; readonly payoutId: string }
  | { readonly kind: 'in_progress' };

/**
 * `POST /v1/payouts`. Validation happens before any key is stored: a request that fails it binds nothing, so the
 * platform can fix it and retry under the same key. Only a created payout binds the key.
 */
export async function createPayout(
  deps: IntakeDeps,
  input: { platformId: string; idempotencyKey: string | undefined; body: unknown; correlationId?: string },
): Promise<CreatePayoutResult> {
  const keyIssue = validateIdempotencyKey(input.idempotencyKey);
  if (keyIssue) return { kind: 'key_invalid', issue: keyIssue };
  const validated = validatePayoutRequest(input.body);
  if (!validated.ok) return { kind: 'invalid', issues: validated.issues };
  const submit = {
    platformId: input.platformId,
    idempotencyKey: input.idempotencyKey!,
    request: validated.value,
    requestHash: requestHash(validated.value),
    correlationId: input.correlationId ?? newId(),
    causationId: null,
    channel: 'api',
  } as const;
  try {
    // No explicit transaction: each statement of the admission is atomic on its own (see submitPayout).
    const outcome = await submitPayout(deps.transactions.read(), deps, deps.clock.now(), submit);
    switch (outcome.kind) {
      case 'created':
        return { kind: 'created', status: outcome.status, body: outcome.body, payoutId: outcome.view.id };
      case 'replay':
        return outcome;
      case 'reused':
        return outcome;
      case 'refused':
        return { kind: 'invalid', issues: outcome.issues };
      default:
        return assertNever(outcome);
    }
  } catch (error) {
    if (error instanceof KeyBusyError) return { kind: 'in_progress' };
    throw error;
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
