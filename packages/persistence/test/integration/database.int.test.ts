// Risk retired: a service starts against a database that lacks its schema, or a transaction half-commits.
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { freshDatabase, requireInfra, type TestDatabase } from '@sluice/testing';
import { type Database, openDatabase, preparedOn } from '../../src/index.ts';

const Note = defineEntity({
  name: 'Note',
  tableName: 'note',
  properties: { id: p.integer().primary().autoincrement(), body: p.text(), amountMinor: p.bigint() },
});

class NoteTableMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table note (id serial primary key, body text not null, amount_minor bigint not null)');
  }
}

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('openDatabase', () => {
  let scratch: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    scratch = await freshDatabase(infra!.postgresUrl, 'persistence');
    db = await openDatabase({
      serverUrl: infra!.postgresUrl,
      dbName: scratch.name,
      entities: [Note],
      migrations: [{ name: '0001_note', migration: NoteTableMigration }],
    });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('applies the messaging and service migrations at start-up, once', async () => {
    const applied = await db.fork().execute<{ name: string }[]>('select name from mikro_orm_migrations order by id');
    expect(applied.map((row) => row.name)).toEqual(['0000_messaging_tables', '0001_note']);
    const again = await openDatabase({
      serverUrl: infra!.postgresUrl,
      dbName: scratch.name,
      entities: [Note],
      migrations: [{ name: '0001_note', migration: NoteTableMigration }],
    });
    await again.close();
    const count = await db.fork().execute<{ n: string }[]>('select count(*) as n from mikro_orm_migrations');
    expect(Number(count[0]!.n)).toBe(2);
  });

  it('writes and reads a row through MikroORM, bigint intact', async () => {
    const big = 9_007_199_254_740_993n; // 2^53 + 1: not representable as a double
    await db.transaction(async (em) => {
      em.create(Note, { body: 'hello', amountMinor: big });
    });
    const found = await db.fork().findOneOrFail(Note, { body: 'hello' });
    expect(found.amountMinor).toBe(big);
  });

  it('rolls the whole transaction back when the work throws', async () => {
    await expect(
      db.transaction(async (em) => {
        await em.execute('insert into note (body, amount_minor) values (?, ?)', ['half', 1]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.fork().count(Note, { body: 'half' })).toBe(0);
  });

  it('runs prepared statements on the pool: values typed by casts, a Buffer as binary, one text run twice', async () => {
    const run = preparedOn(await db.pool());
    const insert =
      'insert into note (body, amount_minor) values (?, ?::bigint), (?, ?::bigint) returning body, amount_minor::text as amount';
    expect(await run(insert, ['a note', 9_007_199_254_740_993n, "it's", 1n])).toEqual([
      { body: 'a note', amount: '9007199254740993' },
      { body: "it's", amount: '1' },
    ]);
    expect((await run(insert, ['third', 3n, 'fourth', 4n])).map((row) => row.body)).toEqual(['third', 'fourth']);
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(await run('select ?::bytea as raw, length(?::bytea) as n', [bytes, bytes])).toEqual([{ raw: bytes, n: 4 }]);
  });
});
