import { baseConfigSchema, loadConfig } from '@sluice/service-kit';
import { z } from 'zod';
import { parseOperatorKeys } from './adapters/http/operator-keys.ts';

const ms = (fallback: number, min = 0, max = 86_400_000) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Every env variable dispatch reads (plus LOG_LEVEL, KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL from the base). */
export const dispatchConfigSchema = baseConfigSchema.extend({
  /** 0 picks a free port (tests and in-process demos read it back from the handles). */
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(7003),
  HTTP_HOST: z.string().default('127.0.0.1'),
  DISPATCH_DB_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('sluice_dispatch'),
  DISPATCH_DB_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  DISPATCH_CONSUMER_GROUP: z.string().min(1).default('dispatch'),
  /**
   * Where a consumer group without committed offsets starts: the beginning (default: a new group must not skip
   * payouts) or the end (a throwaway instance that must ignore what the topics already hold).
   */
  DISPATCH_CONSUMER_FROM_BEGINNING: z.stringbool().default(true),
  /** Directory of the program files (corridor → provider); the repository's config/programs by default. */
  PROGRAMS_DIR: z.string().min(1).optional(),
  /** The provider simulator (services/provider-sandbox). */
  SANDBOX_URL: z.url().default('http://127.0.0.1:7010'),
  SANDBOX_API_KEY: z.string().min(8).default('sbx_test_key_local'),
  /** Whole provider call timeout; a create that times out is `unknown` (never re-sent under a new key). */
  DISPATCH_PROVIDER_TIMEOUT_MS: ms(3_000, 100, 120_000),
  /** Margin beyond the provider timeout after which a call with no recorded answer is presumed dead → `unknown`. */
  DISPATCH_LEASE_MARGIN_MS: ms(10_000, 100, 600_000),
  DISPATCH_TICK_MS: ms(250, 10, 60_000),
  /**
   * Provider calls in flight at once, over all providers (answered calls whose outcome is not recorded yet are bounded
   * by as many again). Sends per second are at most this over the provider's latency: 64 over the sandbox's 0.2–0.3 s
   * under the end-to-end benchmark's load made 100 settled/s where 32 made 84.
   */
  DISPATCH_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1_000).default(64),
  DISPATCH_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
  /** Age in pending / unknown before the first poll, and the base of the poll backoff. */
  DISPATCH_POLL_AFTER_MS: ms(5_000, 10),
  DISPATCH_POLL_MAX_MS: ms(300_000, 10),
  /** How long an `unknown` payout the provider has no record of waits before the same bytes are re-sent (same key). */
  DISPATCH_UNKNOWN_RESEND_AFTER_MS: ms(60_000, 0),
  /** How long after `confirmed` payouts are still polled for a reversal when callbacks are missing (0: never). */
  DISPATCH_REVERSAL_WATCH_MS: ms(3_600_000, 0),
  DISPATCH_FUNDING_CHECK_MS: ms(10_000, 10),
  /** Backoff of sends that provably did not reach the provider (breaker open, 429, connection refused). */
  DISPATCH_RETRY_BASE_MS: ms(1_000, 10),
  DISPATCH_RETRY_MAX_MS: ms(60_000, 10),
  DISPATCH_BREAKER_ERROR_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
  DISPATCH_BREAKER_VOLUME: z.coerce.number().int().min(1).max(1_000).default(5),
  DISPATCH_BREAKER_WINDOW_MS: ms(10_000, 100),
  DISPATCH_BREAKER_RESET_MS: ms(10_000, 10),
  /**
   * Operator credentials: comma-separated `<operator id>:<role>:<sha256 hex of the token>` (roles: viewer,
   * payout_support, incident_response, admin). Empty: the operator API answers 401 to everyone.
   */
  DISPATCH_OPERATOR_KEYS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const parsed = parseOperatorKeys(value);
      if ('keys' in parsed) return parsed.keys;
      for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }),
});

export type DispatchConfig = Readonly<z.infer<typeof dispatchConfigSchema>>;

/** Parses dispatch's configuration from `env` once; names every bad variable. */
export const loadDispatchConfig = (env: Record<string, string | undefined> = process.env): DispatchConfig =>
  loadConfig(dispatchConfigSchema, env);
