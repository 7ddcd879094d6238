import { ProblemError, problems } from '@sluice/service-kit';
import type { Express } from 'express';
import { cancelPayout } from '../../app/cancel-payout.ts';
import type { DispatchDeps } from '../../app/deps.ts';
import { readPayout } from '../../app/read-payout.ts';
import { operatorOf, requireAction } from './operator-auth.middleware.ts';
import { payoutResource } from './resources.ts';

const PAYOUT_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** `GET /v1/payouts/:id` (any operator) and `POST /v1/payouts/:id/cancel` (payout_support, admin). */
export function payoutsRoutes(
  app: Express,
  deps: Pick<DispatchDeps, 'transactions' | 'router' | 'clock' | 'telemetry'>,
): void {
  app.get('/v1/payouts/:id', requireAction('read'), async (req, res) => {
    const id = String(req.params.id);
    const details = PAYOUT_ID.test(id) ? await readPayout(deps.transactions, id) : null;
    if (!details) throw problems.notFound(`payout ${id}`);
    res.json(payoutResource(details));
  });
  app.post('/v1/payouts/:id/cancel', requireAction('cancel_payout'), async (req, res) => {
    const id = String(req.params.id);
    if (!PAYOUT_ID.test(id)) throw problems.notFound(`payout ${id}`);
    const result = await cancelPayout(deps, id, operatorOf(res).operatorId);
    switch (result.kind) {
      case 'not_found':
        throw problems.notFound(`payout ${id} (dispatch has not seen it yet)`);
      case 'refused':
        throw new ProblemError({
          status: 409,
          code: result.code,
          title: 'Payout cannot be canceled',
          detail: `the payout is ${result.status}: ${REFUSAL_DETAIL[result.code]}`,
        });
      case 'canceled': {
        const details = await readPayout(deps.transactions, id);
        res.json(payoutResource(details!));
      }
    }
  });
}

const REFUSAL_DETAIL = {
  already_submitted: 'it was submitted to the provider and money may be moving; only the provider outcome ends it',
  already_finished: 'it already reached a final status',
  already_denied: 'compliance denied it; there is nothing to cancel',
} as const;
