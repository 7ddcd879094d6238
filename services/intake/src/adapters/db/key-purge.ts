import type { Database } from '@sluice/persistence';
import type { Logger } from '@sluice/service-kit';

const PURGE_INTERVAL_MS = 10 * 60_000;
const PURGE_BATCH = 10_000;

/**
 * Deletes expired idempotency keys in bounded batches so the table does not grow forever. An expired key is already
 * treated as unused by the claim, so purging is housekeeping, never a correctness step.
 */
export function startKeyPurge(db: Database, logger: Logger): { stop(): void } {
  const timer = setInterval(() => {
    db.fork()
      .execute(
        `delete from idempotency_keys where ctid in (
           select ctid from idempotency_keys where expires_at < now() limit ${PURGE_BATCH})`,
      )
      .catch((error: unknown) => logger.warn({ err: error }, 'idempotency key purge failed'));
  }, PURGE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
