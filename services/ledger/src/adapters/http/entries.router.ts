import { problems } from '@sluice/service-kit';
import type { Express } from 'express';
import { z } from 'zod';
import { requirePermission } from './auth.middleware.ts';
import type { LedgerHttpDeps } from './deps.ts';
import { isoDate, parse, uuid } from './params.ts';
import { entryResource } from './resources.ts';

const MAX_PAGE = 500;

const entriesQuery = z
  .object({
    payout_id: z.string().min(1).max(128).optional(),
    provider_reference: z.string().min(1).max(256).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
    cursor: z.string().max(128).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

/** `<effective date>|<entry id>` of the last entry of a page, base64url: where the next page starts. */
const encodeCursor = (effectiveDate: string, id: string) => Buffer.from(`${effectiveDate}|${id}`).toString('base64url');

function decodeCursor(cursor: string): { effectiveDate: string; id: string } {
  const [effectiveDate, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const valid = isoDate.safeParse(effectiveDate).success && uuid.safeParse(id).success;
  if (!valid) throw problems.validation([{ path: 'cursor', code: 'invalid', message: 'not a cursor from this API' }]);
  return { effectiveDate: effectiveDate!, id: id! };
}

/** Entries by payout id, provider reference or effective-date range, with their lines. */
export function entriesRoutes(app: Express, deps: LedgerHttpDeps): void {
  app.get('/v1/entries', requirePermission('read'), async (req, res) => {
    const q = parse(entriesQuery, req.query);
    const entries = await deps.reader.entries({
      payoutId: q.payout_id,
      providerReference: q.provider_reference,
      fromDate: q.from,
      toDate: q.to,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const page = entries.slice(0, q.limit);
    const last = page.at(-1);
    const hasMore = entries.length > q.limit;
    res.json({
      data: page.map(entryResource),
      has_more: hasMore,
      next_cursor: hasMore && last ? encodeCursor(last.effectiveDate, last.id) : null,
    });
  });

  app.get('/v1/entries/:id', requirePermission('read'), async (req, res) => {
    const entry = await deps.reader.entry(parse(uuid, req.params.id));
    if (!entry) throw problems.notFound('entry');
    res.json(entryResource(entry));
  });
}
