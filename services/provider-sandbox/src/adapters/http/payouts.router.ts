import type { Express, Request, RequestHandler, Response } from 'express';
import { type CreateDeps, createPayout } from '../../app/create-payout.ts';
import type { PayoutCall } from '../../app/ports.ts';
import type { SandboxQueries } from '../../app/queries.ts';
import { failure } from '../../domain/errors.ts';
import { toRepresentation } from '../../domain/payout.ts';
import type { Delays } from './delays.ts';
import { sendFailure } from './errors.ts';
import { queryParam, rawBodyOf } from './json-body.ts';

export interface PayoutRoutesDeps {
  readonly create: CreateDeps;
  readonly queries: SandboxQueries;
  readonly delays: Delays;
}

/** `POST /v1/payouts`, `GET /v1/payouts/:id`, `GET /v1/payouts?client_reference=`. */
export function payoutsRoutes(app: Express, deps: PayoutRoutesDeps): void {
  app.post('/v1/payouts', async (req, res) => {
    const result = await createPayout(deps.create, {
      idempotencyKey: req.header('idempotency-key'),
      rawBody: rawBodyOf(req),
    });
    switch (result.kind) {
      case 'refused':
        sendFailure(res, result.failure);
        return;
      case 'replayed':
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(200).json(toRepresentation(result.payout));
        return;
      case 'created': {
        // The timeout scenario: the payout is committed (findable by id or client_reference) before we stall.
        await deps.delays.wait(result.respondDelayMs);
        const current = result.respondDelayMs > 0 ? await deps.queries.payout(result.payout.id) : null;
        res.status(201).json(toRepresentation(current ?? result.payout));
        return;
      }
      default:
        assertNeverResult(result);
    }
  });

  app.get('/v1/payouts/:id', async (req, res) => {
    const payout = await deps.queries.payout(req.params.id);
    if (!payout) {
      sendFailure(res, failure('not_found', `no payout ${req.params.id}`));
      return;
    }
    res.json(toRepresentation(payout));
  });

  app.get('/v1/payouts', async (req, res) => {
    const clientReference = queryParam(req, 'client_reference');
    if (!clientReference) {
      sendFailure(res, failure('bad_request', 'the client_reference query parameter is required'));
      return;
    }
    const stored = await deps.queries.payoutsByClientReference(clientReference);
    res.json({ data: stored.map(({ payout }) => toRepresentation(payout)) });
  });
}

/**
 * Logs every `POST /v1/payouts` once its answer is sent, whatever answered it (auth, validation, scenario), so tests
 * can count exactly what reached the provider. Runs before authentication on purpose.
 */
export function payoutCallLog(record: (call: PayoutCall) => void, now: () => Date): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      record({
        idempotencyKey: req.header('idempotency-key')?.slice(0, 255) ?? null,
        clientReference: clientReferenceOf(req),
        httpStatus: res.statusCode,
        code: errorCodeOf(res),
        at: now(),
      });
    });
    next();
  };
}

function clientReferenceOf(req: Request): string | null {
  try {
    const body = JSON.parse(rawBodyOf(req)?.toString('utf8') ?? 'null') as { client_reference?: unknown } | null;
    return typeof body?.client_reference === 'string' ? body.client_reference.slice(0, 128) : null;
  } catch {
    return null;
  }
}

const errorCodeOf = (res: Response): string | null =>
  typeof res.locals.errorCode === 'string' ? res.locals.errorCode : null;

function assertNeverResult(value: never): never {
  throw new Error(`unhandled create result: ${JSON.stringify(value)}`);
}
