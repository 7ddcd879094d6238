import { readFileSync } from 'node:fs';
import { createLogger, createMetrics } from '@sluice/service-kit';
import type { Express } from 'express';
import { parse } from 'yaml';
import { Authenticator } from '../../app/authenticate.ts';
import { DestinationFactsCache } from '../../app/destination-facts.ts';
import type { Transactions } from '../../app/ports.ts';
import { intakeHttpApp, OPENAPI_PATH } from './intake-app.ts';

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

describe('docs/openapi/intake.yaml', () => {
  const transactions: Transactions = { run: unused, read: unused };
  const app = intakeHttpApp({
    deps: {
      transactions,
      settings: { defaultProgramId: 'p', keyTtlHours: 24 },
      clock: { now: () => new Date() },
      destinations: new DestinationFactsCache(),
    },
    authenticator: new Authenticator({ platforms: unused, cacheMs: 0 }),
    logger: createLogger('intake', 'silent'),
    metrics: createMetrics('intake'),
    readiness: {},
    rateLimit: { ratePerSecond: 1, burst: 1 },
  });

  it('documents exactly the routes the service serves', () => {
    expect(documentedRoutes()).toEqual(servedRoutes(app));
  });

  it('covers the payout and beneficiary API', () => {
    expect(servedRoutes(app)).toEqual(
      expect.arrayContaining(['POST /v1/payouts', 'GET /v1/payouts/{id}', 'POST /v1/beneficiaries/{id}/wallets']),
    );
  });
});
