import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** Where the real infrastructure of a test run lives. */
export interface InfraEndpoints {
  readonly kafkaBrokers: readonly string[];
  readonly schemaRegistryUrl: string;
  /** Server URL without a database name, e.g. postgres://postgres@127.0.0.1:5432 */
  readonly postgresUrl: string;
  readonly source: 'env' | 'infra-up' | 'testcontainers';
  readonly kafkaVersion?: string;
  readonly registryVersion?: string;
  readonly postgresVersion?: string;
}

export class InfraUnavailableError extends Error {
  readonly code = 'infra_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'InfraUnavailableError';
  }
}

type Env = Record<string, string | undefined>;

export function repoRoot(from = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'turbo.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no turbo.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Endpoints named by env first, then what `npm run infra:up` recorded in .infra/endpoints.json. */
export function configuredEndpoints(env: Env = process.env): InfraEndpoints | undefined {
  if (env.KAFKA_BROKERS && env.SCHEMA_REGISTRY_URL && env.DATABASE_URL) {
    return {
      kafkaBrokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()),
      schemaRegistryUrl: env.SCHEMA_REGISTRY_URL,
      postgresUrl: env.DATABASE_URL,
      source: 'env',
    };
  }
  const file = path.join(repoRoot(), '.infra', 'endpoints.json');
  if (!existsSync(file)) return undefined;
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Omit<InfraEndpoints, 'source'>;
  return { ...recorded, source: 'infra-up' };
}

const PROBE_TIMEOUT_MS = 3_000;

function probeTcp(hostPort: string): Promise<string | undefined> {
  const [host = '127.0.0.1', portText = '9092'] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(portText), timeout: PROBE_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(`Kafka broker ${hostPort} did not answer within ${PROBE_TIMEOUT_MS} ms`);
    });
    socket.once('error', (error) => resolve(`Kafka broker ${hostPort} is unreachable (${error.message})`));
  });
}

async function probeRegistry(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return res.ok ? undefined : `schema registry ${url} answered HTTP ${res.status}`;
  } catch (error) {
    return `schema registry ${url} is unreachable (${(error as Error).message})`;
  }
}

async function probePostgres(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL ${url} is unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Every reason the endpoints cannot be used; empty when Kafka, the registry and PostgreSQL all answer. */
export async function probe(endpoints: InfraEndpoints): Promise<string[]> {
  const results = await Promise.all([
    ...endpoints.kafkaBrokers.map(probeTcp),
    probeRegistry(endpoints.schemaRegistryUrl),
    probePostgres(endpoints.postgresUrl),
  ]);
  return results.filter((r): r is string => r !== undefined);
}
