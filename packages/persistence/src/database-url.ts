import pg from 'pg';

/** The URL of database `dbName` on the server named by `serverUrl` (whatever database that URL names). */
export function databaseUrl(serverUrl: string, dbName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

const DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates the service's own database when missing. Each service owns one database (`sluice_<service>`); this runs at
 * start-up so a fresh machine needs no manual step. Concurrent starters race harmlessly (duplicate_database is ok).
 */
export async function ensureDatabase(serverUrl: string, dbName: string): Promise<void> {
  if (!DB_NAME.test(dbName)) throw new Error(`invalid database name ${JSON.stringify(dbName)}`);
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [dbName]);
    if (found.rowCount === 0) {
      await client.query(`create database "${dbName}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // another process created it first
      });
    }
  } finally {
    await client.end();
  }
}
