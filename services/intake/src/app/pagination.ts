import { type FieldIssue, issue, isUuid } from '../domain/field-issue.ts';

export interface PageQuery {
  readonly cursor?: unknown;
  readonly limit?: unknown;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Cursors are opaque to clients (base64url of the last id or index seen) so the ordering key can change without
 * breaking them.
 */
export const encodeCursor = (last: string | number): string => Buffer.from(String(last), 'utf8').toString('base64url');

export function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return isUuid(id) ? id : undefined;
}

/** A cursor over positions (items of a batch): a non-negative integer of at most 9 digits. */
export function decodeIndexCursor(cursor: string): number | undefined {
  const index = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^(0|[1-9][0-9]{0,8})$/.test(index) ? Number(index) : undefined;
}

/** Reads `cursor` (a listing id) and `limit` query parameters, pushing an issue for each bad one. */
export function readPage(
  query: PageQuery,
  issues: FieldIssue[],
): { afterId: string | null; limit: number } | undefined {
  const page = readPageOf(query, issues, decodeCursor);
  return page && { afterId: page.after, limit: page.limit };
}

/** Reads `cursor` (a position) and `limit`; the first page starts after index -1. */
export function readIndexPage(
  query: PageQuery,
  issues: FieldIssue[],
): { afterIndex: number; limit: number } | undefined {
  const page = readPageOf(query, issues, decodeIndexCursor);
  return page && { afterIndex: page.after ?? -1, limit: page.limit };
}

function readPageOf<T>(
  query: PageQuery,
  issues: FieldIssue[],
  decode: (cursor: string) => T | undefined,
): { after: T | null; limit: number } | undefined {
  let limit = DEFAULT_PAGE_SIZE;
  if (query.limit !== undefined) {
    const parsed =
      typeof query.limit === 'string' && /^[0-9]{1,3}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (parsed >= 1 && parsed <= MAX_PAGE_SIZE) limit = parsed;
    else issues.push(issue('limit', 'limit_invalid', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`));
  }
  let after: T | null = null;
  if (query.cursor !== undefined) {
    const decoded = typeof query.cursor === 'string' ? decode(query.cursor) : undefined;
    if (decoded === undefined) issues.push(issue('cursor', 'cursor_invalid', 'cursor is not one this API returned'));
    else after = decoded;
  }
  return issues.length > 0 ? undefined : { after, limit };
}
