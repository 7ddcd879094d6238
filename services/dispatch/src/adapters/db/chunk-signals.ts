import type { Outbox } from '@sluice/messaging';
import { type EntityManager, nativeOn } from '@sluice/persistence';
import type { AcceptedFacts, DecisionFacts, DispatchTx, PayoutRecord } from '../../app/ports.ts';
import { toRecord } from './payout-row.ts';
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
  const rows = firstPerPayout(facts);
  if (rows.length === 0) return;
  await nativeOn(em)(
    `insert into dispatch_payouts (payout_id, correlation_id, program_id, market, corridor, currency, amount_minor,
       accepted_event_id, platform_id, destination_type, destination_id, network, destination_address, metadata)
     select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
       ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[])
     on conflict (payout_id) do update set
       accepted_event_id = excluded.accepted_event_id, platform_id = excluded.platform_id,
       destination_type = excluded.destination_type, destination_id = excluded.destination_id,
       network = excluded.network, destination_address = excluded.destination_address,
       metadata = excluded.metadata, program_id = excluded.program_id, market = excluded.market,
       corridor = excluded.corridor, currency = excluded.currency, amount_minor = excluded.amount_minor,
       updated_at = now()
     where dispatch_payouts.accepted_event_id is null`,
    [
      rows.map((f) => f.payoutId),
      rows.map((f) => f.correlationId),
      rows.map((f) => f.programId),
      rows.map((f) => f.market),
      rows.map((f) => f.corridor),
      rows.map((f) => f.currency),
      rows.map((f) => f.amountMinor),
      rows.map((f) => f.eventId),
      rows.map((f) => f.platformId),
      rows.map((f) => f.destinationType),
      rows.map((f) => f.destinationId),
      rows.map((f) => f.network),
      rows.map((f) => f.destinationAddress),
      rows.map((f) => JSON.stringify(f.metadata)),
    ],
  );
}

/**
 * The decisions of a chunk in one upsert (per payout the last one, as one at a time would leave it), returning the
 * payouts locked; `chunkDispatchTx` then answers `recordDecision` and the first `lock` of each from it.
 */
export async function prepareDecisionChunk(em: EntityManager, facts: readonly DecisionFacts[]): Promise<void> {
  const rows = lastPerPayout(facts);
  const updated =
    rows.length === 0
      ? []
      : await nativeOn(em)(
          `insert into dispatch_payouts (payout_id, correlation_id, program_id, market, corridor, currency,
             amount_minor, decision, decision_amount_minor)
           select t.*, t.amount_minor from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
             ?::bigint[], ?::text[]) as t (payout_id, correlation_id, program_id, market, corridor, currency,
             amount_minor, decision)
           on conflict (payout_id) do update set decision = excluded.decision,
             decision_amount_minor = excluded.decision_amount_minor, updated_at = now()
           returning *`,
          [
            rows.map((f) => f.payoutId),
            rows.map((f) => f.correlationId),
            rows.map((f) => f.programId),
            rows.map((f) => f.market),
            rows.map((f) => f.corridor),
            rows.map((f) => f.currency),
            rows.map((f) => f.amountMinor),
            rows.map((f) => f.decision),
          ],
        );
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
  return [...first.values()].sort(byPayout);
}

function lastPerPayout<F extends { payoutId: string }>(facts: readonly F[]): F[] {
  return [...new Map(facts.map((f) => [f.payoutId, f])).values()].sort(byPayout);
}

const byPayout = (a: { payoutId: string }, b: { payoutId: string }) =>
  a.payoutId < b.payoutId ? -1 : a.payoutId > b.payoutId ? 1 : 0;
