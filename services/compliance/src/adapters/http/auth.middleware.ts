import { problems } from '@sluice/service-kit';
import type { RequestHandler, Response } from 'express';
import type { Actor } from '../../app/ports.ts';
import { bearerToken } from '../../domain/operator-token.ts';
import { can, type Permission } from '../../domain/roles.ts';

/** Resolves `Authorization: Bearer op_…` to the operator; 401 without a valid, enabled operator token. */
export function authenticate(lookup: (token: string | undefined) => Promise<Actor | undefined>): RequestHandler {
  return async (req, res, next) => {
    const actor = await lookup(bearerToken(req.header('authorization')));
    if (!actor) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="sluice-compliance"');
      next(problems.unauthorized('a valid operator token is required: Authorization: Bearer op_…'));
      return;
    }
    res.locals.actor = actor;
    next();
  };
}

/** The authenticated operator; the auth middleware runs before every /v1 route. */
export const actorOf = (res: Response): Actor => res.locals.actor as Actor;

/** 403 unless the operator's role grants `permission`. */
export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    const { role } = actorOf(res);
    next(can(role, permission) ? undefined : problems.forbidden(`role ${role} lacks ${permission}`));
  };
}
