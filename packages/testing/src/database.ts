import pg from 'pg';
import { uniqueName } from './names.ts';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database for one suite (PostgreSQL names are limited to 63 bytes) and drops it afterwards. */
export async function freshDatabase(postgresUrl: string, prefix: string): Promise<TestDatabase> {
  const name = uniqueName(`t_${prefix}`).replaceAll('-', '_').toLowerCase().slice(0, 63);
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
