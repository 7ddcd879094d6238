import { readFileSync } from 'node:fs';
import { createHttpApp, type Logger, type ReadinessCheck, type ServiceMetrics } from '@sluice/service-kit';
import type { Express } from 'express';
import type { OperatorAuthenticator } from '../../app/authenticate.ts';
import { accountsRoutes } from './accounts.router.ts';
import { authenticate } from './auth.middleware.ts';
import type { LedgerHttpDeps } from './deps.ts';
import { entriesRoutes } from './entries.router.ts';
import { invariantsRoutes } from './invariants.router.ts';
import { journalExportRoutes } from './journal-export.router.ts';
import { postingsRoutes } from './postings.router.ts';

export interface LedgerHttpOptions {
  readonly deps: LedgerHttpDeps;
  readonly authenticator: OperatorAuthenticator;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
}

/** The OpenAPI document of this API (docs/openapi/ledger.yaml), served as a file. */
export const OPENAPI_PATH = new URL('../../../../../docs/openapi/ledger.yaml', import.meta.url);

/** The ledger's HTTP API: every /v1 route needs an operator key; bodies above 64 KiB are refused (413). */
export function ledgerHttpApp(options: LedgerHttpOptions): Express {
  const openapi = readFileSync(OPENAPI_PATH, 'utf8');
  return createHttpApp({
    service: 'ledger',
    logger: options.logger,
    metrics: options.metrics,
    readiness: options.readiness,
    bodyLimit: '64kb',
    routes: (app) => {
      app.get('/docs/openapi.yaml', (_req, res) => {
        res.type('application/yaml').send(openapi);
      });
      app.use('/v1', authenticate(options.authenticator));
      accountsRoutes(app, options.deps);
      entriesRoutes(app, options.deps);
      journalExportRoutes(app, options.deps);
      invariantsRoutes(app, options.deps);
      postingsRoutes(app, options.deps);
    },
  });
}
