import { createLogger, createMetrics } from '@sluice/service-kit';
import { documentedRoutes, servedRoutes } from '@sluice/testing';
import { Authenticator } from '../../app/authenticate.ts';
import { DestinationFactsCache } from '../../app/destination-facts.ts';
import type { Transactions } from '../../app/ports.ts';
import { intakeHttpApp, OPENAPI_PATH } from './intake-app.ts';

const unused = (): never => {
  throw new Error('routes are only listed here, never called');
};

describe('docs/openapi/intake.yaml', () => {
  const transactions: Transactions = { run: unused, read: unused };
  const app = intakeHttpApp({
    deps: {
      transactions,
      settings: { defaultProgramId: 'p', keyTtlHours: 24 },
      clock: { now: () => new Date() },
      destinations: new DestinationFactsCache(),
      batches: {
        lookup: unused,
        findByKey: unused,
        find: unused,
        create: unused,
        items: unused,
        statusCounts: unused,
      },
    },
    authenticator: new Authenticator({ platforms: unused, cacheMs: 0 }),
    logger: createLogger('intake', 'silent'),
    metrics: createMetrics('intake'),
    readiness: {},
    rateLimit: { ratePerSecond: 1, burst: 1 },
  });

  it('documents exactly the routes the service serves', () => {
    expect(documentedRoutes(OPENAPI_PATH)).toEqual(servedRoutes(app));
  });

  it('covers the payout and beneficiary API', () => {
    expect(servedRoutes(app)).toEqual(
      expect.arrayContaining([
        'POST /v1/payouts',
        'GET /v1/payouts/{id}',
        'POST /v1/payout-batches',
        'GET /v1/payout-batches/{id}',
        'POST /v1/beneficiaries/{id}/wallets',
      ]),
    );
  });
});
