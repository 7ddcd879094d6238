import { problems } from '@sluice/service-kit';
import type { Express } from 'express';
import { z } from 'zod';
import { readBalances } from '../../app/read-balances.ts';
import { requirePermission } from './auth.middleware.ts';
import type { LedgerHttpDeps } from './deps.ts';
import { asOf, parse, scopePart, uuid } from './params.ts';
import { balanceResource } from './resources.ts';

const balancesQuery = z.object({
  program_id: scopePart.optional(),
  provider: scopePart.optional(),
  currency: scopePart.optional(),
  as_of: asOf,
});

/** Accounts and their balances (posted, pending, available), now or `as_of` an instant. */
export function accountsRoutes(app: Express, deps: LedgerHttpDeps): void {
  const balances = async (query: unknown) => {
    const q = parse(balancesQuery, query);
    const filter = { programId: q.program_id, provider: q.provider, currency: q.currency };
    return { asOf: q.as_of, views: await readBalances(deps.reader, filter, q.as_of) };
  };

  app.get('/v1/accounts', requirePermission('read'), async (req, res) => {
    const { views } = await balances(req.query);
    res.json({ data: views.map(balanceResource) });
  });

  app.get('/v1/accounts/:id', requirePermission('read'), async (req, res) => {
    const id = parse(uuid, req.params.id);
    const q = parse(z.object({ as_of: asOf }), req.query);
    const [view] = await readBalances(deps.reader, { accountId: id }, q.as_of);
    if (!view) throw problems.notFound('account');
    res.json({ ...balanceResource(view), as_of: q.as_of?.toISOString() ?? null });
  });

  app.get('/v1/balances', requirePermission('read'), async (req, res) => {
    const { asOf: at, views } = await balances(req.query);
    res.json({ as_of: (at ?? new Date()).toISOString(), data: views.map(balanceResource) });
  });
}
