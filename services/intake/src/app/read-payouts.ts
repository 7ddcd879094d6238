import { type FieldIssue, issue, isUuid } from '../domain/field-issue.ts';
import { IDEMPOTENCY_KEY_MAX_CHARS } from '../domain/idempotency.ts';
import { PLATFORM_REFERENCE_MAX_CHARS } from '../domain/payout-request.ts';
import { isPayoutStatus } from '../domain/payout-status.ts';
import type { PayoutView } from '../domain/payout-view.ts';
import { encodeCursor, type PageQuery, readPage } from './pagination.ts';
import type { HistoryEntry, PayoutFilter, Stores } from './ports.ts';

/** `GET /v1/payouts/:id`: the payout and every status signal applied to it, or null (also for another platform's). */
export async function getPayout(
  stores: Stores,
  platformId: string,
  id: string,
): Promise<{ view: PayoutView; history: HistoryEntry[] } | null> {
  if (!isUuid(id)) return null;
  const view = await stores.payouts.find(platformId, id);
  if (!view) return null;
  const history = await stores.payouts.history(id);
  return { view, history: history.filter((entry) => entry.applied) };
}

export interface ListQuery extends PageQuery {
  readonly status?: unknown;
  readonly beneficiary_id?: unknown;
  readonly finished?: unknown;
  readonly platform_reference?: unknown;
  readonly idempotency_key?: unknown;
}

export type ListResult<T> =
  | { readonly ok: true; readonly data: T[]; readonly hasMore: boolean; readonly nextCursor: string | null }
  | { readonly ok: false; readonly issues: FieldIssue[] };

const isText = (value: unknown, maxChars: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= maxChars;

/**
 * `GET /v1/payouts`: newest first, filtered, cursor-paginated (a cursor stays valid while new payouts arrive). The
 * idempotency key filter also finds payouts requested on the topic (their `request_id`).
 */
export async function listPayouts(
  stores: Stores,
  platformId: string,
  query: ListQuery,
): Promise<ListResult<PayoutView>> {
  const issues: FieldIssue[] = [];
  const filter: { -readonly [K in keyof PayoutFilter]: PayoutFilter[K] } = {};
  if (query.status !== undefined) {
    if (isPayoutStatus(query.status)) filter.status = query.status;
    else issues.push(issue('status', 'invalid_enum', 'status is not a payout status'));
  }
  if (query.beneficiary_id !== undefined) {
    if (isUuid(query.beneficiary_id)) filter.beneficiaryId = query.beneficiary_id;
    else issues.push(issue('beneficiary_id', 'invalid_id', 'beneficiary_id must be an id issued by Sluice'));
  }
  if (query.finished !== undefined) {
    if (query.finished === 'true' || query.finished === 'false') filter.finished = query.finished === 'true';
    else issues.push(issue('finished', 'invalid_boolean', 'finished must be true or false'));
  }
  if (query.platform_reference !== undefined) {
    if (isText(query.platform_reference, PLATFORM_REFERENCE_MAX_CHARS))
      filter.platformReference = query.platform_reference;
    else issues.push(issue('platform_reference', 'invalid_string', 'platform_reference must be 1 to 255 characters'));
  }
  if (query.idempotency_key !== undefined) {
    if (isText(query.idempotency_key, IDEMPOTENCY_KEY_MAX_CHARS)) filter.requestId = query.idempotency_key;
    else issues.push(issue('idempotency_key', 'invalid_string', 'idempotency_key must be 1 to 255 characters'));
  }
  const page = readPage(query, issues);
  if (issues.length > 0 || !page) return { ok: false, issues };
  const rows = await stores.payouts.list(platformId, filter, { afterId: page.afterId, limit: page.limit + 1 });
  const data = rows.slice(0, page.limit);
  const hasMore = rows.length > page.limit;
  return { ok: true, data, hasMore, nextCursor: hasMore ? encodeCursor(data.at(-1)!.id) : null };
}
