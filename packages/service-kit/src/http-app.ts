import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { type ReadinessCheck, runChecks } from './health.ts';
import type { Logger } from './logger.ts';
import type { ServiceMetrics } from './metrics.ts';
import { PROBLEM_CONTENT_TYPE, ProblemError, problems } from './problem.ts';

export interface HttpAppOptions {
  readonly service: string;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readiness?: Readonly<Record<string, ReadinessCheck>>;
  /** Largest JSON body accepted; larger bodies get 413 before any handler runs. */
  readonly bodyLimit?: string;
  /** Mounts the service's routes; runs after the shared middleware and before the problem handlers. */
  readonly routes?: (app: Express) => void;
  /** Routes that must see the raw bytes (webhook signatures) mount here, before the JSON parser touches the body. */
  readonly rawRoutes?: (app: Express) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The express app every service starts from: request ids, request metrics, a JSON body limit, /healthz, /readyz,
 * /metrics, and `application/problem+json` for every error, including 404s and malformed bodies.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestContext(options));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.service });
  });
  app.get('/readyz', async (_req, res) => {
    const result = await runChecks(options.readiness ?? {});
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'not_ready', ...result });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  options.rawRoutes?.(app);
  app.use(express.json({ limit: options.bodyLimit ?? '64kb', type: ['application/json', 'application/*+json'] }));
  options.routes?.(app);
  app.use((req, _res, next) => next(problems.notFound(`route ${req.method} ${req.path}`)));
  app.use(problemHandler(options.logger));
  return app;
}

function requestContext(options: HttpAppOptions): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const stop = options.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      // The matched route pattern keeps label cardinality bounded (ids in paths would explode it).
      const route = (req.route?.path as string | undefined) ?? (res.statusCode === 404 ? 'unmatched' : req.path);
      stop({ route, status: String(res.statusCode) });
    });
    next();
  };
}

/** Maps every error to a problem document; unknown errors become a 500 whose detail never leaks internals. */
function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = toProblem(error);
    if (problem.status >= 500) {
      logger.error({ err: error, request_id: res.locals.requestId, path: req.path }, 'request failed');
    }
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.toJSON(req.originalUrl)));
  };
}

function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.too.large':
      return new ProblemError({ status: 413, code: 'body_too_large', title: 'Request body too large' });
    case 'entity.parse.failed':
      return new ProblemError({ status: 400, code: 'body_malformed', title: 'Request body is not valid JSON' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemError({ status: 415, code: 'unsupported_encoding', title: 'Unsupported body encoding' });
    default:
      return new ProblemError({ status: 500, code: 'internal_error', title: 'Internal error' });
  }
}
