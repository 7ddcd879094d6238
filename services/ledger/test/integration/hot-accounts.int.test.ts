// Risk retired: concurrent postings on the same hot accounts deadlock or lose a balance update.
import { requireInfra } from '@sluice/testing';
import { v7 as uuidv7 } from 'uuid';
import { SqlAccountDirectory } from '../../src/adapters/db/account.store.ts';
import { sqlTransactions } from '../../src/adapters/db/transactions.ts';
import type { AccountRecord } from '../../src/app/ports.ts';
import { postEntry } from '../../src/app/post-entry.ts';
import { ACCOUNT_ROLES } from '../../src/domain/account.ts';
import type { AccountLine } from '../../src/domain/journal-entry.ts';
import { type LedgerUnderTest, openLedger } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const WORKERS = 12;
const POSTINGS_PER_WORKER = 60;

suite('concurrent postings on 10 hot accounts', () => {
  let l: LedgerUnderTest;
  beforeAll(async () => {
    l = await openLedger(infra!, undefined, { LEDGER_DB_POOL_MAX: String(WORKERS + 2) });
  });
  afterAll(async () => l?.close());

  it('never deadlocks and never loses an update', async () => {
    const directory = new SqlAccountDirectory(l.ledger.db);
    const keys = ['hot-a', 'hot-b'].flatMap((programId) =>
      ACCOUNT_ROLES.map((role) => ({ programId, provider: 'sandbox', currency: 'USD', role })),
    );
    const accounts: AccountRecord[] = [...(await directory.resolve(keys)).values()];
    expect(accounts).toHaveLength(10);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const transactions = sqlTransactions(l.ledger.db, l.ledger.messaging.outbox);
    const expected = new Map(accounts.map((a) => [a.id, { debits: 0n, credits: 0n }]));

    // Every entry touches 2-4 hot accounts in a random order, and a transaction posts 1-3 entries: without one global
    // lock order per transaction this deadlocks.
    const entry = (w: number, i: number, lines: AccountLine[]) => ({
      id: uuidv7(),
      entryType: 'adjustment' as const,
      causeEventId: uuidv7(),
      payoutId: null,
      providerReference: null,
      programId: null,
      reversesEntryId: null,
      effectiveDate: '2026-01-15',
      description: `hot ${w}/${i}`,
      correlationId: `hot-${w}`,
      causationId: null,
      postedBy: 'test',
      lines,
    });
    const randomLines = (w: number, i: number): AccountLine[] => {
      const picked = [...accounts].sort(() => Math.random() - 0.5).slice(0, 2 + ((w + i) % 3));
      const amount = BigInt(1 + ((w * 7919 + i * 104_729) % 997));
      return picked.map((a, index) => ({
        accountId: a.id,
        direction: index === 0 ? 'debit' : 'credit',
        amountMinor: index === 0 ? amount * BigInt(picked.length - 1) : amount,
        currency: 'USD',
      }));
    };
    let posted = 0;
    const worker = async (w: number) => {
      for (let i = 0; i < POSTINGS_PER_WORKER; i += 1) {
        const batch = Array.from({ length: 1 + ((w + i) % 3) }, (_, k) => randomLines(w, i * 3 + k));
        await transactions.run(async (tx) => {
          for (const lines of batch) await postEntry(tx, entry(w, i, lines), byId);
        });
        posted += batch.length;
        for (const line of batch.flat()) {
          const total = expected.get(line.accountId)!;
          if (line.direction === 'debit') total.debits += line.amountMinor;
          else total.credits += line.amountMinor;
        }
      }
    };
    const results = await Promise.allSettled(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const failures = results
      .filter((r) => r.status === 'rejected')
      .map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);

    const rows = await l.ledger.db
      .fork()
      .execute<{ id: string; debits_minor: string; credits_minor: string }[]>(
        'select id, debits_minor, credits_minor from accounts',
      );
    for (const row of rows) {
      const want = expected.get(row.id)!;
      expect({ id: row.id, debits: BigInt(row.debits_minor), credits: BigInt(row.credits_minor) }).toEqual({
        id: row.id,
        ...want,
      });
    }
    const report = await l.ledger.invariants();
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.entries).toBe(posted);
  });
});
