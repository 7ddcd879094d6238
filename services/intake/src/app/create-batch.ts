import { type FieldIssue, issue } from '../domain/field-issue.ts';
import { validateIdempotencyKey } from '../domain/idempotency.ts';
import { type BatchItemResult, type CheckedItem, checkBatch } from '../domain/payout-batch.ts';
import { assertNever } from './create-payout.ts';
import { newId } from './new-id.ts';
import {
  type AdmissionInput,
  type BatchRecord,
  type BatchRepository,
  type BatchTx,
  type Clock,
  type IntakeSettings,
  KeyBusyError,
} from './ports.ts';
import { admissionOf, answerFromStored, judgeLookup, notPayableMeanwhile, type SubmitInput } from './submit-payout.ts';

export interface BatchDeps {
  readonly batches: BatchRepository;
  readonly settings: IntakeSettings;
  readonly clock: Clock;
}

export type CreateBatchResult =
  | { readonly kind: 'created' | 'replay'; readonly batch: BatchRecord; readonly items: readonly BatchItemResult[] }
  | { readonly kind: 'key_invalid'; readonly issue: FieldIssue }
  | { readonly kind: 'invalid'; readonly issues: FieldIssue[] }
  | { readonly kind: 'too_large'; readonly itemCount: number }
  | { readonly kind: 'reused' }
  | { readonly kind: 'in_progress' };

type Valid = Extract<CheckedItem, { ok: true }>;
/** An item waiting for the admission statements, or already answered by the read before them. */
type Planned = { readonly item: Valid; readonly admission: AdmissionInput } | BatchItemResult;

/**
 * `POST /v1/payout-batches`. A batch whose envelope is valid is taken and bound to its key; each item then becomes a
 * payout exactly as `POST /v1/payouts` would make it (same validation, same key rules, same admission statement and
 * event), or is refused on its own, binding nothing to its key. The same batch again is its replay; the same key with
 * another body is refused.
 */
export async function createBatch(
  deps: BatchDeps,
  input: { platformId: string; idempotencyKey: string | undefined; body: unknown },
): Promise<CreateBatchResult> {
  const keyIssue = validateIdempotencyKey(input.idempotencyKey);
  if (keyIssue) return { kind: 'key_invalid', issue: keyIssue };
  const checked = checkBatch(input.body);
  if (checked.kind !== 'checked') return checked;
  const key = input.idempotencyKey!;
  // A replay is answered before the items are looked up: it reads nothing else and writes nothing.
  const earlier = await deps.batches.findByKey(input.platformId, key);
  if (earlier) return answerFromBatch(deps, earlier, checked.hash);

  const now = deps.clock.now();
  const planned = await plan(deps, input.platformId, checked.items, now);
  const batch = {
    id: newId(),
    platformId: input.platformId,
    idempotencyKey: key,
    requestHash: checked.hash,
    itemCount: checked.items.length,
    createdAt: now,
  };
  try {
    const created = await deps.batches.create(batch, (tx) => admitPlanned(tx, input.platformId, planned, now));
    switch (created.kind) {
      case 'created':
        return created;
      case 'taken':
        // A concurrent request with the same key won the claim; it has committed by now.
        return answerFromBatch(deps, created.batch, checked.hash);
      default:
        return assertNever(created);
    }
  } catch (error) {
    if (error instanceof KeyBusyError) return { kind: 'in_progress' };
    throw error;
  }
}

/** The stored batch again, every item as it came out then; or `reused` when this body is another batch. */
async function answerFromBatch(deps: BatchDeps, batch: BatchRecord, hash: string): Promise<CreateBatchResult> {
  if (batch.requestHash !== hash) return { kind: 'reused' };
  const items = await deps.batches.items(batch.id, { afterIndex: -1, limit: batch.itemCount });
  return { kind: 'replay', batch, items };
}

/** Judges every valid item from one read of all their keys and destinations, as submitPayout judges one. */
async function plan(deps: BatchDeps, platformId: string, items: readonly CheckedItem[], now: Date): Promise<Planned[]> {
  const valid = items.filter((item): item is Valid => item.ok);
  const found = await deps.batches.lookup(
    platformId,
    valid.map((item) => ({
      key: item.idempotencyKey,
      beneficiaryId: item.request.beneficiaryId,
      destination: item.request.destination,
    })),
  );
  const lookups = new Map(valid.map((item, i) => [item.index, found[i]!]));
  return items.map((item): Planned => {
    if (!item.ok) return refusedItem(item.index, item.idempotencyKey, item.issues);
    const submit = submitInputOf(platformId, item);
    const judged = judgeLookup(lookups.get(item.index)!, submit, now);
    switch (judged.kind) {
      case 'admit':
        return { item, admission: admissionOf(submit, judged.destination, deps.settings, now) };
      case 'replay':
        return payoutItem(item, 'existing', judged.payoutId);
      case 'reused':
        return refusedItem(item.index, item.idempotencyKey, [keyReused]);
      case 'refused':
        return refusedItem(item.index, item.idempotencyKey, judged.issues);
      default:
        return assertNever(judged);
    }
  });
}

/** Runs the admissions in the batch's transaction and settles the items whose key another request took meanwhile. */
async function admitPlanned(
  tx: BatchTx,
  platformId: string,
  planned: readonly Planned[],
  now: Date,
): Promise<BatchItemResult[]> {
  const pending = planned.filter((p): p is Exclude<Planned, BatchItemResult> => 'admission' in p);
  const results = await tx.admit(pending.map((p) => p.admission));
  const takenKeys = pending.filter((_, i) => results[i] === 'key_taken').map((p) => p.item.idempotencyKey);
  const winners = await tx.storedKeys(platformId, takenKeys);
  const settled = new Map<number, BatchItemResult>();
  for (const [i, { item, admission }] of pending.entries()) {
    const result = results[i]!;
    switch (result) {
      case 'admitted':
        settled.set(item.index, payoutItem(item, 'created', admission.payout.id));
        break;
      case 'destination_not_payable':
        settled.set(item.index, refusedItem(item.index, item.idempotencyKey, notPayableMeanwhile().issues));
        break;
      case 'key_taken': {
        const winner = winners.get(item.idempotencyKey);
        const answer = winner ? answerFromStored(winner, item, now) : undefined;
        if (!answer) throw new Error('idempotency key taken but no live stored entry was found');
        settled.set(
          item.index,
          answer.kind === 'replay'
            ? payoutItem(item, 'existing', answer.payoutId)
            : refusedItem(item.index, item.idempotencyKey, [keyReused]),
        );
        break;
      }
      default:
        assertNever(result);
    }
  }
  return planned.map((p) => ('admission' in p ? settled.get(p.item.index)! : p));
}

const submitInputOf = (platformId: string, item: Valid): SubmitInput => ({
  platformId,
  idempotencyKey: item.idempotencyKey,
  request: item.request,
  requestHash: item.requestHash,
  correlationId: newId(),
  causationId: null,
  channel: 'api',
});

const keyReused = issue(
  'idempotency_key',
  'idempotency_key_reused',
  'this idempotency_key was used for a payout with a different body; use a new key for a new payout',
);

const payoutItem = (item: Valid, outcome: 'created' | 'existing', payoutId: string): BatchItemResult => ({
  index: item.index,
  idempotencyKey: item.idempotencyKey,
  outcome,
  payoutId,
  issues: [],
});

const refusedItem = (index: number, idempotencyKey: string | null, issues: readonly FieldIssue[]): BatchItemResult => ({
  index,
  idempotencyKey,
  outcome: 'refused',
  payoutId: null,
  issues,
});
