import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { InfraError } from './errors.ts';
import { type InfraSettings, LOOPBACK } from './settings.ts';
import { waitFor } from './wait.ts';

const execFileAsync = promisify(execFile);

/** One database per service (ARCHITECTURE.md §2), created by `up` when missing. */
export const SERVICE_DATABASES = [
  'sluice_intake',
  'sluice_compliance',
  'sluice_dispatch',
  'sluice_webhook_gateway',
  'sluice_ledger',
  'sluice_reconciliation',
  'sluice_console',
  'sluice_provider_sandbox',
] as const;

/** PostgreSQL as `up` found it. */
export interface PostgresReady {
  /** Server URL without a database, e.g. postgres://postgres@127.0.0.1:5432 */
  readonly url: string;
  readonly version: string;
  readonly createdDatabases: readonly string[];
}

const CONNECT_TIMEOUT_MS = 3_000;
const PG_LSCLUSTERS = '/usr/bin/pg_lsclusters';
const PG_CTLCLUSTER = '/usr/bin/pg_ctlcluster';
/** SQLSTATE 42P04: a concurrent `up` created the database between our check and our CREATE. */
const DUPLICATE_DATABASE = '42P04';

/** The server URL services append `/<database>` to. No password: local trust auth, and secrets stay out of files. */
export const postgresUrl = (settings: InfraSettings) =>
  `postgres://${encodeURIComponent(settings.postgres.user)}@${settings.postgres.host}:${settings.postgres.port}`;

function client(settings: InfraSettings): pg.Client {
  const { host, port, user } = settings.postgres;
  return new pg.Client({ host, port, user, database: 'postgres', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
}

/** The server version (e.g. "15.20"), or the connection error's message. */
export async function postgresVersion(settings: InfraSettings): Promise<{ version: string } | { error: string }> {
  const connection = client(settings);
  try {
    await connection.connect();
    const result = await connection.query<{ server_version: string }>('SHOW server_version');
    return { version: result.rows[0]?.server_version.split(' ')[0] ?? 'unknown' };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** A Debian PostgreSQL cluster (`pg_lsclusters`): version, name, port and whether it runs. */
interface LocalCluster {
  readonly version: string;
  readonly name: string;
  readonly port: number;
  readonly online: boolean;
}

/** The machine's Debian clusters, or none when postgresql-common is not installed. */
async function localClusters(): Promise<LocalCluster[]> {
  if (!existsSync(PG_LSCLUSTERS)) return [];
  try {
    const { stdout } = await execFileAsync(PG_LSCLUSTERS, ['--no-header'], { timeout: 10_000 });
    return stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((columns) => columns.length >= 4)
      .map(([version = '', name = '', port = '', status = '']) => ({
        version,
        name,
        port: Number(port),
        online: status.startsWith('online'),
      }));
  } catch {
    return [];
  }
}

const startCommand = (cluster: Pick<LocalCluster, 'version' | 'name'>) =>
  `pg_ctlcluster --skip-systemctl-redirect ${cluster.version} ${cluster.name} start`;

/**
 * Starts the machine's own cluster when PostgreSQL is local and does not answer. `up` did not install it and
 * `down` never stops it; starting it only spares a person a manual step.
 */
async function tryStartLocalCluster(settings: InfraSettings, log: (line: string) => void): Promise<boolean> {
  const { host, port } = settings.postgres;
  if (host !== LOOPBACK && !host.startsWith('/')) return false;
  // Only the stopped cluster that serves the configured port: starting another one would not help.
  const cluster = (await localClusters()).find((candidate) => candidate.port === port && !candidate.online);
  if (cluster === undefined) return false;
  log(`[postgres] not answering; trying: ${startCommand(cluster)}`);
  try {
    await execFileAsync(PG_CTLCLUSTER, ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start'], {
      timeout: 60_000,
    });
  } catch (error) {
    log(`[postgres] ${startCommand(cluster)} failed: ${(error as Error).message.split('\n')[0]}`);
    return false;
  }
  const ready = await waitFor(async () => 'version' in (await postgresVersion(settings)), {
    timeoutMs: 30_000,
    intervalMs: 500,
  });
  return ready.ok;
}

async function createMissingDatabases(settings: InfraSettings): Promise<string[]> {
  const connection = client(settings);
  await connection.connect();
  try {
    const existing = await connection.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname = ANY($1)',
      [[...SERVICE_DATABASES]],
    );
    const present = new Set(existing.rows.map((row) => row.datname));
    const created: string[] = [];
    for (const name of SERVICE_DATABASES.filter((db) => !present.has(db))) {
      try {
        // Identifiers cannot be bound parameters; names come from the constant above, never from input.
        await connection.query(`CREATE DATABASE "${name}"`);
        created.push(name);
      } catch (error) {
        if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
      }
    }
    return created;
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** Checks that PostgreSQL answers (starting the local cluster if it can), and creates the service databases. */
export async function ensurePostgres(settings: InfraSettings, log: (line: string) => void): Promise<PostgresReady> {
  const url = postgresUrl(settings);
  let probe = await postgresVersion(settings);
  if ('error' in probe && (await tryStartLocalCluster(settings, log))) probe = await postgresVersion(settings);
  if ('error' in probe) {
    const [cluster = { version: '<version>', name: 'main' }] = await localClusters();
    throw new InfraError(
      'postgres_unavailable',
      `PostgreSQL at ${url} does not answer (${probe.error}). Start the machine's server, e.g. ` +
        `\`${startCommand(cluster)}\`, or point PGHOST/PGPORT/PGUSER at a running one.`,
    );
  }
  const createdDatabases = await createMissingDatabases(settings);
  const created = createdDatabases.length > 0 ? `; created ${createdDatabases.join(', ')}` : '';
  log(`[postgres] PostgreSQL ${probe.version} at ${url}${created}`);
  return { url, version: probe.version, createdDatabases };
}
