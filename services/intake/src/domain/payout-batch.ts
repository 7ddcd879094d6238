import { canonicalHash } from './canonical-hash.ts';
import { type FieldIssue, isRecord, issue, refuseExtraFields } from './field-issue.ts';
import { IDEMPOTENCY_KEY_MAX_CHARS, validateIdempotencyKey } from './idempotency.ts';
import { type PayoutRequest, requestHash, validatePayoutRequest } from './payout-request.ts';

/** Largest batch: bounds one request's work (about a second of admission) and its body (see BATCH_BODY_LIMIT). */
export const BATCH_MAX_ITEMS = 10_000;

/** One item after validation: a payout request under its own key, or every reason it was refused. */
export type CheckedItem =
  | {
      readonly ok: true;
      readonly index: number;
      readonly idempotencyKey: string;
      readonly request: PayoutRequest;
      readonly requestHash: string;
    }
  | {
      readonly ok: false;
      readonly index: number;
      /** As sent when it is a string a key column can hold, so the platform can match the error; else null. */
      readonly idempotencyKey: string | null;
      readonly issues: readonly FieldIssue[];
    };

export type CheckedBatch =
  | { readonly kind: 'checked'; readonly items: readonly CheckedItem[]; readonly hash: string }
  | { readonly kind: 'invalid'; readonly issues: FieldIssue[] }
  | { readonly kind: 'too_large'; readonly itemCount: number };

/** What an item of a stored batch became: a payout it created, a payout its key already had, or refused. */
export type ItemOutcome = 'created' | 'existing' | 'refused';

export interface BatchItemResult {
  readonly index: number;
  readonly idempotencyKey: string | null;
  readonly outcome: ItemOutcome;
  /** Null exactly when refused. */
  readonly payoutId: string | null;
  /** Empty unless refused. */
  readonly issues: readonly FieldIssue[];
}

const BATCH_FIELDS = new Set(['items']);

/**
 * Validates `POST /v1/payout-batches`: the envelope (`{ items: [...] }`, 1 to BATCH_MAX_ITEMS items) decides whether
 * the batch is taken at all; each item is then `POST /v1/payouts`'s body plus its own `idempotency_key`, checked by
 * the same validator, and refused on its own. A key that appears twice is refused the second time: two payouts
 * under one key cannot both exist, and guessing which one the platform meant is worse than saying so.
 */
export function checkBatch(body: unknown): CheckedBatch {
  if (!isRecord(body)) return { kind: 'invalid', issues: [issue('', 'body_not_object', 'the body must be an object')] };
  const items = body.items;
  if (Array.isArray(items) && items.length > BATCH_MAX_ITEMS) return { kind: 'too_large', itemCount: items.length };
  const issues: FieldIssue[] = [];
  refuseExtraFields(body, BATCH_FIELDS, new Set(), issues);
  if (items === undefined || items === null) issues.push(issue('items', 'required', 'items is required'));
  else if (!Array.isArray(items)) issues.push(issue('items', 'invalid_type', 'items must be an array of payouts'));
  else if (items.length === 0) issues.push(issue('items', 'batch_empty', 'a batch holds at least one item'));
  if (issues.length > 0 || !Array.isArray(items)) return { kind: 'invalid', issues };
  const firstIndexOfKey = new Map<string, number>();
  const checked = items.map((item, index) => checkItem(item, index, firstIndexOfKey));
  return { kind: 'checked', items: checked, hash: batchHash(items, checked) };
}

function checkItem(item: unknown, index: number, firstIndexOfKey: Map<string, number>): CheckedItem {
  if (!isRecord(item)) {
    return { ok: false, index, idempotencyKey: null, issues: [issue('', 'item_not_object', 'an item is an object')] };
  }
  const { idempotency_key: key, ...body } = item;
  const issues: FieldIssue[] = [];
  const keyIssue = validateIdempotencyKey(key, 'idempotency_key');
  if (keyIssue) issues.push(keyIssue);
  else {
    const first = firstIndexOfKey.get(key as string);
    if (first === undefined) firstIndexOfKey.set(key as string, index);
    else
      issues.push(issue('idempotency_key', 'idempotency_key_duplicate', `item ${first} has the same idempotency_key`));
  }
  const validated = validatePayoutRequest(body);
  if (!validated.ok) issues.push(...validated.issues);
  if (issues.length > 0 || !validated.ok) {
    const shown = typeof key === 'string' && key.length <= IDEMPOTENCY_KEY_MAX_CHARS ? key : null;
    return { ok: false, index, idempotencyKey: shown, issues };
  }
  return {
    ok: true,
    index,
    idempotencyKey: key as string,
    request: validated.value,
    requestHash: requestHash(validated.value),
  };
}

/**
 * SHA-256 of the canonical batch: each valid item by its key and `request_hash` (so `"1250"` and `1250`, or another
 * key order, are the same batch, and no item is serialized twice) and each refused item as sent, so fixing one
 * changes the hash.
 */
function batchHash(items: readonly unknown[], checked: readonly CheckedItem[]): string {
  return canonicalHash(
    checked.map((item) =>
      item.ok
        ? { idempotency_key: item.idempotencyKey, request_hash: item.requestHash }
        : { refused: items[item.index] },
    ),
  );
}

/** Items with a payout (created now, or found under their key) and items refused. */
export function countOutcomes(items: readonly BatchItemResult[]): { admitted: number; refused: number } {
  const refused = items.filter((item) => item.outcome === 'refused').length;
  return { admitted: items.length - refused, refused };
}
