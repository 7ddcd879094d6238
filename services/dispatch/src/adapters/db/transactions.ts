import type { Outbox } from '@sluice/messaging';
import { type Database, GroupCommit } from '@sluice/persistence';
import type { DispatchTx, Transactions } from '../../app/ports.ts';
import { chunkDispatchTx, finishChunk, prepareLockedChunk } from './chunk-signals.ts';
import { dispatchTx, flushAppendBuffer, openAppendBuffer, storesFor } from './dispatch-tx.ts';
import { byPayoutId } from './payout-row.ts';

interface Work {
  readonly run: (tx: DispatchTx) => Promise<unknown>;
  /** The payout the work locks: a shared transaction runs its works in payout id order (see sqlTransactions). */
  readonly payoutId: string;
}

/** Works per shared transaction, and shared transactions in flight (each holds a pooled connection). */
const GROUP_MAX = 64;
const GROUP_CONCURRENCY = 2;

/** Transactions over dispatch's database: events published inside commit with the state change. */
export function sqlTransactions(db: Database, outbox: Outbox): Transactions {
  const run = <T>(work: (tx: DispatchTx) => Promise<T>) =>
    db.transaction(async (em) => {
      openAppendBuffer(em);
      const result = await work(dispatchTx(em, outbox));
      await flushAppendBuffer(em, outbox);
      return result;
    });
  const group = new GroupCommit<Work, unknown>({
    // A shared transaction locks its payouts in one statement, in payout id order (the order every multi-row lock in
    // dispatch takes: consumer chunks, claims), and writes their status changes in one statement at its end, as a
    // consumer chunk does. Run one statement at a time (three or four per outcome, in sequence) a group of 30
    // outcomes took half a second under load, and the dispatcher's budget waited for it.
    run: (works) =>
      db.transaction(async (em) => {
        openAppendBuffer(em);
        await prepareLockedChunk(
          em,
          works.map((work) => work.payoutId),
        );
        const tx = chunkDispatchTx(em, outbox);
        const order = [...works.keys()].sort((a, b) => byPayoutId(works[a]!, works[b]!));
        const results: unknown[] = new Array(works.length);
        for (const i of order) results[i] = await works[i]!.run(tx);
        await finishChunk(em);
        await flushAppendBuffer(em, outbox);
        return results;
      }),
    maxBatch: GROUP_MAX,
    concurrency: GROUP_CONCURRENCY,
  });
  return {
    run,
    grouped: <T>(work: (tx: DispatchTx) => Promise<T>, payoutId: string) =>
      group.submit({ run: work, payoutId }) as Promise<T>,
    read: () => storesFor(db.fork()),
  };
}
