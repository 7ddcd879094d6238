import { readFileSync } from 'node:fs';
import { createHttpApp, type Logger, type ReadinessCheck, type ServiceMetrics } from '@sluice/service-kit';
import type { Express } from 'express';
import type { DispatchDeps } from '../../app/deps.ts';
import type { GuardedGateway } from '../providers/provider-gateway.ts';
import { operatorAuth } from './operator-auth.middleware.ts';
import type { OperatorKey } from './operator-keys.ts';
import { payoutsRoutes } from './payouts.router.ts';
import { providersRoutes } from './providers.router.ts';

export interface DispatchHttpOptions {
  readonly deps: DispatchDeps & { gateway: GuardedGateway };
  readonly operators: readonly OperatorKey[];
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  readonly onProviderEnabled: (provider: string) => void;
}

/** The OpenAPI document of this API (docs/openapi/dispatch.yaml), served as a file. */
export const OPENAPI_PATH = new URL('../../../../../docs/openapi/dispatch.yaml', import.meta.url);

/** Dispatch's operator API; every /v1 route needs an operator token. */
export function dispatchHttpApp(options: DispatchHttpOptions): Express {
  const openapi = readFileSync(OPENAPI_PATH, 'utf8');
  return createHttpApp({
    service: 'dispatch',
    logger: options.logger,
    metrics: options.metrics,
    readiness: options.readiness,
    bodyLimit: '4kb',
    routes: (app) => {
      app.get('/docs/openapi.yaml', (_req, res) => {
        res.type('application/yaml').send(openapi);
      });
      app.use('/v1', operatorAuth(options.operators));
      payoutsRoutes(app, options.deps);
      providersRoutes(app, options.deps, options.onProviderEnabled);
    },
  });
}
