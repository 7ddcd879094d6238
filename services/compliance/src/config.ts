import { baseConfigSchema, loadConfig } from '@sluice/service-kit';
import { z } from 'zod';

/** Every env variable compliance reads (plus LOG_LEVEL, KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL from the base). */
export const complianceConfigSchema = baseConfigSchema
  .extend({
    /** 0 picks a free port (tests and in-process demos read it back from the handles). */
    HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(7002),
    HTTP_HOST: z.string().default('127.0.0.1'),
    COMPLIANCE_DB_NAME: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .default('sluice_compliance'),
    COMPLIANCE_DB_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
    COMPLIANCE_CONSUMER_GROUP: z.string().min(1).default('compliance'),
    /** Program files (default <repo>/config/programs); a bad file stops start-up. */
    COMPLIANCE_PROGRAMS_DIR: z.string().min(1).optional(),
    /** Sanctions list files (default <repo>/data/screening). */
    COMPLIANCE_SCREENING_DIR: z.string().min(1).optional(),
    /** KYT risk scores (0–100) from which a payout is held, and denied. */
    COMPLIANCE_KYT_HOLD_SCORE: z.coerce.number().int().min(1).max(100).default(70),
    COMPLIANCE_KYT_DENY_SCORE: z.coerce.number().int().min(1).max(100).default(90),
    /** How often open holds are checked against their SLA deadline. */
    COMPLIANCE_SLA_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    COMPLIANCE_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
    COMPLIANCE_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(100),
  })
  .refine((c) => c.COMPLIANCE_KYT_HOLD_SCORE < c.COMPLIANCE_KYT_DENY_SCORE, {
    message: 'COMPLIANCE_KYT_HOLD_SCORE must be below COMPLIANCE_KYT_DENY_SCORE',
    path: ['COMPLIANCE_KYT_HOLD_SCORE'],
  });

export type ComplianceConfig = Readonly<z.infer<typeof complianceConfigSchema>>;

/** Parses compliance's configuration from `env` once; names every bad variable. */
export const loadComplianceConfig = (env: Record<string, string | undefined> = process.env): ComplianceConfig =>
  loadConfig(complianceConfigSchema, env);
