import { z } from 'zod';

/** Raised when the environment does not satisfy a service's config schema; names every offending variable. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Parses the environment once into a frozen, typed object. Keys of the schema are the env variable names,
 * so a bad or missing variable is reported by the exact name an operator has to set.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): Readonly<z.infer<S>> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return Object.freeze(parsed.data);
}

/** A TCP port given as an env string. */
export const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);

/** A comma-separated env list (e.g. KAFKA_BROKERS). */
export const csv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );

/**
 * A topic namespace: a short lowercase label that prefixes every Kafka topic name (`test.payouts.requested.v1`), so
 * tests, benchmarks and the demo never share topics with a developer's stack. Short enough that the longest topic name
 * with its `.dlq` stays far below Kafka's 249 characters; no `_`, which Kafka confuses with `.` in metric names.
 * Defined here, the lowest package, because the env variable is validated here and every other package can reach it.
 */
export const TOPIC_NAMESPACE = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** The env variables every service shares: where the infrastructure is and how loud to log. */
export const baseConfigSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: csv('127.0.0.1:9092'),
  /** Empty (the default) is the production topic names; see TOPIC_NAMESPACE. */
  KAFKA_TOPIC_NAMESPACE: z
    .union([z.literal(''), z.string().regex(TOPIC_NAMESPACE, `must match ${TOPIC_NAMESPACE.source} or be empty`)])
    .default(''),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://postgres@127.0.0.1:5432'),
});
