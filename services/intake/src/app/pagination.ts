import { type FieldIssue, issue, isUuid } from '../domain/field-issue.ts';

export interface PageQuery {
  readonly cursor?: unknown;
  readonly limit?: unknown;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Cursors are opaque to clients (base64url of the last id seen) so the ordering key can change without breaking them. */
export const encodeCursor = (lastId: string): string => Buffer.from(lastId, 'utf8').toString('base64url');

export function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return isUuid(id) ? id : undefined;
}

/** Reads `cursor` and `limit` query parameters, pushing an issue for each bad one. */
export function readPage(
  query: PageQuery,
  issues: FieldIssue[],
): { afterId: string | null; limit: number } | undefined {
  let limit = DEFAULT_PAGE_SIZE;
  if (query.limit !== undefined) {
    const parsed =
      typeof query.limit === 'string' && /^[0-9]{1,3}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (parsed >= 1 && parsed <= MAX_PAGE_SIZE) limit = parsed;
    else issues.push(issue('limit', 'limit_invalid', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`));
  }
  let afterId: string | null = null;
  if (query.cursor !== undefined) {
    afterId = (typeof query.cursor === 'string' && decodeCursor(query.cursor)) || null;
    if (!afterId) issues.push(issue('cursor', 'cursor_invalid', 'cursor is not one this API returned'));
  }
  return issues.length > 0 ? undefined : { afterId, limit };
}
