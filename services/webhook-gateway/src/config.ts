import { baseConfigSchema, loadConfig } from '@sluice/service-kit';
import { z } from 'zod';
import { keysFromEnv } from './domain/key-set.ts';
import { parseProviders } from './domain/provider.ts';
import { DEFAULT_TOLERANCE_S } from './domain/timestamp-window.ts';

const ONE_DAY_S = 86_400;

/**
 * Every env variable the gateway reads (plus LOG_LEVEL, KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL from the
 * base). Secrets are not in here: `WEBHOOK_SECRET_<PROVIDER>_<KEYID>` variables and `WEBHOOK_SECRETS_FILE` are read
 * by the key source, so a logged config can never carry one.
 */
export const webhookGatewayConfigSchema = baseConfigSchema.extend({
  /** 0 picks a free port (tests and in-process demos read it back from the handles). */
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(7004),
  HTTP_HOST: z.string().default('127.0.0.1'),
  WEBHOOK_DB_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('sluice_webhook_gateway'),
  WEBHOOK_DB_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  /** `name:scheme` pairs; schemes: x-pay, standard-webhooks, stripe, hmac-body, token. */
  WEBHOOK_PROVIDERS: z
    .string()
    .default('sandbox:x-pay')
    .transform((text, ctx) => {
      const specs = parseProviders(text);
      if (typeof specs === 'string') {
        ctx.addIssue({ code: 'custom', message: specs });
        return z.NEVER;
      }
      return specs;
    }),
  /** How old a signed timestamp may be. */
  WEBHOOK_TOLERANCE_S: z.coerce.number().int().min(1).max(ONE_DAY_S).default(DEFAULT_TOLERANCE_S),
  /** How far ahead of our clock a signed timestamp may be. */
  WEBHOOK_FUTURE_TOLERANCE_S: z.coerce.number().int().min(0).max(ONE_DAY_S).default(DEFAULT_TOLERANCE_S),
  /** Largest callback body accepted (413 above it, before any signature work). */
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(1_048_576).default(65_536),
  /** JSON file of keys with validity windows (see docs/runbooks/webhooks.md); re-read when it changes. */
  WEBHOOK_SECRETS_FILE: z.string().min(1).optional(),
  /** How often the secrets file is checked for changes; 0 only reloads on SIGHUP. */
  WEBHOOK_SECRETS_RELOAD_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** Archive transactions in flight at once (each batches the callbacks that arrived meanwhile); below the pool size. */
  WEBHOOK_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Callbacks per second (and burst) accepted from one source address. */
  WEBHOOK_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(2_000),
  WEBHOOK_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(4_000),
  /** Operator keys for the read API, as `keyid:sha256hex` pairs (hashed at rest; the plaintext is never stored). */
  WEBHOOK_OPERATOR_KEYS: z.string().default(''),
  /** Rejections are kept this long (they can be produced by anyone on the internet). */
  WEBHOOK_REJECTION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
});

export type WebhookGatewayConfig = Readonly<z.infer<typeof webhookGatewayConfigSchema>> & {
  /** The env the keys come from (`WEBHOOK_SECRET_*`); kept by reference, read only by the key source. */
  readonly secretEnv: Readonly<Record<string, string | undefined>>;
};

/** Parses the gateway's configuration from `env` once; names every bad variable (never a secret's value). */
export function loadWebhookGatewayConfig(env: Record<string, string | undefined> = process.env): WebhookGatewayConfig {
  const parsed = loadConfig(webhookGatewayConfigSchema, env);
  keysFromEnv(env); // fail at start, not at the first callback, when a WEBHOOK_SECRET_* variable is unusable
  const secretEnv = Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('WEBHOOK_SECRET_')));
  // Not enumerable: spreading or logging the config never carries the secrets along.
  return Object.freeze(
    Object.defineProperty({ ...parsed }, 'secretEnv', { value: Object.freeze(secretEnv), enumerable: false }),
  ) as WebhookGatewayConfig;
}
