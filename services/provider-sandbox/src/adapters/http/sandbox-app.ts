import { readFileSync } from 'node:fs';
import { createHttpApp, type Logger, type ReadinessCheck, type ServiceMetrics } from '@sluice/service-kit';
import express, { type Express, type RequestHandler } from 'express';
import type { CreateDeps } from '../../app/create-payout.ts';
import type { FundDeps } from '../../app/fund-account.ts';
import type { Clock, PayoutCall } from '../../app/ports.ts';
import type { SandboxQueries } from '../../app/queries.ts';
import type { SandboxSwitches } from '../../app/switches.ts';
import { accountRoutes } from './account.router.ts';
import { adminRouter } from './admin.router.ts';
import { apiKeyAuth, refuseWhenRevoked } from './auth.middleware.ts';
import type { Delays } from './delays.ts';
import { errorHandler, notFound } from './errors.ts';
import { payoutCallLog, payoutsRoutes } from './payouts.router.ts';

export interface SandboxHttpOptions {
  readonly apiKeys: readonly string[];
  readonly latencyMs: number;
  readonly create: CreateDeps;
  readonly fund: FundDeps;
  readonly queries: SandboxQueries;
  readonly switches: SandboxSwitches;
  readonly clock: Clock;
  readonly delays: Delays;
  readonly recordCall: (call: PayoutCall) => void;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
}

/** The OpenAPI document of this API (docs/openapi/provider-sandbox.yaml), served as a file. */
export const OPENAPI_PATH = new URL('../../../../../docs/openapi/provider-sandbox.yaml', import.meta.url);

/** Bodies above this are refused (413) before any route runs. */
const BODY_LIMIT = '64kb';

/**
 * The sandbox's HTTP API. Every /v1 body is read raw first (idempotency hashes the exact bytes); every /v1 route needs
 * an API key; the admin routes are mounted before the revocation switch and the simulated latency.
 */
export function sandboxHttpApp(options: SandboxHttpOptions): Express {
  const openapi = readFileSync(OPENAPI_PATH, 'utf8');
  const auth = apiKeyAuth(options.apiKeys);
  return createHttpApp({
    service: 'provider-sandbox',
    logger: options.logger,
    metrics: options.metrics,
    readiness: options.readiness,
    bodyLimit: BODY_LIMIT,
    rawRoutes: (app) => {
      app.use('/v1', express.raw({ type: () => true, limit: BODY_LIMIT }));
    },
    routes: (app) => {
      app.get('/docs/openapi.yaml', (_req, res) => {
        res.type('application/yaml').send(openapi);
      });
      app.post(
        '/v1/payouts',
        payoutCallLog(options.recordCall, () => options.clock.now()),
      );
      app.use('/v1/admin', auth, adminRouter(options));
      app.use('/v1', auth, refuseWhenRevoked(options.switches), latency(options.delays, options.latencyMs));
      payoutsRoutes(app, options);
      accountRoutes(app, options);
      app.use('/v1', notFound);
      app.use(errorHandler(options.logger));
    },
  });
}

/** The configurable latency every provider call pays (a real provider is never instant). */
function latency(delays: Delays, latencyMs: number): RequestHandler {
  return async (_req, _res, next) => {
    await delays.wait(latencyMs);
    next();
  };
}
