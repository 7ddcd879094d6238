import { createLogger, createMetrics } from '@sluice/service-kit';
import { documentedRoutes, servedRoutes } from '@sluice/testing';
import type { DispatchDeps } from '../../app/deps.ts';
import { guardedGateway } from '../providers/provider-gateway.ts';
import { dispatchHttpApp, OPENAPI_PATH } from './dispatch-app.ts';

const unused = (): never => {
  throw new Error('routes are only listed here, never called');
};

describe('docs/openapi/dispatch.yaml', () => {
  const logger = createLogger('dispatch', 'silent');
  const gateway = guardedGateway(
    [],
    { errorThresholdPercentage: 50, volumeThreshold: 5, rollingCountTimeoutMs: 1000, resetTimeoutMs: 1000 },
    logger,
  );
  const deps = {
    transactions: { run: unused, read: unused },
    gateway,
    router: { providerFor: unused },
    clock: { now: () => new Date() },
    logger,
  } as unknown as DispatchDeps & { gateway: typeof gateway };
  const app = dispatchHttpApp({
    deps,
    operators: [],
    logger,
    metrics: createMetrics('dispatch'),
    readiness: {},
    onProviderEnabled: unused,
  });

  afterAll(() => gateway.shutdown());

  it('documents exactly the routes the service serves', () => {
    expect(documentedRoutes(OPENAPI_PATH)).toEqual(servedRoutes(app));
  });

  it('covers the operator API', () => {
    expect(servedRoutes(app)).toEqual(
      expect.arrayContaining([
        'GET /v1/payouts/{id}',
        'POST /v1/payouts/{id}/cancel',
        'POST /v1/providers/{provider}/enable',
      ]),
    );
  });
});
