import { problems } from '@sluice/service-kit';
import type { RequestHandler, Response } from 'express';
import { mayDo, type OperatorAction } from '../../domain/operator.ts';
import { type OperatorKey, verifyOperator } from './operator-keys.ts';

const BEARER = /^Bearer ([^\s]+)$/i;

/** `Authorization: Bearer <operator token>` → the operator; 401 otherwise (every /v1 route of dispatch is operator-only). */
export function operatorAuth(keys: readonly OperatorKey[]): RequestHandler {
  return (req, res, next) => {
    const token = BEARER.exec(req.header('authorization')?.trim() ?? '')?.[1];
    const operator = verifyOperator(keys, token);
    if (!operator) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="sluice-dispatch"');
      next(problems.unauthorized('an operator token is required: Authorization: Bearer <token>'));
      return;
    }
    res.locals.operator = operator;
    next();
  };
}

export const operatorOf = (res: Response): OperatorKey => res.locals.operator as OperatorKey;

/** 403 unless the operator's role may perform `action`. */
export function requireAction(action: OperatorAction): RequestHandler {
  return (_req, res, next) => {
    const { role } = operatorOf(res);
    next(mayDo(role, action) ? undefined : problems.forbidden(`role ${role} may not ${action.replaceAll('_', ' ')}`));
  };
}
