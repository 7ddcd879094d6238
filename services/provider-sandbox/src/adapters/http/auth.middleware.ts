import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { SandboxSwitches } from '../../app/switches.ts';
import { failure } from '../../domain/errors.ts';
import { sendFailure } from './errors.ts';

const sha256 = (value: string) => createHash('sha256').update(value).digest();
const BEARER = /^Bearer ([\x21-\x7e]{1,256})$/;

/**
 * `Authorization: Bearer <api key>` against the configured keys. Keys are held only as SHA-256 digests and compared
 * in constant time against every digest, so neither the keys nor which one nearly matched leak through timing.
 */
export function apiKeyAuth(apiKeys: readonly string[]): RequestHandler {
  const digests = apiKeys.map(sha256);
  return (req, res, next) => {
    const match = BEARER.exec(req.header('authorization') ?? '');
    const presented = sha256(match?.[1] ?? '');
    let valid = false;
    for (const digest of digests) valid = timingSafeEqual(digest, presented) || valid;
    if (!valid) {
      sendFailure(res, failure('invalid_credentials', 'a valid API key is required: Authorization: Bearer <key>'));
      return;
    }
    next();
  };
}

/** Every non-admin call answers 403 while the operator switch says our credentials are revoked. */
export function refuseWhenRevoked(switches: SandboxSwitches): RequestHandler {
  return (_req, res, next) => {
    if (switches.credentialsRevoked) {
      sendFailure(res, failure('invalid_credentials', 'these credentials have been revoked'));
      return;
    }
    next();
  };
}
