import { problems } from '@sluice/service-kit';
import type { RequestHandler, Response } from 'express';
import type { Authenticator, Caller } from '../../app/authenticate.ts';
import { bearerToken, type Scope } from '../../domain/api-key.ts';

/** Resolves `Authorization: Bearer sk_…` to the calling platform; 401 without a valid, unrevoked key. */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    const caller = await authenticator.verify(bearerToken(req.header('authorization')));
    if (!caller) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="sluice"');
      next(problems.unauthorized('a valid API key is required: Authorization: Bearer sk_…'));
      return;
    }
    res.locals.caller = caller;
    next();
  };
}

/** The authenticated caller; the auth middleware runs before every /v1 route. */
export const callerOf = (res: Response): Caller => res.locals.caller as Caller;

/** 403 unless the caller's key carries `scope`. */
export function requireScope(scope: Scope): RequestHandler {
  return (_req, res, next) => {
    next(
      callerOf(res).scopes.includes(scope) ? undefined : problems.forbidden(`this API key lacks the ${scope} scope`),
    );
  };
}
