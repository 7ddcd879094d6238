import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths redacted everywhere: secrets must never reach a log line even when a whole request or config is logged.
 * pino's redaction is path-based, so the common header and field names are listed explicitly.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-pay-signature"]',
  'headers.authorization',
  'authorization',
  'password',
  'secret',
  'apiKey',
  'api_key',
  '*.secret',
  '*.password',
  '*.apiKey',
  '*.api_key',
];

/**
 * JSON logger for a service. Every line carries `service`; handlers add `payout_id` and `correlation_id` with
 * `logger.child(...)` so one payout can be followed across services.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}

/** The trace fields every payout-related log line carries (snake_case so they match the event envelope). */
export function payoutLogger(logger: Logger, ids: { payoutId?: string | null; correlationId?: string | null }): Logger {
  return logger.child({ payout_id: ids.payoutId ?? undefined, correlation_id: ids.correlationId ?? undefined });
}
