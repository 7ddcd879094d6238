import { ProblemError, rateLimit } from '@sluice/service-kit';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import { type ReceiveDeps, receiveCallback } from '../../app/receive-callback.ts';
import { recordOversized } from '../../app/record-rejection.ts';
import type { Refusal, RejectionCode } from '../../domain/verdict.ts';
import type { InFlight } from './in-flight.ts';

export interface WebhookRouteOptions {
  readonly deps: ReceiveDeps;
  readonly bodyLimitBytes: number;
  readonly rateLimit: { readonly ratePerSecond: number; readonly burst: number };
  readonly inFlight: InFlight;
}

export const WEBHOOK_PATH = '/v1/webhooks/:provider';

/** HTTP status for each refusal: 401 for anything about the signature or its time, the rest by meaning. */
export function statusOf(code: RejectionCode): number {
  switch (code) {
    case 'provider_unknown':
      return 404;
    case 'payload_invalid':
      return 422;
    case 'body_too_large':
      return 413;
    case 'signature_missing':
    case 'signature_malformed':
    case 'signature_invalid':
    case 'timestamp_stale':
    case 'timestamp_in_future':
      return 401;
    default:
      return assertNever(code);
  }
}

const TITLES: Readonly<Record<RejectionCode, string>> = {
  provider_unknown: 'Unknown provider',
  payload_invalid: 'Callback body not understood',
  body_too_large: 'Callback body too large',
  signature_missing: 'Signature missing',
  signature_malformed: 'Signature malformed',
  signature_invalid: 'Signature invalid',
  timestamp_stale: 'Signed timestamp too old',
  timestamp_in_future: 'Signed timestamp in the future',
};

const problemOf = (refusal: Refusal) =>
  new ProblemError({
    status: statusOf(refusal.code),
    code: refusal.code,
    title: TITLES[refusal.code],
    detail: refusal.detail,
  });

const sourceOf = (req: Request): string | null => req.socket.remoteAddress ?? null;

/**
 * `POST /v1/webhooks/:provider`, mounted before the JSON parser: `express.raw` hands over the bytes exactly as sent
 * (whatever the content type, or none), bounded by the body limit, and nothing parses them before the signature passed.
 */
export function webhookRoutes(app: Express, options: WebhookRouteOptions): void {
  const raw = express.raw({ type: () => true, limit: options.bodyLimitBytes });
  const limited = rateLimit({ ...options.rateLimit, keyOf: (req) => sourceOf(req) ?? 'unknown' });
  const receive: RequestHandler = async (req, res, next) => {
    try {
      const outcome = await options.inFlight.track(
        receiveCallback(options.deps, {
          provider: String(req.params.provider),
          headers: req.headers,
          body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          sourceAddress: sourceOf(req),
          receivedAt: res.locals.receivedAt as Date,
        }),
      );
      switch (outcome.kind) {
        case 'accepted':
          res.status(200).json({ status: 'accepted', callback_id: outcome.callbackId, event_id: outcome.eventId });
          return;
        case 'duplicate':
          res.status(200).json({ status: 'duplicate', callback_id: outcome.callbackId });
          return;
        case 'ignored':
          res.status(200).json({ status: 'ignored', callback_id: outcome.callbackId });
          return;
        case 'rejected':
          next(problemOf(outcome.refusal));
          return;
        default:
          assertNever(outcome);
      }
    } catch (error) {
      next(error);
    }
  };
  const oversized: ErrorRequestHandler = async (error: unknown, req, res, next) => {
    if ((error as { type?: unknown } | null)?.type !== 'entity.too.large') return next(error);
    try {
      const refusal = await options.inFlight.track(
        recordOversized(options.deps, {
          provider: String(req.params.provider),
          headers: req.headers,
          declaredBytes: Number(req.headers['content-length'] ?? 0) || 0,
          sourceAddress: sourceOf(req),
          receivedAt: res.locals.receivedAt as Date,
        }),
      );
      next(problemOf(refusal));
    } catch (recordError) {
      next(recordError);
    }
  };
  const stamp: RequestHandler = (_req, res, next) => {
    // Taken before the body is read: received_at is when the request arrived, not when we got to it.
    res.locals.receivedAt = options.deps.clock.now();
    next();
  };
  app.post(WEBHOOK_PATH, stamp, limited, raw, receive, oversized);
}

function assertNever(value: never): never {
  throw new Error(`unhandled value: ${String(value)}`);
}
