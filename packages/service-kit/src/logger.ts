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
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    bufferedStdout(),
  );
}

const FLUSH_EVERY_MS = 200;
let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Standard output written in blocks of 8 KiB or more rather than one write system call per line: at a thousand
 * payouts a second, a line per payout per service made those calls a tenth of a service's CPU. Lines wait at most
 * FLUSH_EVERY_MS, and whatever is buffered is written synchronously when the process exits.
 */
function bufferedStdout(): ReturnType<typeof pino.destination> {
  if (stdout) return stdout;
  const destination = pino.destination({ dest: 1, minLength: 8_192, sync: false });
  setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
  process.once('exit', () => destination.flushSync());
  stdout = destination;
  return destination;
}

/** The trace fields every payout-related log line carries (snake_case so they match the event envelope). */
export function payoutLogger(logger: Logger, ids: { payoutId?: string | null; correlationId?: string | null }): Logger {
  return logger.child({ payout_id: ids.payoutId ?? undefined, correlation_id: ids.correlationId ?? undefined });
}
