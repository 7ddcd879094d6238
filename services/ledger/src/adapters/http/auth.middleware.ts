import { problems } from '@sluice/service-kit';
import type { RequestHandler, Response } from 'express';
import type { OperatorAuthenticator } from '../../app/authenticate.ts';
import type { OperatorRecord } from '../../app/ports.ts';
import { allows, bearerToken, type Permission } from '../../domain/operator.ts';

/** Resolves `Authorization: Bearer lop_…` to an operator; 401 without a valid, unrevoked key. */
export function authenticate(authenticator: OperatorAuthenticator): RequestHandler {
  return async (req, res, next) => {
    const operator = await authenticator.verify(bearerToken(req.header('authorization')));
    if (!operator) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="sluice-ledger"');
      next(problems.unauthorized('an operator key is required: Authorization: Bearer lop_…'));
      return;
    }
    res.locals.operator = operator;
    next();
  };
}

/** The authenticated operator; the auth middleware runs before every /v1 route. */
export const operatorOf = (res: Response): OperatorRecord => res.locals.operator as OperatorRecord;

/** 403 unless one of the operator's roles grants `permission`. */
export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    next(
      allows(operatorOf(res).roles, permission)
        ? undefined
        : problems.forbidden(`this operator's roles do not allow ${permission}`),
    );
  };
}
