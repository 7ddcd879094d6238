import type { Outbox } from '@sluice/messaging';
import { type Database, date, json, preparedOn, type Row, type RunSql, text, textOrNull } from '@sluice/persistence';
import {
  type AdmissionLookup,
  type AdmitResult,
  type BatchRecord,
  type BatchRepository,
  type BatchTx,
  KeyBusyError,
} from '../../app/ports.ts';
import type { FieldIssue } from '../../domain/field-issue.ts';
import type { StoredResponse } from '../../domain/idempotency.ts';
import { type BatchItemResult, countOutcomes, type ItemOutcome } from '../../domain/payout-batch.ts';
import type { PayoutStatus } from '../../domain/payout-status.ts';
import { admission, admitAll, payable } from './admission.store.ts';
import { storedResponseOf } from './idempotency.store.ts';

// lock_not_available: the session's lock_timeout expired while a concurrent batch held the same key.
const LOCK_NOT_AVAILABLE = '55P03';
/**
 * Admissions per statement, at most: each binds 33 parameters, and PostgreSQL takes at most 65,535 per statement.
 * 500, 1,000 and 1,900 admitted a 10,000-item batch equally fast on the benchmark machine, within its noise; a power
 * of two, so that statementSizes can split any batch into sizes from one short list.
 */
export const ADMISSIONS_PER_STATEMENT = 1_024;

/**
 * How many admissions each statement of a batch carries: full statements, then the rest in powers of two. Every
 * distinct size is its own prepared statement, parsed once per pooled connection (0.5 to 1 s at the largest size on
 * the benchmark machine) and kept there: batches of any size use at most 11 of them, not one more per remainder.
 */
export function statementSizes(count: number): number[] {
  const sizes: number[] = new Array(Math.floor(count / ADMISSIONS_PER_STATEMENT)).fill(ADMISSIONS_PER_STATEMENT);
  const rest = count % ADMISSIONS_PER_STATEMENT;
  for (let size = ADMISSIONS_PER_STATEMENT / 2; size >= 1; size /= 2) if (rest & size) sizes.push(size);
  return sizes;
}

const BATCH_COLUMNS = `id, platform_id, idempotency_key, request_hash, item_count, admitted_count, refused_count,
  created_at`;

/**
 * Payout batches. A batch is admitted in one transaction on one pooled connection, through the same multi-row
 * admission statement as grouped REST requests (`admitAll`), as server-side prepared statements: with 10,000 items,
 * formatting 330,000 values into SQL text on the client would cost more than the admission itself.
 */
export function batchStore(db: Database, outbox: Outbox): BatchRepository {
  const pooled = async (): Promise<RunSql> => preparedOn(await db.pool());
  return {
    lookup: async (platformId, items) => lookupAdmissions(await pooled(), platformId, items),

    async findByKey(platformId, key) {
      const rows = await (await pooled())(
        `select ${BATCH_COLUMNS} from payout_batches where platform_id = ? and idempotency_key = ?`,
        [platformId, key],
      );
      return rows[0] ? batchOf(rows[0]) : null;
    },

    async find(platformId, id) {
      const rows = await (await pooled())(
        `select ${BATCH_COLUMNS} from payout_batches where id = ? and platform_id = ?`,
        [id, platformId],
      );
      return rows[0] ? batchOf(rows[0]) : null;
    },

    async create(batch, admit) {
      const client = await (await db.pool()).connect();
      const run = preparedOn(client);
      let broken = false;
      try {
        await client.query('begin');
        const claimed = await run(
          `insert into payout_batches (${BATCH_COLUMNS}) values (?, ?, ?, ?, ?, 0, 0, ?)
           on conflict (platform_id, idempotency_key) do nothing returning id`,
          [batch.id, batch.platformId, batch.idempotencyKey, batch.requestHash, batch.itemCount, batch.createdAt],
        );
        if (claimed.length === 0) {
          // The conflict waited for the other claim to commit, so this statement sees its batch.
          const [taken] = await run(
            `select ${BATCH_COLUMNS} from payout_batches where platform_id = ? and idempotency_key = ?`,
            [batch.platformId, batch.idempotencyKey],
          );
          await client.query('rollback');
          return { kind: 'taken', batch: batchOf(taken!) };
        }
        const items = await admit(batchTx(run, outbox));
        await insertItems(run, batch.id, items);
        const { admitted, refused } = countOutcomes(items);
        const counts = { admittedCount: admitted, refusedCount: refused };
        await run('update payout_batches set admitted_count = ?, refused_count = ? where id = ?', [
          counts.admittedCount,
          counts.refusedCount,
          batch.id,
        ]);
        await client.query('commit');
        return { kind: 'created', batch: { ...batch, ...counts }, items };
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true;
        });
        if ((error as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE) throw new KeyBusyError();
        throw error;
      } finally {
        // A connection whose rollback failed is in an unknown state: the pool drops it instead of reusing it.
        client.release(broken);
      }
    },

    async items(batchId, page) {
      const rows = await (await pooled())(
        `select item_index, idempotency_key, outcome, payout_id, errors from payout_batch_items
         where batch_id = ? and item_index > ? order by item_index limit ?`,
        [batchId, page.afterIndex, page.limit],
      );
      return rows.map(itemOf);
    },

    async statusCounts(batchId) {
      const rows = await (await pooled())(
        `select p.status, count(*)::int as n from payout_batch_items i join payouts p on p.id = i.payout_id
         where i.batch_id = ? group by p.status`,
        [batchId],
      );
      return Object.fromEntries(rows.map((row) => [text(row.status) as PayoutStatus, Number(row.n)]));
    },
  };
}

/** Every item's stored key and destination: one read of the keys, one of the distinct destinations. */
export async function lookupAdmissions(
  run: RunSql,
  platformId: string,
  items: Parameters<BatchRepository['lookup']>[1],
): Promise<AdmissionLookup[]> {
  if (items.length === 0) return [];
  const keys = await storedKeys(run, platformId, [...new Set(items.map((item) => item.key))]);
  const targets = new Map(items.map((item) => [targetOf(item.beneficiaryId, item.destination), item]));
  const distinct = [...targets.values()];
  const rows = await run(
    `select t.ord, b.id as beneficiary_id,
         case t.type when 'wallet' then to_jsonb(w) else to_jsonb(a) end as destination
       from unnest(?::uuid[], ?::text[], ?::uuid[]) with ordinality as t (beneficiary_id, type, id, ord)
       left join beneficiaries b on b.id = t.beneficiary_id and b.platform_id = ?
       left join wallets w on t.type = 'wallet' and w.id = t.id and w.beneficiary_id = b.id
       left join bank_accounts a on t.type = 'bank_account' and a.id = t.id and a.beneficiary_id = b.id`,
    [
      distinct.map((item) => item.beneficiaryId),
      distinct.map((item) => item.destination.type),
      distinct.map((item) => item.destination.id),
      platformId,
    ],
  );
  const found = new Map<string, Omit<AdmissionLookup, 'stored'>>();
  for (const row of rows) {
    const item = distinct[Number(row.ord) - 1]!;
    const destination = row.destination === null ? null : (row.destination as Row);
    found.set(targetOf(item.beneficiaryId, item.destination), {
      beneficiaryFound: row.beneficiary_id !== null,
      destination: destination ? payable(item.destination.type, item.beneficiaryId, destination) : null,
    });
  }
  return items.map((item) => ({
    stored: keys.get(item.key) ?? null,
    ...found.get(targetOf(item.beneficiaryId, item.destination))!,
  }));
}

/**
 * Admissions in the open transaction of `run`, split into statements of `sizes` (prepared statements of a few fixed
 * sizes for a batch; one statement for a consumer chunk, whose text is formatted per call anyway).
 */
export function batchTx(run: RunSql, outbox: Outbox, sizes: (count: number) => number[] = statementSizes): BatchTx {
  return {
    async admit(admissions) {
      // Sorted by key across statements, as admitAll sorts within one: every transaction claims keys in one order.
      const order = [...admissions.keys()].sort((a, b) => {
        const [x, y] = [admissions[a]!.payout.requestId, admissions[b]!.payout.requestId];
        return x < y ? -1 : x > y ? 1 : 0;
      });
      const chunks: number[][] = [];
      let start = 0;
      for (const size of sizes(order.length)) {
        chunks.push(order.slice(start, start + size));
        start += size;
      }
      const encode = (chunk: readonly number[] = []) =>
        chunk.map((i) => {
          const { payout, extra, stored, event } = admissions[i]!;
          return admission(outbox, payout, extra, stored, event);
        });
      const results: AdmitResult[] = new Array(admissions.length);
      let encoded = encode(chunks[0]);
      for (const [c, chunk] of chunks.entries()) {
        // The statement is on the wire once admitAll returns: the next chunk's events are encoded while it runs.
        const running = admitAll(run, encoded);
        encoded = encode(chunks[c + 1]);
        for (const [j, result] of (await running).entries()) results[chunk[j]!] = result;
      }
      return results;
    },
    storedKeys: (platformId, keys) => storedKeys(run, platformId, keys),
  };
}

export async function storedKeys(
  run: RunSql,
  platformId: string,
  keys: readonly string[],
): Promise<Map<string, StoredResponse>> {
  if (keys.length === 0) return new Map();
  const rows = await run(
    `select idempotency_key, request_hash, payout_id, response_status, response_body, created_at, expires_at
     from idempotency_keys where platform_id = ? and idempotency_key = any(?::text[])`,
    [platformId, keys],
  );
  return new Map(rows.map((row) => [text(row.idempotency_key), storedResponseOf(row)]));
}

/** One statement for every item: five arrays, unnested, whatever the batch's size. */
async function insertItems(run: RunSql, batchId: string, items: readonly BatchItemResult[]): Promise<void> {
  await run(
    `insert into payout_batch_items (batch_id, item_index, idempotency_key, outcome, payout_id, errors)
     select ?::uuid, t.* from unnest(?::int[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[]) as t`,
    [
      batchId,
      items.map((item) => item.index),
      items.map((item) => item.idempotencyKey),
      items.map((item) => item.outcome),
      items.map((item) => item.payoutId),
      items.map((item) => JSON.stringify(item.issues)),
    ],
  );
}

const targetOf = (beneficiaryId: string, destination: { type: string; id: string }) =>
  `${beneficiaryId}/${destination.type}/${destination.id}`;

const batchOf = (row: Row): BatchRecord => ({
  id: text(row.id),
  platformId: text(row.platform_id),
  idempotencyKey: text(row.idempotency_key),
  requestHash: text(row.request_hash),
  itemCount: Number(row.item_count),
  admittedCount: Number(row.admitted_count),
  refusedCount: Number(row.refused_count),
  createdAt: date(row.created_at),
});

const itemOf = (row: Row): BatchItemResult => ({
  index: Number(row.item_index),
  idempotencyKey: textOrNull(row.idempotency_key),
  outcome: text(row.outcome) as ItemOutcome,
  payoutId: textOrNull(row.payout_id),
  issues: json<FieldIssue[]>(row.errors),
});
