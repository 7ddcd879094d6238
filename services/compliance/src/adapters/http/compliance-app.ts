import { readFileSync } from 'node:fs';
import { createHttpApp, type Logger, type ReadinessCheck, rateLimit, type ServiceMetrics } from '@sluice/service-kit';
import type { Express } from 'express';
import { authenticateOperator } from '../../app/operators.ts';
import { actorOf, authenticate } from './auth.middleware.ts';
import { beneficiariesRoutes } from './beneficiaries.router.ts';
import { holdsRoutes, type RouteDeps } from './holds.router.ts';
import { operatorsRoutes } from './operators.router.ts';
import { programsRoutes } from './programs.router.ts';

export interface ComplianceHttpOptions extends RouteDeps {
  readonly logger: Logger;
  readonly serviceMetrics: ServiceMetrics;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  readonly rateLimit: { readonly ratePerSecond: number; readonly burst: number };
}

/** The OpenAPI document of this API (docs/openapi/compliance.yaml), served as a file. */
export const OPENAPI_PATH = new URL('../../../../../docs/openapi/compliance.yaml', import.meta.url);

/**
 * Compliance's operator API. Bodies above 32 KiB are refused before any route runs; every /v1 route needs an
 * operator token and draws from that operator's rate limit bucket.
 */
export function complianceHttpApp(options: ComplianceHttpOptions): Express {
  const openapi = readFileSync(OPENAPI_PATH, 'utf8');
  return createHttpApp({
    service: 'compliance',
    logger: options.logger,
    metrics: options.serviceMetrics,
    readiness: options.readiness,
    bodyLimit: '32kb',
    routes: (app) => {
      app.get('/docs/openapi.yaml', (_req, res) => {
        res.type('application/yaml').send(openapi);
      });
      app.use(
        '/v1',
        authenticate((token) => authenticateOperator(options.transactions.read().operators, token)),
      );
      app.use('/v1', rateLimit({ ...options.rateLimit, keyOf: (_req, res) => actorOf(res).operatorId }));
      holdsRoutes(app, options);
      beneficiariesRoutes(app, options);
      programsRoutes(app, options);
      operatorsRoutes(app, options);
    },
  });
}
