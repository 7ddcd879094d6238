import type { Express } from 'express';
import { type FundDeps, fundAccount } from '../../app/fund-account.ts';
import type { Funding } from '../../app/ports.ts';
import type { SandboxQueries } from '../../app/queries.ts';
import { failure } from '../../domain/errors.ts';
import { reportCsv, reportDay } from '../../domain/settlement-report.ts';
import { sendFailure } from './errors.ts';
import { jsonBody, queryParam, rawBodyOf } from './json-body.ts';

/** `GET /v1/balances`, `POST /v1/fundings`, `GET /v1/reports/settlements`. */
export function accountRoutes(app: Express, deps: { fund: FundDeps; queries: SandboxQueries }): void {
  app.get('/v1/balances', async (_req, res) => {
    const balances = await deps.queries.balances();
    res.json({
      balances: balances.map((b) => ({
        currency: b.currency,
        available_minor: b.availableMinor.toString(),
        pending_minor: b.pendingMinor.toString(),
      })),
    });
  });

  app.post('/v1/fundings', async (req, res) => {
    const body = jsonBody(req);
    if (!body.ok) {
      sendFailure(res, body.failure);
      return;
    }
    const result = await fundAccount(deps.fund, {
      idempotencyKey: req.header('idempotency-key'),
      body: body.value,
      rawBody: rawBodyOf(req),
    });
    if (result.kind === 'refused') {
      sendFailure(res, result.failure);
      return;
    }
    res.status(result.kind === 'created' ? 201 : 200).json(fundingRepresentation(result.funding));
  });

  app.get('/v1/reports/settlements', async (req, res) => {
    const date = queryParam(req, 'date');
    const day = reportDay(date);
    if (!day) {
      sendFailure(res, failure('bad_request', 'date must be a calendar day as YYYY-MM-DD (UTC)'));
      return;
    }
    const format = queryParam(req, 'format') ?? (req.accepts(['application/json', 'text/csv']) || 'application/json');
    if (!['json', 'csv', 'application/json', 'text/csv'].includes(format)) {
      sendFailure(res, failure('bad_request', 'format must be json or csv'));
      return;
    }
    const rows = await deps.queries.settlements(day);
    if (format === 'csv' || format === 'text/csv') {
      res.setHeader('Content-Disposition', `attachment; filename="settlements-${date}.csv"`);
      res.type('text/csv; charset=utf-8').send(reportCsv(rows));
      return;
    }
    res.json({ date, data: rows });
  });
}

const fundingRepresentation = (funding: Funding) => ({
  id: funding.id,
  currency: funding.currency,
  amount_minor: funding.amountMinor.toString(),
  created_at: funding.createdAt.toISOString(),
});
