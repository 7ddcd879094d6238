import { readiness } from '@sluice/program-config';
import { problems } from '@sluice/service-kit';
import type { Express } from 'express';
import { configVersionOf } from '../../domain/decision.ts';
import { requirePermission } from './auth.middleware.ts';
import type { RouteDeps } from './holds.router.ts';
import { checkView, readinessView } from './views.ts';

/** `/v1/programs`: the loaded programs, their launch readiness, and the decision evidence of a payout. */
export function programsRoutes(app: Express, deps: RouteDeps): void {
  app.get('/v1/programs', requirePermission('programs:read'), (_req, res) => {
    res.json({
      catalog_hash: deps.compliance.catalog.contentHash,
      data: deps.compliance.catalog.programs.map((p) => ({
        id: p.id,
        version: p.version,
        config_version: configVersionOf(p),
        content_hash: p.contentHash,
        custody_model: p.custodyModel,
        markets: p.markets.map((m) => ({ country: m.country, mode: m.mode })),
        corridors: p.corridors.map((c) => c.id),
      })),
    });
  });

  app.get('/v1/programs/:programId/readiness', requirePermission('programs:read'), (req, res) => {
    const program = deps.compliance.catalog.program(req.params.programId as string);
    if (!program) throw problems.notFound('program');
    res.json(readinessView(readiness(program)));
  });

  app.get('/v1/payouts/:payoutId/decision', requirePermission('holds:read'), async (req, res) => {
    const stores = deps.transactions.read();
    const payoutId = req.params.payoutId as string;
    const payout = await stores.screenings.find(payoutId);
    if (!payout) throw problems.notFound('decision');
    const [hold] = await stores.holds.list({ payoutId }, { afterId: null, limit: 1 }, deps.compliance.clock.now());
    res.json({
      payout_id: payout.payoutId,
      decision: payout.decision,
      mode: payout.mode,
      program_id: payout.programId,
      market: payout.market,
      corridor: payout.corridor,
      config_version: payout.configVersion,
      amount_minor: payout.amountMinor.toString(),
      currency: payout.currency,
      decided_at: payout.decidedAt.toISOString(),
      hold_id: hold?.id ?? null,
      checks: (await stores.gateRuns.forPayout(payoutId)).map(checkView),
    });
  });
}
