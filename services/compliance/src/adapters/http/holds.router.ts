import { ProblemError, problems } from '@sluice/service-kit';
import type { Express } from 'express';
import { z } from 'zod';
import { denyHeldPayout, type HoldActionOutcome, type HoldActionRefusal, releaseHold } from '../../app/hold-actions.ts';
import { addHoldEvidence, holdDetail, listHolds } from '../../app/hold-queries.ts';
import type { ComplianceDeps, HoldFilter, Transactions } from '../../app/ports.ts';
import type { ComplianceMetrics } from '../metrics.ts';
import { actorOf, requirePermission } from './auth.middleware.ts';
import { parseInput } from './body.ts';
import { auditView, checkView, holdView } from './views.ts';

export interface RouteDeps {
  readonly transactions: Transactions;
  readonly compliance: ComplianceDeps;
  readonly metrics: ComplianceMetrics;
}

const ref = z.string().trim().min(1).max(500);
const note = z
  .string({ error: 'an evidence note is required' })
  .trim()
  .min(1, 'an evidence note is required')
  .max(2000);
const decisionBody = z.strictObject({ note, evidence_refs: z.array(ref).max(20).default([]) });
const evidenceBody = z.strictObject({ refs: z.array(ref).min(1).max(20), note });
const listQuery = z.strictObject({
  status: z.enum(['open', 'released', 'denied']).optional(),
  sla: z.enum(['breached', 'within']).optional(),
  reason: z.string().max(64).optional(),
  owner: z.string().max(200).optional(),
  beneficiary_id: z.string().max(200).optional(),
  program_id: z.string().max(64).optional(),
  market: z.string().max(2).optional(),
  payout_id: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});
const NOTE_CODES = { note: 'evidence_note_required' };

/** `/v1/holds`: list and filter, detail with checks and audit trail, evidence, release (4-eyes) and deny. */
export function holdsRoutes(app: Express, deps: RouteDeps): void {
  app.get('/v1/holds', requirePermission('holds:read'), async (req, res) => {
    const q = parseInput(listQuery, req.query);
    const filter: HoldFilter = {
      status: q.status,
      slaBreached: q.sla === undefined ? undefined : q.sla === 'breached',
      reason: q.reason,
      owner: q.owner,
      beneficiaryId: q.beneficiary_id,
      programId: q.program_id,
      market: q.market,
      payoutId: q.payout_id,
    };
    const now = deps.compliance.clock.now();
    const holds = await listHolds(
      deps.transactions.read(),
      filter,
      { afterId: q.cursor ?? null, limit: q.limit + 1 },
      now,
    );
    const page = holds.slice(0, q.limit);
    const hasMore = holds.length > q.limit;
    res.json({
      data: page.map((h) => holdView(h, now)),
      has_more: hasMore,
      next_cursor: hasMore ? (page.at(-1)?.id ?? null) : null,
    });
  });

  app.get('/v1/holds/:holdId', requirePermission('holds:read'), async (req, res) => {
    const now = deps.compliance.clock.now();
    const detail = await holdDetail(deps.transactions.read(), req.params.holdId as string);
    if (!detail) throw problems.notFound('hold');
    res.json({
      ...holdView(detail.hold, now),
      checks: detail.checks.map(checkView),
      audit: detail.audit.map(auditView),
    });
  });

  app.post('/v1/holds/:holdId/evidence', async (req, res) => {
    const body = parseInput(evidenceBody, req.body, NOTE_CODES);
    const outcome = await deps.transactions.run((tx) =>
      addHoldEvidence(tx, deps.compliance, actorOf(res), req.params.holdId as string, body),
    );
    deps.metrics.holdActions.inc({ action: 'evidence', outcome: outcome.ok ? 'added' : outcome.code });
    if (!outcome.ok) throw refusal(outcome.code);
    res.json(holdView(outcome.hold, deps.compliance.clock.now()));
  });

  for (const action of ['release', 'deny'] as const) {
    app.post(`/v1/holds/:holdId/${action}`, async (req, res) => {
      const body = parseInput(decisionBody, req.body, NOTE_CODES);
      const use = action === 'release' ? releaseHold : denyHeldPayout;
      const outcome: HoldActionOutcome = await deps.transactions.run((tx) =>
        use(tx, deps.compliance, actorOf(res), req.params.holdId as string, {
          note: body.note,
          evidenceRefs: body.evidence_refs,
        }),
      );
      deps.metrics.holdActions.inc({ action, outcome: outcome.ok ? outcome.kind : outcome.code });
      if (!outcome.ok) throw refusal(outcome.code);
      res.json({ result: outcome.kind, hold: holdView(outcome.hold, deps.compliance.clock.now()) });
    });
  }
}

/** A refused hold action as a problem with its stable code. */
function refusal(code: HoldActionRefusal | 'hold_not_open'): ProblemError {
  switch (code) {
    case 'forbidden':
      return problems.forbidden('only approvers and admins may release or deny holds');
    case 'hold_not_found':
      return problems.notFound('hold');
    case 'evidence_note_required':
      return new ProblemError({ status: 422, code, title: 'Evidence note required' });
    case 'hold_not_open':
      return new ProblemError({
        status: 409,
        code,
        title: 'Hold is not open',
        detail: 'the hold was already released or denied',
      });
    case 'same_approver':
      return new ProblemError({
        status: 409,
        code,
        title: 'Second approval must come from a different approver',
        detail: 'this hold needs two different approvers (4-eyes); you already approved it',
      });
    case 'release_blocked_by_deny_reason':
      return new ProblemError({
        status: 409,
        code,
        title: 'Hold cannot be released',
        detail: 'a deny-level reason is active on this hold; it can only be denied',
      });
  }
}
