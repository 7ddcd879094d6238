import type { Logger } from '@sluice/service-kit';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { failure, type SandboxErrorCode, type SandboxFailure } from '../../domain/errors.ts';

/** The HTTP status of every error code, exhaustively: adding a code without a status does not compile. */
export function statusOf(code: SandboxErrorCode): number {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'insufficient_funds':
      return 402;
    case 'invalid_credentials':
      return 403;
    case 'not_found':
      return 404;
    case 'request_too_large':
      return 413;
    case 'idempotency_key_mismatch':
      return 422;
    case 'internal_error':
      return 500;
    case 'bad_gateway':
      return 502;
    case 'service_unavailable':
      return 503;
    default:
      return assertNeverCode(code);
  }
}

/**
 * Answers with the provider's error shape `{ "error": { "code", "message" } }` (not problem+json: the sandbox
 * imitates an external provider's API, and clients are written against that shape).
 */
export function sendFailure(res: Response, refusal: SandboxFailure): void {
  res.locals.errorCode = refusal.code;
  res.status(statusOf(refusal.code)).json({ error: { code: refusal.code, message: refusal.message } });
}

/** Unknown routes under /v1 answer in the provider's error shape too. */
export const notFound: RequestHandler = (req, res) => {
  sendFailure(res, failure('not_found', `no route ${req.method} ${req.path}`));
};

/** Turns any thrown error under /v1 into the provider's error shape; internals never reach the client. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') {
      sendFailure(res, failure('request_too_large', 'the request body is larger than 64 KiB'));
      return;
    }
    if (type === 'request.aborted' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
      sendFailure(res, failure('bad_request', 'the request body could not be read'));
      return;
    }
    logger.error({ err: error, path: req.path, request_id: res.locals.requestId }, 'request failed');
    sendFailure(res, failure('internal_error', 'internal error'));
  };
}

function assertNeverCode(value: never): never {
  throw new Error(`unhandled error code: ${String(value)}`);
}
