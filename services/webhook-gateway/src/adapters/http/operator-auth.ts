import { problems } from '@sluice/service-kit';
import type { RequestHandler } from 'express';
import { type OperatorKey, operatorFor } from '../../domain/operator-key.ts';

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

/** Operator API keys (`Authorization: Bearer <key>`), compared by hash in constant time; 401 otherwise. */
export function operatorAuth(keys: readonly OperatorKey[]): RequestHandler {
  return (req, res, next) => {
    const presented = BEARER.exec(req.header('authorization') ?? '')?.[1];
    const operator = presented ? operatorFor(keys, presented) : null;
    if (!operator) {
      next(problems.unauthorized('an operator key is required (Authorization: Bearer <key>)'));
      return;
    }
    res.locals.operator = operator;
    next();
  };
}
