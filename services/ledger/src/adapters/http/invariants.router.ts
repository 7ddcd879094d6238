import type { Express } from 'express';
import { requirePermission } from './auth.middleware.ts';
import type { LedgerHttpDeps } from './deps.ts';

/** `GET /v1/invariants`: 200 with the report when every invariant holds, 409 with the same report when one breaks. */
export function invariantsRoutes(app: Express, deps: LedgerHttpDeps): void {
  app.get('/v1/invariants', requirePermission('read'), async (_req, res) => {
    const report = await deps.invariants();
    for (const result of report.results) {
      deps.metrics.invariantViolations.set({ invariant: result.name }, result.violations.length);
    }
    res.status(report.ok ? 200 : 409).json({
      ok: report.ok,
      checked_at: report.checkedAt,
      entries: report.entries,
      accounts: report.accounts,
      results: report.results,
    });
  });
}
