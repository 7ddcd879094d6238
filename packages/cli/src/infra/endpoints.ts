import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Where the infrastructure started by `up` answers; written to .infra/endpoints.json for tests and services. */
export interface InfraEndpoints {
  readonly kafkaBrokers: string[];
  /** Confluent-compatible API base, e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  readonly schemaRegistryUrl: string;
  /** Server URL without a database name, e.g. postgres://postgres@127.0.0.1:5432 */
  readonly postgresUrl: string;
  readonly kafkaVersion: string;
  readonly registryVersion: string;
  readonly postgresVersion: string;
}

const STRING_FIELDS = [
  'schemaRegistryUrl',
  'postgresUrl',
  'kafkaVersion',
  'registryVersion',
  'postgresVersion',
] as const satisfies readonly (keyof InfraEndpoints)[];

/** Writes the endpoints file atomically, so a reader never sees half a file. */
export function writeEndpointsFile(file: string, endpoints: InfraEndpoints): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(endpoints, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The endpoints in `file`, or undefined when it is missing or not an endpoints object. */
export function readEndpointsFile(file: string): InfraEndpoints | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const brokers = record.kafkaBrokers;
  if (!Array.isArray(brokers) || !brokers.every((broker) => typeof broker === 'string')) return undefined;
  if (!STRING_FIELDS.every((field) => typeof record[field] === 'string')) return undefined;
  return record as unknown as InfraEndpoints;
}
