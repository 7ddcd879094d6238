import type { Outbox } from '@sluice/messaging';
import { type EntityManager, nativeOn, text } from '@sluice/persistence';
import type { AdmissionChunkTx } from '../../app/ports.ts';
import { batchTx, lookupAdmissions } from './batch.store.ts';

/**
 * A consumer chunk's admissions in the runner's transaction, with the batch's set-based statements: parameters bound
 * natively (arrays as arrays), the admission as one statement for the whole chunk (a chunk is at most a few hundred
 * requests, far below PostgreSQL's parameter limit).
 */
export function admissionChunkStore(em: EntityManager, outbox: Outbox): AdmissionChunkTx {
  const run = nativeOn(em);
  const ids = async (sql: string, values: readonly string[]) =>
    values.length === 0 ? new Set<string>() : new Set((await run(sql, [values])).map((row) => text(row.id)));
  return {
    ...batchTx(run, outbox, (count) => [count]),
    lookup: (platformId, items) => lookupAdmissions(run, platformId, items),
    knownPlatforms: (platformIds) => ids('select id from platforms where id = any(?::text[])', platformIds),
    takenPayoutIds: (payoutIds) => ids('select id from payouts where id = any(?::uuid[])', payoutIds),
  };
}
