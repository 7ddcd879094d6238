import { readEndpoints } from './infra/index.ts';

export interface CliEndpoints {
  readonly kafkaBrokers: string[];
  readonly schemaRegistryUrl: string;
  readonly postgresUrl: string;
}

/** Env first (an operator pointing the CLI at another stack), then what `sluice up` recorded. */
export function resolveEndpoints(env = process.env): CliEndpoints {
  const recorded = readEndpoints();
  const kafkaBrokers = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()) ?? recorded?.kafkaBrokers;
  const schemaRegistryUrl = env.SCHEMA_REGISTRY_URL ?? recorded?.schemaRegistryUrl;
  const postgresUrl = env.DATABASE_URL ?? recorded?.postgresUrl;
  if (!kafkaBrokers || !schemaRegistryUrl || !postgresUrl) {
    throw new Error(
      'no infrastructure endpoints: run `npm run infra:up` or set KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL',
    );
  }
  return { kafkaBrokers: [...kafkaBrokers], schemaRegistryUrl, postgresUrl };
}
