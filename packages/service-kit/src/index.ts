export { baseConfigSchema, ConfigError, csv, loadConfig, port, TOPIC_NAMESPACE } from './config.ts';
export { type CheckResult, type ReadinessCheck, runChecks } from './health.ts';
export { createHttpApp, type HttpAppOptions } from './http-app.ts';
export { createLogger, type Logger, payoutLogger } from './logger.ts';
export { createMetrics, type ServiceMetrics } from './metrics.ts';
export { type FieldError, PROBLEM_CONTENT_TYPE, ProblemError, problems } from './problem.ts';
export { type RateLimitOptions, rateLimit } from './rate-limit.ts';
export { type Closable, listen, onShutdown } from './shutdown.ts';
