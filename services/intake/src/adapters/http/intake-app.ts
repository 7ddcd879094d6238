import { readFileSync } from 'node:fs';
import { createHttpApp, type Logger, type ReadinessCheck, rateLimit, type ServiceMetrics } from '@sluice/service-kit';
import type { Express } from 'express';
import type { Authenticator } from '../../app/authenticate.ts';
import type { IntakeDeps } from '../../app/create-payout.ts';
import { authenticate, callerOf } from './auth.middleware.ts';
import { beneficiariesRoutes } from './beneficiaries.router.ts';
import { payoutBatchesRoutes } from './payout-batches.router.ts';
import { payoutsRoutes } from './payouts.router.ts';

export interface IntakeHttpOptions {
  readonly deps: IntakeDeps;
  readonly authenticator: Authenticator;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  readonly rateLimit: { readonly ratePerSecond: number; readonly burst: number };
}

/** The OpenAPI document of this API (docs/openapi/intake.yaml), served as a file. */
export const OPENAPI_PATH = new URL('../../../../../docs/openapi/intake.yaml', import.meta.url);

/**
 * Intake's HTTP API. Bodies above 64 KiB are refused (413) before any route runs, except a payout batch's (its own
 * route, its own limit); every /v1 route needs an API key and draws one token from that key's rate limit bucket (429
 * with Retry-After).
 */
export function intakeHttpApp(options: IntakeHttpOptions): Express {
  const openapi = readFileSync(OPENAPI_PATH, 'utf8');
  // One bucket per key for every route, including the batch routes mounted ahead of the shared JSON parser.
  const guards = [
    authenticate(options.authenticator),
    rateLimit({ ...options.rateLimit, keyOf: (_req, res) => callerOf(res).keyId }),
  ];
  return createHttpApp({
    service: 'intake',
    logger: options.logger,
    metrics: options.metrics,
    readiness: options.readiness,
    bodyLimit: '64kb',
    rawRoutes: (app) => payoutBatchesRoutes(app, options.deps, guards),
    routes: (app) => {
      app.get('/docs/openapi.yaml', (_req, res) => {
        res.type('application/yaml').send(openapi);
      });
      app.use('/v1', ...guards);
      payoutsRoutes(app, options.deps);
      beneficiariesRoutes(app, options.deps);
    },
  });
}
