import { DEFAULT_TOPIC_PARTITIONS } from '@sluice/messaging';
import { InfraError } from './errors.ts';

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Apicurio Registry release fetched from Maven Central (`io.apicurio:apicurio-registry-app:<v>:tar.gz:all`). */
export const REGISTRY_VERSION = '3.3.3';

/** Kafka and the registry bind to loopback only; `localhost` may resolve to ::1 and is never used. */
export const LOOPBACK = '127.0.0.1';

/** Ports, addresses and sizes of the local infrastructure, read once from env. */
export interface InfraSettings {
  readonly host: typeof LOOPBACK;
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  readonly registryPort: number;
  readonly registryManagementPort: number;
  readonly topicPartitions: number;
  readonly postgres: { readonly host: string; readonly port: number; readonly user: string };
}

const MAX_PARTITIONS = 256;

function integerSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InfraError('invalid_setting', `${name}=${raw} is not an integer between ${min} and ${max}`);
  }
  return value;
}

const port = (env: Env, name: string, fallback: number) => integerSetting(env, name, fallback, 1, 65_535);

/** Settings from env with the documented defaults (ARCHITECTURE.md §2); throws `invalid_setting` on bad values. */
export function readInfraSettings(env: Env): InfraSettings {
  const pgHost = env.PGHOST?.trim() || LOOPBACK;
  if (pgHost === 'localhost') {
    throw new InfraError('invalid_setting', 'PGHOST=localhost: use 127.0.0.1 (localhost may resolve to ::1)');
  }
  return {
    host: LOOPBACK,
    kafkaPort: port(env, 'KAFKA_PORT', 9092),
    kafkaControllerPort: port(env, 'KAFKA_CONTROLLER_PORT', 9093),
    registryPort: port(env, 'SCHEMA_REGISTRY_PORT', 8081),
    registryManagementPort: port(env, 'SCHEMA_REGISTRY_MANAGEMENT_PORT', 9000),
    topicPartitions: integerSetting(env, 'SLUICE_TOPIC_PARTITIONS', DEFAULT_TOPIC_PARTITIONS, 1, MAX_PARTITIONS),
    postgres: { host: pgHost, port: port(env, 'PGPORT', 5432), user: env.PGUSER?.trim() || 'postgres' },
  };
}
