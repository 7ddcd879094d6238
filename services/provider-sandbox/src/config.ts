import { getCurrency } from '@sluice/money';
import { baseConfigSchema, csv, loadConfig } from '@sluice/service-kit';
import { z } from 'zod';
import { MIN_SECRET_CHARS } from './app/switches.ts';

const ms = (fallback: number, max = 600_000) => z.coerce.number().int().min(0).max(max).default(fallback);
const flag = (fallback: boolean) => z.stringbool().default(fallback);

/** `CUR:amount_minor` pairs, e.g. `USDC:1000000000000,USD:100000000`. */
const initialBalances = z
  .string()
  .default('USDC:1000000000000,USDT:1000000000000,EURC:1000000000000,USD:100000000,EUR:100000000')
  .transform((value, ctx) => {
    const pairs: { currency: string; amountMinor: bigint }[] = [];
    for (const item of value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const match = /^([A-Z]{3,5}):([0-9]{1,18})$/.exec(item);
      if (!match?.[1] || !match[2] || !getCurrency(match[1])) {
        ctx.addIssue({ code: 'custom', message: `expected CUR:amount_minor with a known currency, got ${item}` });
        return z.NEVER;
      }
      pairs.push({ currency: match[1], amountMinor: BigInt(match[2]) });
    }
    return pairs;
  });

/** Every env variable the sandbox reads (KAFKA_* and SCHEMA_REGISTRY_URL from the base are ignored: no Kafka here). */
export const sandboxConfigSchema = baseConfigSchema.extend({
  /** 0 picks a free port (tests and in-process demos read it back from the handles). */
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(7010),
  HTTP_HOST: z.string().default('127.0.0.1'),
  SANDBOX_DB_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('sluice_provider_sandbox'),
  SANDBOX_DB_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  /** API keys accepted as `Authorization: Bearer <key>` (dev default only; set real ones outside a laptop). */
  SANDBOX_API_KEYS: csv('sbx_test_key_local').pipe(z.array(z.string().min(8)).min(1)),
  /** Starts with every API call answering 403, as if the provider revoked our credentials. */
  SANDBOX_CREDENTIALS_REVOKED: flag(false),
  /** Where signed callbacks are POSTed; unset keeps events but sends nothing. */
  SANDBOX_CALLBACK_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  SANDBOX_CALLBACK_SECRET: z.string().min(MIN_SECRET_CHARS).default('sbx_whsec_local_dev_only'),
  SANDBOX_CALLBACKS_ENABLED: flag(true),
  SANDBOX_CALLBACK_TIMEOUT_MS: ms(5_000, 60_000),
  SANDBOX_CALLBACK_BACKOFF_MS: ms(500, 60_000),
  SANDBOX_CALLBACK_MAX_BACKOFF_MS: ms(30_000, 3_600_000),
  SANDBOX_CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  /** Delay between scripted lifecycle steps (pending → processing → completed …). */
  SANDBOX_STEP_DELAY_MS: ms(300),
  /** When set above SANDBOX_STEP_DELAY_MS, each payout's step delay is seeded from its key within that range. */
  SANDBOX_STEP_DELAY_MAX_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** Step delay of the slow_success scenario. */
  SANDBOX_SLOW_STEP_DELAY_MS: ms(3_000),
  /** How long the timeout scenario holds its first answer: longer than any sane client timeout. */
  SANDBOX_TIMEOUT_DELAY_MS: ms(6_000),
  /** Latency added to every API call (not /healthz, /metrics or the admin API). */
  SANDBOX_LATENCY_MS: ms(0, 60_000),
  /** Seed of every derived id and fee: the same seed and idempotency key give the same payout id and fee. */
  SANDBOX_SEED: z.string().min(1).default('sluice-sandbox'),
  /** Balances a fresh database starts with (posted once, as keyed fundings). */
  SANDBOX_INITIAL_BALANCES: initialBalances,
  /** How often the lifecycle and delivery workers look for due work. */
  SANDBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(10_000).default(100),
});

export type SandboxConfig = Readonly<z.infer<typeof sandboxConfigSchema>>;

/** Parses the sandbox's configuration from `env` once; names every bad variable. */
export const loadSandboxConfig = (env: Record<string, string | undefined> = process.env): SandboxConfig =>
  loadConfig(sandboxConfigSchema, env);
