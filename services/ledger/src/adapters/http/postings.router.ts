import { ProblemError, problems } from '@sluice/service-kit';
import type { Express, Response } from 'express';
import { z } from 'zod';
import {
  approveRequest,
  type ManualPostingResult,
  rejectRequest,
  requestAdjustment,
  requestTopUp,
} from '../../app/manual-postings.ts';
import { MAX_LINES_PER_ENTRY } from '../../domain/journal-entry.ts';
import { operatorOf, requirePermission } from './auth.middleware.ts';
import type { LedgerHttpDeps } from './deps.ts';
import { amountMinor, isoDate, parse, reason, scopePart, uuid } from './params.ts';
import { postingRequestResource } from './resources.ts';

const common = {
  reason,
  provider_reference: z.string().min(1).max(256).nullable().default(null),
  effective_date: isoDate.nullable().default(null),
};

const topUpBody = z.object({
  program_id: scopePart,
  provider: scopePart,
  currency: scopePart,
  amount_minor: amountMinor,
  ...common,
});

const adjustmentBody = z.object({
  lines: z
    .array(z.object({ account_id: uuid, direction: z.enum(['debit', 'credit']), amount_minor: amountMinor }))
    .min(2)
    .max(MAX_LINES_PER_ENTRY),
  payout_id: z.string().min(1).max(128).nullable().default(null),
  ...common,
});

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw problems.validation([{ path: 'Idempotency-Key', code: 'invalid', message: '1-128 of A-Z a-z 0-9 . _ : -' }]);
  }
  return header;
}

const STATUS_OF = {
  not_found: 404,
  scope_invalid: 422,
  account_unknown: 422,
  entry_invalid: 422,
  effective_date_in_future: 422,
  idempotency_key_reused: 409,
  not_pending: 409,
  own_request: 403,
  already_approved: 409,
} as const;

/** 201 when posted now, 202 when waiting for approvals; errors as problems with the use case's code. */
function reply(res: Response, result: ManualPostingResult, created: boolean): void {
  if (!result.ok) {
    throw new ProblemError({
      status: STATUS_OF[result.code],
      code: result.code,
      title: 'Posting request refused',
      detail: result.detail,
    });
  }
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  const pending = result.request.status === 'pending_approval';
  res.setHeader('Location', `/v1/posting-requests/${result.request.id}`);
  res.status(created && !result.replayed ? (pending ? 202 : 201) : 200).json(postingRequestResource(result.request));
}

/**
 * Manual postings: funding top-ups and adjustments, each with a reason. Above the configured amount they wait for
 * two approvers other than the requester; otherwise they post at once.
 */
export function postingsRoutes(app: Express, deps: LedgerHttpDeps): void {
  app.post('/v1/top-ups', requirePermission('request'), async (req, res) => {
    const body = parse(topUpBody, req.body);
    const input = {
      programId: body.program_id,
      provider: body.provider,
      currency: body.currency,
      amountMinor: body.amount_minor,
      reason: body.reason,
      providerReference: body.provider_reference,
      effectiveDate: body.effective_date,
    };
    const key = idempotencyKey(req.header('idempotency-key'));
    reply(res, await requestTopUp(deps.manual, operatorOf(res), input, key), true);
  });

  app.post('/v1/adjustments', requirePermission('request'), async (req, res) => {
    const body = parse(adjustmentBody, req.body);
    const input = {
      lines: body.lines.map((l) => ({ accountId: l.account_id, direction: l.direction, amountMinor: l.amount_minor })),
      reason: body.reason,
      payoutId: body.payout_id,
      providerReference: body.provider_reference,
      effectiveDate: body.effective_date,
    };
    const key = idempotencyKey(req.header('idempotency-key'));
    reply(res, await requestAdjustment(deps.manual, operatorOf(res), input, key), true);
  });

  app.get('/v1/posting-requests', requirePermission('read'), async (req, res) => {
    const q = parse(
      z.object({
        status: z.enum(['pending_approval', 'posted', 'rejected']).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      req.query,
    );
    const requests = await deps.requests().list({ status: q.status, limit: q.limit });
    res.json({ data: requests.map(postingRequestResource) });
  });

  app.get('/v1/posting-requests/:id', requirePermission('read'), async (req, res) => {
    const request = await deps.requests().get(parse(uuid, req.params.id));
    if (!request) throw problems.notFound('posting request');
    res.json(postingRequestResource(request));
  });

  app.post('/v1/posting-requests/:id/approve', requirePermission('approve'), async (req, res) => {
    reply(res, await approveRequest(deps.manual, operatorOf(res), parse(uuid, req.params.id)), false);
  });

  app.post('/v1/posting-requests/:id/reject', requirePermission('approve'), async (req, res) => {
    const body = parse(z.object({ reason }), req.body);
    reply(res, await rejectRequest(deps.manual, operatorOf(res), parse(uuid, req.params.id), body.reason), false);
  });
}
