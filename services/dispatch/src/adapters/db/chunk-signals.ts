import type { Outbox } from '@sluice/messaging';
import { type EntityManager, nativeOn } from '@sluice/persistence';
import type {
  AcceptedFacts,
  Approval,
  DecisionFacts,
  DispatchTx,
  PayoutRecord,
  PayoutRepository,
  StatusWrite,
} from '../../app/ports.ts';
import { dispatchTx } from './dispatch-tx.ts';
import { approveMany, upsertAccepted, upsertDecisions, writeStatuses } from './payout.store.ts';
import { byPayoutId, toRecord } from './payout-row.ts';

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
  /**
   * Approvals and status writes made by the chunk's work, written together (one statement each) at its end, or
   * before anything else touches the payouts (any other store call, a second write of the same payout): one
   * statement instead of one per event, and the chunk holds its row locks (which the accepted consumer, the claims
   * and the other chunks wait for) for a few statements rather than one per event.
   */
  readonly approvals: Map<string, Approval>;
  readonly statuses: Map<string, StatusWrite>;
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
  chunks.set(em, { recorded: new Set(locked.keys()), locked, approvals: new Map(), statuses: new Map() });
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
  const locked = new Map(rows.map((row) => [String(row.payout_id), toRecord(row)]));
  chunks.set(em, { recorded: new Set(), locked, approvals: new Map(), statuses: new Map() });
}

/** The transaction view of a prepared chunk (decisions, callbacks, a group of provider outcomes), or the plain one. */
export function chunkDispatchTx(em: EntityManager, outbox: Outbox): DispatchTx {
  const plain = dispatchTx(em, outbox);
  const chunk = chunks.get(em);
  if (!chunk) return plain;
  const flushed = flushingFirst(plain.payouts, () => writeBuffered(em, chunk));
  return {
    ...plain,
    payouts: {
      ...flushed,
      async recordDecision(facts) {
        if (!chunk.recorded.has(facts.payoutId)) await flushed.recordDecision(facts);
      },
      async lock(id) {
        const prepared = chunk.locked.get(id);
        chunk.locked.delete(id);
        return prepared ?? flushed.lock(id);
      },
      async markApproved(id, approval) {
        if (chunk.approvals.has(id)) await writeBuffered(em, chunk);
        chunk.approvals.set(id, approval);
      },
      async writeStatus(id, write) {
        if (chunk.statuses.has(id)) await writeBuffered(em, chunk);
        chunk.statuses.set(id, write);
      },
    },
  };
}

/** Writes what the chunk of `em` buffered and closes it; called inside the chunk's transaction, before it commits. */
export async function finishChunk(em: EntityManager): Promise<void> {
  const chunk = chunks.get(em);
  if (chunk) await writeBuffered(em, chunk);
  chunks.delete(em);
}

async function writeBuffered(em: EntityManager, chunk: Chunk): Promise<void> {
  const approvals = [...chunk.approvals].map(([payoutId, approval]) => ({ payoutId, ...approval })).sort(byPayoutId);
  const statuses = [...chunk.statuses].map(([payoutId, write]) => ({ payoutId, write })).sort(byPayoutId);
  chunk.approvals.clear();
  chunk.statuses.clear();
  await approveMany(em, approvals);
  await writeStatuses(em, statuses);
}

/**
 * The store with every call preceded by `flush`: a buffered write is in the database before anything reads or
 * writes payouts in another way, so no call can see or overwrite a stale row.
 */
function flushingFirst(store: PayoutRepository, flush: () => Promise<void>): PayoutRepository {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store)) {
    wrapped[name] = async (...args: unknown[]) => {
      await flush();
      return (method as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return wrapped as unknown as PayoutRepository;
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
