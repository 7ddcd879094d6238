import { baseConfigSchema, loadConfig } from '@sluice/service-kit';
import { z } from 'zod';
import { isTimeZone } from './domain/effective-date.ts';

/** Every env variable the ledger reads (plus LOG_LEVEL, KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL from the base). */
export const ledgerConfigSchema = baseConfigSchema.extend({
  /** 0 picks a free port (tests and in-process demos read it back from the handles). */
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(7005),
  HTTP_HOST: z.string().default('127.0.0.1'),
  LEDGER_DB_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('sluice_ledger'),
  LEDGER_DB_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  LEDGER_CONSUMER_GROUP: z.string().min(1).default('ledger'),
  /** Manual postings above this amount, in major units of their currency, need two approvers. */
  LEDGER_DUAL_APPROVAL_THRESHOLD: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})(\.[0-9]{1,18})?$/, 'a decimal amount in major units, e.g. 10000 or 2500.50')
    .default('10000'),
  /** IANA zone whose calendar gives entries their effective (accounting) date. */
  LEDGER_BUSINESS_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'an IANA time zone, e.g. UTC or Europe/Berlin')
    .default('UTC'),
  /** How long a verified operator key is trusted from memory (a revocation takes effect within it). */
  LEDGER_OPERATOR_KEY_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
});

export type LedgerConfig = Readonly<z.infer<typeof ledgerConfigSchema>>;

/** Parses the ledger's configuration from `env` once; names every bad variable. */
export const loadLedgerConfig = (env: Record<string, string | undefined> = process.env): LedgerConfig =>
  loadConfig(ledgerConfigSchema, env);
