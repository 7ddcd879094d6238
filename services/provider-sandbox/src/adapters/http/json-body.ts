import type { Request } from 'express';
import { failure, type SandboxFailure } from '../../domain/errors.ts';

/** The raw bytes of a /v1 request body (the raw parser runs first so idempotency can hash the exact bytes). */
export const rawBodyOf = (req: Request): Buffer | undefined => (Buffer.isBuffer(req.body) ? req.body : undefined);

/** Parses the raw body as JSON; an empty or malformed body is a 400 value, never a throw. */
export function jsonBody(req: Request): { ok: true; value: unknown } | { ok: false; failure: SandboxFailure } {
  const raw = rawBodyOf(req);
  if (!raw || raw.length === 0) return { ok: false, failure: failure('bad_request', 'a JSON body is required') };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) };
  } catch {
    return { ok: false, failure: failure('bad_request', 'the body is not valid JSON') };
  }
}

/** A single string query parameter (repeated parameters are refused rather than guessed). */
export function queryParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}
