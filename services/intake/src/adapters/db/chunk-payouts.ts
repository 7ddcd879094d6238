import type { EntityManager } from '@sluice/persistence';
import { placeholders, query } from '@sluice/persistence';
import type { HistoryEntry, IntakeTx, StatusPatch } from '../../app/ports.ts';
import { isUuid } from '../../domain/field-issue.ts';
import type { PayoutView } from '../../domain/payout-view.ts';
import { applyStatuses, COLUMNS, toView } from './payout.store.ts';
import { intakeTx, type OutboxWriter } from './transactions.ts';

// Why this exists: each decision or status change the consumer applies cost three statements (lock the payout, record
// the signal in its history, update the view), and a payout goes through about six of them. The runner's `prepare`
// locks every payout of a chunk in one statement (in id order, so concurrent chunks cannot deadlock), `lock` answers
// from that read until the payout's view is written (a later event of the same payout in the chunk reads again), and
// history rows are buffered and inserted in one statement by `finish`. It belongs to one transaction (a WeakMap keyed
// by its EntityManager); the runner's one-event fallback uses the plain stores.
// Status patches are buffered too and written in one statement before the next read of any payout the chunk
// patched, before a second patch of the same payout, and at the chunk's end: one update per event was intake's most
// frequent statement in the end-to-end benchmark.
interface Chunk {
  readonly views: Map<string, PayoutView>;
  readonly history: HistoryEntry[];
  readonly patches: Map<string, StatusPatch>;
}

const chunks = new WeakMap<EntityManager, Chunk>();

/** Locks the chunk's payouts (those intake could have issued) and opens its history buffer. */
export async function preparePayoutChunk(em: EntityManager, payoutIds: readonly string[]): Promise<void> {
  const ids = [...new Set(payoutIds.filter(isUuid))].sort();
  const rows =
    ids.length === 0
      ? []
      : await query(
          em,
          `select ${COLUMNS} from payouts where id in (${placeholders(ids.length, 1, ['::uuid'])}) order by id for update`,
          ids,
        );
  const views = new Map(rows.map((row) => [String(row.id), toView(row)]));
  chunks.set(em, { views, history: [], patches: new Map() });
}

/** The transaction view of a prepared chunk, or the plain one. */
export function chunkIntakeTx(em: EntityManager, writer: OutboxWriter): IntakeTx {
  const plain = intakeTx(em, writer);
  const chunk = chunks.get(em);
  if (!chunk) return plain;
  return {
    ...plain,
    payouts: {
      ...plain.payouts,
      async lock(id) {
        const view = chunk.views.get(id);
        if (view) return view;
        if (chunk.patches.has(id)) await writePatches(em, chunk);
        return plain.payouts.lock(id);
      },
      async applyStatus(id, patch) {
        chunk.views.delete(id);
        if (chunk.patches.has(id)) await writePatches(em, chunk);
        chunk.patches.set(id, patch);
      },
      record: async (entry) => void chunk.history.push(entry),
    },
  };
}

/** Writes the chunk's buffered status patches, then inserts its buffered history rows, in order. */
export async function finishPayoutChunk(em: EntityManager): Promise<void> {
  const chunk = chunks.get(em);
  chunks.delete(em);
  if (!chunk) return;
  await writePatches(em, chunk);
  if (chunk.history.length === 0) return;
  await query(
    em,
    `insert into payout_history (payout_id, event_id, source, status, reason, applied, occurred_at)
     values ${placeholders(chunk.history.length, 7)}`,
    chunk.history.flatMap((e) => [e.payoutId, e.eventId, e.source, e.status, e.reason, e.applied, e.occurredAt]),
  );
}

async function writePatches(em: EntityManager, chunk: Chunk): Promise<void> {
  const rows = [...chunk.patches].map(([id, patch]) => ({ id, patch })).sort((a, b) => (a.id < b.id ? -1 : 1));
  chunk.patches.clear();
  await applyStatuses(em, rows);
}
