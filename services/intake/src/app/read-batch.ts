import type { FieldIssue } from '../domain/field-issue.ts';
import { isUuid } from '../domain/field-issue.ts';
import type { BatchItemResult } from '../domain/payout-batch.ts';
import type { PayoutStatus } from '../domain/payout-status.ts';
import { encodeCursor, type PageQuery, readIndexPage } from './pagination.ts';
import type { BatchRecord, BatchRepository } from './ports.ts';

export type GetBatchResult =
  | {
      readonly kind: 'found';
      readonly batch: BatchRecord;
      readonly statusCounts: Partial<Record<PayoutStatus, number>>;
      readonly items: BatchItemResult[];
      readonly hasMore: boolean;
      readonly nextCursor: string | null;
    }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'invalid'; readonly issues: FieldIssue[] };

/**
 * `GET /v1/payout-batches/:id`: the batch, how many of its payouts are in each status now, and a page of its items
 * in index order. Another platform's batch is not found.
 */
export async function getBatch(
  batches: BatchRepository,
  platformId: string,
  id: string,
  query: PageQuery,
): Promise<GetBatchResult> {
  const issues: FieldIssue[] = [];
  const page = readIndexPage(query, issues);
  if (!page) return { kind: 'invalid', issues };
  const batch = isUuid(id) ? await batches.find(platformId, id) : null;
  if (!batch) return { kind: 'not_found' };
  const [statusCounts, rows] = await Promise.all([
    batches.statusCounts(batch.id),
    batches.items(batch.id, { afterIndex: page.afterIndex, limit: page.limit + 1 }),
  ]);
  const items = rows.slice(0, page.limit);
  const hasMore = rows.length > page.limit;
  return {
    kind: 'found',
    batch,
    statusCounts,
    items,
    hasMore,
    nextCursor: hasMore ? encodeCursor(items.at(-1)!.index) : null,
  };
}
