import { readFileSync } from 'node:fs';
import { createLogger, createMetrics } from '@sluice/service-kit';
import type { Express } from 'express';
import { parse } from 'yaml';
import type { DispatchDeps } from '../../app/deps.ts';
import { guardedGateway } from '../providers/provider-gateway.ts';
import { dispatchHttpApp, OPENAPI_PATH } from './dispatch-app.ts';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const unused = (): never => {
  throw new Error('routes are only listed here, never called');
};

/** Every `METHOD /path` the express app serves, with `:param` written as OpenAPI's `{param}`. */
function servedRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
  return stack
    .flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map(
            (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:([a-z_]+)/g, '{$1}')}`,
          )
        : [],
    )
    .sort();
}

function documentedRoutes(): string[] {
  const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((key) => methods.has(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

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
    expect(documentedRoutes()).toEqual(servedRoutes(app));
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
