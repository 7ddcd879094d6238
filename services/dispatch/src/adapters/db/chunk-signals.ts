import type { Outbox } from '@sluice/messaging';
import { type EntityManager, nativeOn } from '@sluice/persistence';
import type { AcceptedFacts, DecisionFacts, DispatchTx, PayoutRecord } from '../../app/ports.ts';
import { upsertAccepted, upsertDecisions } from './payout.store.ts';
import { byPayoutId, toRecord } from './payout-row.ts';
import { dispatchTx } from './transactions.ts';

// Why this exists: the accepted and decided consumers cost one to three statements per event (record the facts, lock
// the payout, approve it), and dispatch's consumer was the first stage to fall behind in the end-to-end benchmark.
// A chunk's facts go in with one statement per topic (sorted by payout id, so the accepted and the decided consumer,
// which meet on the same rows from different partitions, lock them in one order and cannot deadlock), the decided
// chunk's payouts are read back locked by the same statement, and `lock` answers from that read once per payout (a
// later event of the same payout in the chunk reads again, after what the earlier one wrote). The runner's
// one-event fallback never prepares, and uses the plain stores.

interface Chunk {
  readonly recorded: ReadonlySet<string>;
  readonly locked: Map<string, PayoutRecord>;
}

const chunks = new WeakMap<EntityManager, Chunk>();

/** The accepted facts of a chunk in one upsert; as one at a time, the first facts recorded for a payout win. */
export async function recordAcceptedChunk(em: EntityManager, facts: readonly AcceptedFacts[]): Promise<void> {
  await upsertAccepted(em, firstPerPayout(facts));
}

/**
 * The decisions of a chunk in one upsert (per payout the last one, as one at a time would leave it), returning the
 * payouts locked; `chunkDispatchTx` then answers `recordDecision` and the first `lock` of each from it.
 */
export async function prepareDecisionChunk(em: EntityManager, facts: readonly DecisionFacts[]): Promise<void> {
  const updated = await upsertDecisions(em, lastPerPayout(facts));
  const locked = new Map(updated.map((row) => [String(row.payout_id), toRecord(row)]));
  chunks.set(em, { recorded: new Set(locked.keys()), locked });
}

/**
 * Locks the payouts a chunk of callbacks names (in payout id order, so two chunks, or a chunk and a claim, cannot
 * deadlock on them) with one statement; `chunkDispatchTx` answers the first `lock` of each from it.
 */
export async function prepareLockedChunk(em: EntityManager, payoutIds: readonly string[]): Promise<void> {
  const ids = [...new Set(payoutIds)].sort();
  const rows =
    ids.length === 0
      ? []
      : await nativeOn(em)(
          'select * from dispatch_payouts where payout_id = any(?::text[]) order by payout_id for update',
          [ids],
        );
  chunks.set(em, { recorded: new Set(), locked: new Map(rows.map((row) => [String(row.payout_id), toRecord(row)])) });
}

/** The transaction view of a prepared chunk (decisions or callbacks), or the plain one. */
export function chunkDispatchTx(em: EntityManager, outbox: Outbox): DispatchTx {
  const plain = dispatchTx(em, outbox);
  const chunk = chunks.get(em);
  if (!chunk) return plain;
  return {
    ...plain,
    payouts: {
      ...plain.payouts,
      async recordDecision(facts) {
        if (!chunk.recorded.has(facts.payoutId)) await plain.payouts.recordDecision(facts);
      },
      async lock(id) {
        const prepared = chunk.locked.get(id);
        chunk.locked.delete(id);
        return prepared ?? plain.payouts.lock(id);
      },
    },
  };
}

/** Closes the chunk of `em`. */
export function finishChunk(em: EntityManager): void {
  chunks.delete(em);
}

/** One row per payout, sorted by payout id (the lock order). */
function firstPerPayout<F extends { payoutId: string }>(facts: readonly F[]): F[] {
  const first = new Map<string, F>();
  for (const f of facts) if (!first.has(f.payoutId)) first.set(f.payoutId, f);
  return [...first.values()].sort(byPayoutId);
}

function lastPerPayout<F extends { payoutId: string }>(facts: readonly F[]): F[] {
  return [...new Map(facts.map((f) => [f.payoutId, f])).values()].sort(byPayoutId);
}
