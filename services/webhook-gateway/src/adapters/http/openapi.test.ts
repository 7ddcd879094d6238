import { readFileSync } from 'node:fs';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { documentedRoutes, servedRoutes } from '@sluice/testing';
import { parse } from 'yaml';
import { KeyRing } from '../../app/key-ring.ts';
import type { ArchiveReader, CallbackStore } from '../../app/ports.ts';
import { gatewayHttpApp, OPENAPI_PATH } from './gateway-app.ts';
import { InFlight } from './in-flight.ts';

const unused = (): never => {
  throw new Error('routes are only listed here, never called');
};

describe('docs/openapi/webhook-gateway.yaml', () => {
  const store: CallbackStore = { accept: unused, reject: unused };
  const archive: ArchiveReader = { callback: unused, callbacks: unused, rejections: unused };
  const app = gatewayHttpApp({
    webhooks: {
      deps: {
        providers: new Map(),
        keys: new KeyRing(new Map()),
        store,
        metrics: { callback: unused, rejected: unused, keyUsed: unused },
        policy: { toleranceS: 300, futureToleranceS: 300 },
        clock: { now: () => new Date() },
        newId: unused,
        logger: createLogger('webhook-gateway', 'silent'),
      },
      bodyLimitBytes: 65_536,
      rateLimit: { ratePerSecond: 1, burst: 1 },
      inFlight: new InFlight(),
    },
    archive,
    operatorKeys: [],
    logger: createLogger('webhook-gateway', 'silent'),
    metrics: createMetrics('webhook-gateway'),
    readiness: {},
  });

  it('documents exactly the routes the service serves', () => {
    expect(documentedRoutes(OPENAPI_PATH)).toEqual(servedRoutes(app));
  });

  it('documents every rejection code the gateway answers with', () => {
    const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
      components: { schemas: { RejectionCode: { enum: string[] } } };
    };
    expect(servedRoutes(app)).toContain('POST /v1/webhooks/{provider}');
    expect(doc.components.schemas.RejectionCode.enum).toEqual([
      'provider_unknown',
      'signature_missing',
      'signature_malformed',
      'signature_invalid',
      'timestamp_stale',
      'timestamp_in_future',
      'payload_invalid',
      'body_too_large',
    ]);
  });
});
