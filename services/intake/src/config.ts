import { baseConfigSchema, loadConfig } from '@sluice/service-kit';
import { z } from 'zod';
import { MIN_KEY_TTL_HOURS } from './domain/idempotency.ts';

/** Every env variable intake reads (plus LOG_LEVEL, KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL from the base). */
export const intakeConfigSchema = baseConfigSchema.extend({
  /** 0 picks a free port (tests and in-process demos read it back from the handles). */
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(7001),
  HTTP_HOST: z.string().default('127.0.0.1'),
  INTAKE_DB_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('sluice_intake'),
  INTAKE_DB_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  /** Admission statements in flight at once (each carries the requests that arrived meanwhile); below the pool size. */
  INTAKE_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Program a payout belongs to until compliance resolves it from the corridor. */
  INTAKE_DEFAULT_PROGRAM: z.string().min(1).default('sandbox-global'),
  /** How long an idempotency key protects against a duplicate payout (at least 24 h). */
  INTAKE_IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(MIN_KEY_TTL_HOURS)
    .max(24 * 90)
    .default(7 * 24),
  /** Sustained requests per second per API key, and the burst above it. */
  INTAKE_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(100),
  INTAKE_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(200),
  /** How long a verified API key record is trusted from memory (a revocation takes effect within it). */
  INTAKE_API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  INTAKE_CONSUMER_GROUP: z.string().min(1).default('intake'),
});

export type IntakeConfig = Readonly<z.infer<typeof intakeConfigSchema>>;

/** Parses intake's configuration from `env` once; names every bad variable. */
export const loadIntakeConfig = (env: Record<string, string | undefined> = process.env): IntakeConfig =>
  loadConfig(intakeConfigSchema, env);
