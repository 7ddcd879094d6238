import type { Express } from 'express';
import { z } from 'zod';
import { issueOperators } from '../../app/operators.ts';
import { ROLES } from '../../domain/roles.ts';
import { actorOf, requirePermission } from './auth.middleware.ts';
import { parseInput } from './body.ts';
import type { RouteDeps } from './holds.router.ts';

const operatorBody = z.strictObject({
  // No commas: operator ids are joined with commas in `decided_by` of a two-approver release.
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
});

/** `/v1/operators` (admin only): list operators, create one or rotate its token (the token is shown once). */
export function operatorsRoutes(app: Express, deps: RouteDeps): void {
  app.get('/v1/operators', requirePermission('operators:manage'), async (_req, res) => {
    const operators = await deps.transactions.read().operators.list();
    res.json({
      data: operators.map((o) => ({ id: o.id, name: o.name, role: o.role, key_id: o.keyId, disabled: o.disabled })),
    });
  });

  app.post('/v1/operators', requirePermission('operators:manage'), async (req, res) => {
    const body = parseInput(operatorBody, req.body);
    const [issued] = await issueOperators(deps.transactions, deps.compliance.clock, [body], actorOf(res).operatorId);
    res.status(201).setHeader('Cache-Control', 'no-store').json({
      id: issued?.operatorId,
      name: issued?.name,
      role: issued?.role,
      token: issued?.token,
    });
  });
}
