import { problems } from '@sluice/service-kit';
import type { Express, RequestHandler } from 'express';
import { z } from 'zod';
import type { ArchiveReader } from '../../app/ports.ts';
import { REJECTION_CODES } from '../../domain/verdict.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const text = z.string().min(1).max(255);
const limit = z.coerce.number().int().min(1).max(200).default(50);

const callbackQuery = z
  .object({ payout_id: uuid, provider: text, provider_reference: text, provider_event_id: text, limit })
  .partial({ payout_id: true, provider: true, provider_reference: true, provider_event_id: true })
  .strict();
const rejectionQuery = z
  .object({ provider: text.optional(), reason: z.enum(REJECTION_CODES).optional(), limit })
  .strict();

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw problems.validation(
    result.error.issues.map((issue) => ({
      path: issue.path.join('.') || 'query',
      code: issue.code,
      message: issue.message,
    })),
  );
}

const handle =
  (work: (...args: Parameters<RequestHandler>) => Promise<void>): RequestHandler =>
  (req, res, next) =>
    work(req, res, next).catch(next);

/**
 * The operator's view of the archive: one callback with its raw body and headers (evidence), callbacks by payout or
 * provider reference, and the rejection log. Read-only; every route needs an operator key.
 */
export function archiveRoutes(app: Express, reader: ArchiveReader): void {
  app.get(
    '/v1/callbacks/:id',
    handle(async (req, res) => {
      const id = parsed(uuid, req.params.id);
      const callback = await reader.callback(id);
      if (!callback) throw problems.notFound('callback');
      res.json(callback);
    }),
  );
  app.get(
    '/v1/callbacks',
    handle(async (req, res) => {
      const query = parsed(callbackQuery, req.query);
      const data = await reader.callbacks({
        payoutId: query.payout_id?.toLowerCase(),
        provider: query.provider,
        providerReference: query.provider_reference,
        providerEventId: query.provider_event_id,
        limit: query.limit,
      });
      res.json({ data });
    }),
  );
  app.get(
    '/v1/rejections',
    handle(async (req, res) => {
      const query = parsed(rejectionQuery, req.query);
      res.json({
        data: await reader.rejections({ provider: query.provider, reason: query.reason, limit: query.limit }),
      });
    }),
  );
}
