import type { Request, RequestHandler, Response } from 'express';
import { batchInProgress } from './problems.ts';

/**
 * Lets one request per key (an API key id) through at a time; another arriving meanwhile gets 429
 * `batch_in_progress` with `Retry-After` before its body is read. A batch is up to 10,000 admissions and a 20 MiB
 * body: without this, one platform's burst of batches would hold that many bodies in memory and queue that much work
 * in front of everyone's single payouts. The key is free again once the response is sent or the client went away.
 */
export function oneBatchAtATime(keyOf: (req: Request, res: Response) => string): RequestHandler {
  const busy = new Set<string>();
  return (req, res, next) => {
    const key = keyOf(req, res);
    if (busy.has(key)) {
      next(batchInProgress());
      return;
    }
    busy.add(key);
    res.once('close', () => busy.delete(key));
    next();
  };
}
