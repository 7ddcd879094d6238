import { problems } from '@sluice/service-kit';
import express, { type Express, type RequestHandler } from 'express';
import { type BatchDeps, createBatch } from '../../app/create-batch.ts';
import { assertNever } from '../../app/create-payout.ts';
import type { PageQuery } from '../../app/pagination.ts';
import { getBatch } from '../../app/read-batch.ts';
import { BATCH_MAX_ITEMS } from '../../domain/payout-batch.ts';
import { callerOf, requireScope } from './auth.middleware.ts';
import { oneBatchAtATime } from './one-batch-at-a-time.middleware.ts';
import { batchKeyReused, batchTooLarge, invalid, keyInProgress, keyProblem } from './problems.ts';
import { batchCreatedResource, batchItemResource, batchResource, listResource } from './resources.ts';

/**
 * Body limit of `POST /v1/payout-batches` alone (every other route keeps 64 KiB): 10,000 items of about 2 KiB each,
 * five times a typical item with a few metadata entries.
 */
export const BATCH_BODY_LIMIT = '20mb';

/**
 * `/v1/payout-batches`: create (idempotent) and read with its items. Mounted before the app-wide 64 KiB JSON parser,
 * so these routes run their own guards (API key, rate limit: one token per request, whatever its size) and then
 * parse the larger body only for an authenticated caller with the write scope and no other batch in flight.
 */
export function payoutBatchesRoutes(app: Express, deps: BatchDeps, guards: readonly RequestHandler[]): void {
  const parseBatch = express.json({ limit: BATCH_BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  const oneAtATime = oneBatchAtATime((_req, res) => callerOf(res).keyId);

  app.post('/v1/payout-batches', ...guards, requireScope('payouts:write'), oneAtATime, parseBatch, async (req, res) => {
    const result = await createBatch(deps, {
      platformId: callerOf(res).platformId,
      idempotencyKey: req.header('idempotency-key'),
      body: req.body,
    });
    switch (result.kind) {
      case 'created':
      case 'replay':
        if (result.kind === 'replay') res.setHeader('Idempotent-Replayed', 'true');
        res.setHeader('Location', `/v1/payout-batches/${result.batch.id}`);
        res.status(201).json(batchCreatedResource(result.batch, result.items));
        return;
      case 'key_invalid':
        throw keyProblem(result.issue);
      case 'invalid':
        throw invalid(result.issues);
      case 'too_large':
        throw batchTooLarge(result.itemCount, BATCH_MAX_ITEMS);
      case 'reused':
        throw batchKeyReused();
      case 'in_progress':
        throw keyInProgress();
      default:
        assertNever(result);
    }
  });

  app.get('/v1/payout-batches/:id', ...guards, requireScope('payouts:read'), async (req, res) => {
    const result = await getBatch(
      deps.batches,
      callerOf(res).platformId,
      req.params.id as string,
      req.query as PageQuery,
    );
    switch (result.kind) {
      case 'found':
        res.json({
          ...batchResource(result.batch),
          payout_status_counts: result.statusCounts,
          items: listResource(result.items.map(batchItemResource), result.hasMore, result.nextCursor),
        });
        return;
      case 'not_found':
        throw problems.notFound('payout batch');
      case 'invalid':
        throw invalid(result.issues);
      default:
        assertNever(result);
    }
  });
}
