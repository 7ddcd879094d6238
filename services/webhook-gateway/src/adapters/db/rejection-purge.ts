import type { Database } from '@sluice/persistence';
import type { Logger } from '@sluice/service-kit';

const EVERY_MS = 15 * 60_000;
/** Rows deleted per statement, so a large backlog never holds one long lock. */
const BATCH = 5_000;

/** Deletes rejections older than the retention in bounded batches. Returns how many rows went. */
export async function purgeRejections(db: Database, retentionDays: number): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.fork().execute<{ id: string }[]>(
      `delete from webhook_rejections where id in (
         select id from webhook_rejections where received_at < now() - make_interval(days => ?) limit ?)
       returning id`,
      [retentionDays, BATCH],
    );
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/**
 * The rejection log is written by anyone who can reach the endpoint: without a retention it grows without bound
 * under a flood. Runs at start and every 15 minutes.
 */
export function startRejectionPurge(db: Database, retentionDays: number, logger: Logger) {
  const run = () =>
    purgeRejections(db, retentionDays)
      .then((n) => n > 0 && logger.info({ deleted: n, retention_days: retentionDays }, 'old rejections purged'))
      .catch((error: unknown) => logger.warn({ err: error }, 'rejection purge failed; will retry'));
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
