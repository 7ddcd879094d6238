import { problems } from '@sluice/service-kit';
import type { Express } from 'express';
import { cancelPayout } from '../../app/cancel-payout.ts';
import { assertNever, createPayout, type IntakeDeps } from '../../app/create-payout.ts';
import { getPayout, type ListQuery, listPayouts } from '../../app/read-payouts.ts';
import { payoutResource } from '../../domain/payout-resource.ts';
import { callerOf, requireScope } from './auth.middleware.ts';
import { conflict, invalid, keyInProgress, keyProblem, keyReused } from './problems.ts';
import { historyResource, listResource } from './resources.ts';

/** `/v1/payouts`: create (idempotent), retrieve, list, cancel. */
export function payoutsRoutes(app: Express, deps: IntakeDeps): void {
  app.post('/v1/payouts', requireScope('payouts:write'), async (req, res) => {
    const result = await createPayout(deps, {
      platformId: callerOf(res).platformId,
      idempotencyKey: req.header('idempotency-key'),
      body: req.body,
    });
    switch (result.kind) {
      case 'created':
      case 'replay':
        if (result.kind === 'replay') res.setHeader('Idempotent-Replayed', 'true');
        res.setHeader('Location', `/v1/payouts/${result.payoutId}`);
        res.status(result.status).type('application/json').send(result.body);
        return;
      case 'key_invalid':
        throw keyProblem(result.issue);
      case 'invalid':
        throw invalid(result.issues);
      case 'reused':
        throw keyReused();
      case 'in_progress':
        throw keyInProgress();
      default:
        assertNever(result);
    }
  });

  app.get('/v1/payouts', requireScope('payouts:read'), async (req, res) => {
    const result = await listPayouts(deps.transactions.read(), callerOf(res).platformId, req.query as ListQuery);
    if (!result.ok) throw invalid(result.issues);
    res.json(listResource(result.data.map(payoutResource), result.hasMore, result.nextCursor));
  });

  app.get('/v1/payouts/:id', requireScope('payouts:read'), async (req, res) => {
    const found = await getPayout(deps.transactions.read(), callerOf(res).platformId, req.params.id as string);
    if (!found) throw problems.notFound('payout');
    res.json({ ...payoutResource(found.view), status_history: found.history.map(historyResource) });
  });

  app.post('/v1/payouts/:id/cancel', requireScope('payouts:write'), async (req, res) => {
    const result = await cancelPayout(deps, callerOf(res).platformId, req.params.id as string);
    switch (result.kind) {
      case 'cancel_requested':
        res.status(202).json(payoutResource(result.view));
        return;
      case 'not_found':
        throw problems.notFound('payout');
      case 'not_cancelable':
        throw conflict('payout_not_cancelable', `a ${result.status} payout can no longer be canceled`);
      default:
        assertNever(result);
    }
  });
}
