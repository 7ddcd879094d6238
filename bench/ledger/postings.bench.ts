// Postings per second on real PostgreSQL, in three modes, each with postings spread over 10,000 accounts and with all
// postings on 10 hot accounts:
// - `engine`: the journal's write path alone (postEntry: validate, entry + lines + commit marker in one statement, the
//   outbox row), one posting per transaction; at commit the deferred checks and the ordered balance update run.
//   This is the shape of the raw-SQL reference (4-7k/s and 1.3k/s).
// - `engine, chunked`: the same, several postings per transaction (balances still updated once, at commit).
// - `consumer`: what the status-changed consumer does: the runner's multi-row inbox insert, the handler's `prepare` (the
//   histories of the chunk's payouts in one read), per event the posting rules (a payout's history is read again once
//   the chunk has posted for it), the handler's `finish` (the chunk's entries and lines in one statement), and the
//   multi-row outbox insert.
// - `raw SQL reference`: bare tables, plain pg client, one posting per transaction (insert entry, insert lines, update
//   the accounts in id order, commit): what the machine does at the same moment without any ledger code, so a busy
//   machine can be told apart from a slow ledger.
// Run: npm run infra:up && node bench/ledger/postings.bench.ts [postings per run] [concurrent workers] [chunk size]
import { avroOptions, type LedgerEntryPostedV1, TOPICS } from '@sluice/contracts';
import { EventCodec, Outbox, type OutgoingEvent } from '@sluice/messaging';
import { type EntityManager, openDatabase } from '@sluice/persistence';
import { freshDatabase, requireInfra } from '@sluice/testing';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { SqlAccountDirectory } from '../../services/ledger/src/adapters/db/account.store.ts';
import {
  chunkLedgerTx,
  finishPayoutPostings,
  preparePayoutPostings,
} from '../../services/ledger/src/adapters/db/chunk-postings.ts';
import { checkInvariants } from '../../services/ledger/src/adapters/db/invariants.store.ts';
import { LEDGER_MIGRATIONS } from '../../services/ledger/src/adapters/db/migrations/index.ts';
import { sqlTransactions } from '../../services/ledger/src/adapters/db/transactions.ts';
import { toEntryPosted } from '../../services/ledger/src/adapters/kafka/entry-publisher.ts';
import type { AccountRecord } from '../../services/ledger/src/app/ports.ts';
import { postEntry } from '../../services/ledger/src/app/post-entry.ts';
import { postStatusChange } from '../../services/ledger/src/app/post-status-change.ts';
import { ACCOUNT_ROLES } from '../../services/ledger/src/domain/account.ts';
import type { LifecycleEvent } from '../../services/ledger/src/domain/lifecycle-event.ts';
import { machineInfo } from '../machine.ts';

const postings = Number(process.argv[2] ?? 8_000);
const workers = Number(process.argv[3] ?? 4);
const chunk = Number(process.argv[4] ?? 100);
const TOPIC = 'ledger.entries-posted.v1';
const infra = await requireInfra();
if (!infra) throw new Error('infrastructure not running: npm run infra:up');

/** Reserve then settle for each payout: every event posts one entry (reserve 2 lines, settle 4 lines with a fee). */
function events(scopes: readonly string[], count: number): LifecycleEvent[][] {
  const queues: LifecycleEvent[][] = Array.from({ length: workers }, () => []);
  for (let i = 0; i < count / 2; i += 1) {
    const programId = scopes[i % scopes.length]!;
    const base = {
      correlationId: `corr-${i}`,
      payoutId: `po-${programId}-${i}`,
      amountMinor: 1_000_000n + BigInt(i),
      currency: 'USDC',
      provider: 'sandbox',
      providerReference: `prv-${i}`,
      programId,
      shadow: false,
      conflict: false,
      occurredAtMs: Date.now(),
    };
    // A payout's events stay in order on one worker, as on one Kafka partition.
    const none = { settledAmountMinor: null, feeAmountMinor: null };
    const settled = { settledAmountMinor: base.amountMinor, feeAmountMinor: 250n };
    queues[i % workers]!.push(
      { ...base, ...none, eventId: uuidv7(), fromStatus: 'approved', toStatus: 'submitting' },
      { ...base, ...settled, eventId: uuidv7(), fromStatus: 'pending', toStatus: 'confirmed' },
    );
  }
  return queues;
}

/**
 * What the consumer runner and the status-changed handler do with one chunk, with the handler's own pieces: inbox rows,
 * the handler's prepare, each event through the chunk journal, outbox rows.
 */
async function handleChunk(
  em: EntityManager,
  outbox: Outbox,
  deps: Parameters<typeof postStatusChange>[0],
  batch: LifecycleEvent[],
) {
  await em.execute(
    `insert into inbox (event_id, topic, partition, "offset", event_type) values ${batch.map(() => "(?, 'payouts.status-changed.v1', 0, 0, 'payouts.status-changed')").join(', ')}`,
    batch.map((event) => event.eventId),
  );
  await preparePayoutPostings(
    em,
    batch.map((event) => event.payoutId),
  );
  const outgoing: OutgoingEvent[] = [];
  for (const event of batch) {
    const publisher = {
      async publish(entry: Parameters<typeof toEntryPosted>[0]) {
        const trace = { correlationId: event.correlationId, causationId: event.eventId, payoutId: event.payoutId };
        outgoing.push(outbox.event<LedgerEntryPostedV1>(TOPIC, toEntryPosted(entry), trace));
      },
    };
    const outcome = await postStatusChange(deps, chunkLedgerTx(em, publisher), event);
    if (outcome.kind !== 'posted') throw new Error(`expected a posting, got ${outcome.kind}`);
  }
  await finishPayoutPostings(em);
  await outbox.append(em, outgoing);
}

type Mode = 'engine' | 'engine, chunked' | 'consumer' | 'raw SQL reference';

/** The reference shape on bare tables with a plain pg pool: begin, entry, lines, ordered update, commit. */
async function rawReference(name: string, accountCount: number): Promise<string> {
  const scratch = await freshDatabase(infra!.postgresUrl, 'bledgerraw');
  const pool = new pg.Pool({ connectionString: scratch.url, max: workers });
  // An idle client's error (e.g. the server terminating it) must fail this run loudly, not crash the process unlabeled.
  pool.on('error', (error) => process.stderr.write(`raw reference pool: ${error.message}\n`));
  try {
    await pool.query(`create table accounts (id int primary key, debits bigint not null default 0, credits bigint not null default 0);
      create table entries (id uuid primary key, payout_id text, posted_at timestamptz not null default now());
      create table lines (entry_id uuid references entries, line_no int, account_id int references accounts,
        direction text, amount bigint, primary key (entry_id, line_no));
      insert into accounts (id) select generate_series(1, ${accountCount});`);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const client = await pool.connect();
        try {
          for (let i = 0; i < postings / workers; i += 1) {
            const n = w * postings + i;
            const [a, b] = [1 + ((n * 7) % accountCount), 1 + ((n * 7 + 3) % accountCount)].sort((x, y) => x - y);
            const id = uuidv7();
            await client.query('begin');
            await client.query('insert into entries (id, payout_id) values ($1, $2)', [id, `po-${n}`]);
            await client.query("insert into lines values ($1, 0, $2, 'debit', 100), ($1, 1, $3, 'credit', 100)", [
              id,
              a,
              b,
            ]);
            await client.query(
              `with locked as materialized (select id from accounts where id in ($1, $2) order by id for no key update)
               update accounts set debits = debits + case when id = $1 then 100 else 0 end,
                 credits = credits + case when id = $2 then 100 else 0 end
               where id in (select id from locked)`,
              [a, b],
            );
            await client.query('commit');
          }
        } finally {
          client.release();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rate = Math.round(postings / seconds).toLocaleString('en-US');
    return `| raw SQL reference | ${name} | ${accountCount.toLocaleString('en-US')} | 1 | ${postings} | ${workers} | ${seconds.toFixed(2)} s | **${rate}/s** |`;
  } finally {
    await pool.end();
    await scratch.drop();
  }
}

/** A reserve-shaped (2 lines) or settle-shaped (4 lines, with a fee) entry on one scope's accounts. */
function engineEntry(scope: ReadonlyMap<string, AccountRecord>, i: number) {
  const id = (role: string) => scope.get(role)!.id;
  const amountMinor = 1_000_000n + BigInt(i);
  const line = (role: string, direction: 'debit' | 'credit', amount: bigint) => ({
    accountId: id(role),
    direction,
    amountMinor: amount,
    currency: 'USDC',
  });
  const lines =
    i % 2 === 0
      ? [line('beneficiary_payable', 'debit', amountMinor), line('payouts_in_flight', 'credit', amountMinor)]
      : [
          line('payouts_in_flight', 'debit', amountMinor),
          line('provider_funding', 'credit', amountMinor),
          line('provider_fees', 'debit', 250n),
          line('provider_funding', 'credit', 250n),
        ];
  return {
    id: uuidv7(),
    entryType: i % 2 === 0 ? ('reserve' as const) : ('settle' as const),
    causeEventId: uuidv7(),
    payoutId: `po-${i}`,
    providerReference: `prv-${i}`,
    programId: scope.get('provider_funding')!.programId,
    reversesEntryId: null,
    effectiveDate: '2026-11-26',
    description: `bench ${i}`,
    correlationId: `corr-${i}`,
    causationId: null,
    postedBy: 'bench',
    lines,
  };
}

async function run(mode: Mode, name: string, scopeCount: number, chunkSize: number): Promise<string> {
  const scratch = await freshDatabase(infra!.postgresUrl, 'bledger');
  const db = await openDatabase({
    serverUrl: infra!.postgresUrl,
    dbName: scratch.name,
    migrations: LEDGER_MIGRATIONS,
    poolMax: workers + 2,
  });
  try {
    const outbox = new Outbox({ codec: new EventCodec(TOPICS, avroOptions()), producer: 'ledger' });
    const accounts = new SqlAccountDirectory(db);
    const scopes = Array.from({ length: scopeCount }, (_, i) => `prog-${i}`);
    const byScope = new Map<string, Map<string, AccountRecord>>();
    for (let i = 0; i < scopes.length; i += 200) {
      const keys = scopes
        .slice(i, i + 200)
        .flatMap((programId) =>
          ACCOUNT_ROLES.map((role) => ({ programId, provider: 'sandbox', currency: 'USDC', role })),
        );
      for (const record of (await accounts.resolve(keys)).values()) {
        const scope = byScope.get(record.programId) ?? new Map<string, AccountRecord>();
        byScope.set(record.programId, scope.set(record.role, record));
      }
    }
    const byId = new Map([...byScope.values()].flatMap((scope) => [...scope.values()].map((a) => [a.id, a] as const)));
    const deps = { accounts, timeZone: 'UTC' };
    const queues = events(scopes, postings);
    const transactions = sqlTransactions(db, outbox);
    const started = performance.now();
    await Promise.all(
      queues.map(async (queue, w) => {
        for (let i = 0; i < queue.length; i += chunkSize) {
          const batch = queue.slice(i, i + chunkSize);
          if (mode === 'consumer') {
            await db.transaction((em) => handleChunk(em, outbox, deps, batch));
          } else {
            await transactions.run(async (tx) => {
              for (const [k, event] of batch.entries()) {
                const scope = byScope.get(event.programId)!;
                await postEntry(tx, engineEntry(scope, w * postings + i + k), byId);
              }
            });
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const report = await checkInvariants(db);
    if (!report.ok || report.entries !== postings) throw new Error(`invariants broken after ${mode} ${name}`);
    const rate = Math.round(postings / seconds).toLocaleString('en-US');
    const accountsCount = (scopeCount * ACCOUNT_ROLES.length).toLocaleString('en-US');
    return `| ${mode} | ${name} | ${accountsCount} | ${chunkSize} | ${postings} | ${workers} | ${seconds.toFixed(2)} s | **${rate}/s** |`;
  } finally {
    await db.close();
    await scratch.drop();
  }
}

const runs: [Mode, number][] = [
  ['engine', 1],
  ['engine, chunked', chunk],
  ['consumer', chunk],
];
// Warm-up (discarded): JIT, connection pools and PostgreSQL's caches, so the first measured run is not penalised.
await run('engine', 'warm-up', 20, 1);
const rows: string[] = [];
// Each shape's runs back to back, next to their raw reference: on a shared machine the load drifts within minutes.
for (const [name, scopes] of [
  ['10k accounts', 2_000],
  ['10 hot accounts', 2],
] as const) {
  rows.push(await rawReference(name, scopes * ACCOUNT_ROLES.length));
  for (const [mode, chunkSize] of runs) rows.push(await run(mode, name, scopes, chunkSize));
}
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
process.stdout.write(
  `${machineInfo()}; load average at the end ${load}\n| mode | shape | accounts | postings per transaction | postings | workers | time | postings/s |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
