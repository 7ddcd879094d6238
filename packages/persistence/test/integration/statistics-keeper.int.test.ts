// Risk retired: on a server with autovacuum off, a service's tables never get planner statistics, and lookups by a
// list of ids are planned as sequential scans of the whole table (issue 11's end-to-end benchmark machine).
import { Migration } from '@mikro-orm/migrations';
import { freshDatabase, requireInfra, type TestDatabase, waitFor } from '@sluice/testing';
import { type Database, openDatabase, StatisticsKeeper } from '../../src/index.ts';

class ItemTableMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table item (id int primary key, body text not null)');
  }
}

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('StatisticsKeeper', () => {
  let scratch: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    scratch = await freshDatabase(infra!.postgresUrl, 'statistics');
    db = await openDatabase({
      serverUrl: infra!.postgresUrl,
      dbName: scratch.name,
      migrations: [{ name: '0001_item', migration: ItemTableMigration }],
    });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  const lastAnalyzed = async () =>
    (
      await db
        .fork()
        .execute<{ at: Date | null }[]>(
          "select coalesce(last_analyze, last_autoanalyze) as at from pg_stat_user_tables where relname = 'item'",
        )
    )[0]?.at ?? null;

  it('analyses a table once enough of it changed, and leaves it alone until it changes again', async () => {
    const keeper = new StatisticsKeeper({ db, onWarn: () => {} });
    await db.fork().execute("insert into item select i, 'x' from generate_series(1, 1000) i");
    // The server publishes a backend's change counts shortly after its transaction ends.
    let analysed: string[] = [];
    await waitFor(
      async () => {
        analysed = await keeper.analyseChanged();
        return analysed.includes('item');
      },
      { description: 'the changed table to be analysed', timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(await lastAnalyzed()).not.toBeNull();
    const [stats] = await db
      .fork()
      .execute<{ reltuples: number }[]>("select reltuples from pg_class where relname = 'item'");
    expect(Number(stats!.reltuples)).toBe(1000);
    expect(await keeper.analyseChanged()).not.toContain('item');
  });

  it('starts keeping statistics only where the server does not', async () => {
    const keeper = new StatisticsKeeper({ db, intervalMs: 60_000, onWarn: () => {} });
    const [setting] = await db.fork().execute<{ autovacuum: string }[]>('show autovacuum');
    expect(await keeper.start()).toBe(setting!.autovacuum === 'off');
    await keeper.stop();
  });
});
