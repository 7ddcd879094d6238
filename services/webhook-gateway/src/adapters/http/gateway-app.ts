import { readFileSync } from 'node:fs';
import { createHttpApp, type Logger, type ReadinessCheck, type ServiceMetrics } from '@sluice/service-kit';
import type { Express } from 'express';
import type { ArchiveReader } from '../../app/ports.ts';
import type { OperatorKey } from '../../domain/operator-key.ts';
import { archiveRoutes } from './archive.router.ts';
import { operatorAuth } from './operator-auth.ts';
import { type WebhookRouteOptions, webhookRoutes } from './webhooks.router.ts';

export interface GatewayHttpOptions {
  readonly webhooks: WebhookRouteOptions;
  readonly archive: ArchiveReader;
  readonly operatorKeys: readonly OperatorKey[];
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
}

/** The OpenAPI document of this API (docs/openapi/webhook-gateway.yaml), served as a file. */
export const OPENAPI_PATH = new URL('../../../../../docs/openapi/webhook-gateway.yaml', import.meta.url);

/**
 * The gateway's HTTP API: the webhook endpoint on the raw-body path (authenticated by the provider's signature), and
 * the operator read API behind operator keys.
 */
export function gatewayHttpApp(options: GatewayHttpOptions): Express {
  const openapi = readFileSync(OPENAPI_PATH, 'utf8');
  return createHttpApp({
    service: 'webhook-gateway',
    logger: options.logger,
    metrics: options.metrics,
    readiness: options.readiness,
    bodyLimit: '16kb',
    rawRoutes: (app) => webhookRoutes(app, options.webhooks),
    routes: (app) => {
      app.get('/docs/openapi.yaml', (_req, res) => {
        res.type('application/yaml').send(openapi);
      });
      app.use(['/v1/callbacks', '/v1/rejections'], operatorAuth(options.operatorKeys));
      archiveRoutes(app, options.archive);
    },
  });
}
