import type { Logger } from '@sluice/service-kit';
import { type BackoffPolicy, exhausted, retryDelayMs } from '../domain/backoff.ts';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signCallback, TIMESTAMP_HEADER } from '../domain/signature.ts';
import type { CallbackSender, ClaimedDelivery, Clock, DeliveryResult, SendResult, Transactions } from './ports.ts';
import type { SandboxSwitches } from './switches.ts';

export interface DeliverDeps {
  readonly transactions: Transactions;
  readonly sender: CallbackSender;
  readonly switches: SandboxSwitches;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: BackoffPolicy;
  readonly timeoutMs: number;
  /** Called once per finished try (metrics). */
  readonly onResult?: (result: DeliveryResult) => void;
}

/** Deliveries tried concurrently per tick; a slow receiver cannot hold more than this many sockets. */
const BATCH = 100;

/**
 * Sends every due callback once: claims a batch under a lease (a crash mid-send only delays the try), signs each at
 * send time with the current secret, and records delivered / retry-with-backoff / given-up for the whole batch in one
 * transaction. Returns how many were tried.
 */
export async function deliverDueCallbacks(deps: DeliverDeps): Promise<number> {
  const url = deps.switches.callbackUrl;
  // Disabled: queued deliveries wait (new events are suppressed when recorded); no URL: nothing to send to yet.
  if (!deps.switches.callbacksEnabled || url === null) return 0;
  // The lease outlives the HTTP timeout, so a delivery is never sent twice in parallel by two workers.
  const leaseMs = deps.timeoutMs * 2 + 1_000;
  const claimed = await deps.transactions.run((stores) => stores.callbacks.claimDue(deps.clock.now(), leaseMs, BATCH));
  if (claimed.length === 0) return 0;
  const sent = await Promise.all(claimed.map((delivery) => sendOne(deps, url, delivery)));
  const now = deps.clock.now();
  const results = sent.map((answer, i) => outcome(answer, claimed[i]!.attempts, deps.policy, now));
  // Recorded together; should this fail, the leases lapse and the batch is tried again (receivers dedupe by event id).
  await deps.transactions.run(async (stores) => {
    await stores.callbacks.finish(
      claimed.map((delivery, i) => ({ deliveryId: delivery.id, result: results[i]! })),
      now,
    );
    // A finished try (delivered or given up) lets the next callback of its payout go.
    const finishedPayouts = claimed.filter((_, i) => results[i]!.kind !== 'retry').map((d) => d.payoutId);
    await stores.callbacks.releaseHeld([...new Set(finishedPayouts)], now);
  });
  for (const [i, delivery] of claimed.entries()) report(deps, delivery, results[i]!);
  return claimed.length;
}

function sendOne(deps: DeliverDeps, url: string, delivery: ClaimedDelivery): Promise<SendResult> {
  const timestampS = Math.floor(deps.clock.now().getTime() / 1_000);
  return deps.sender.send({
    url,
    body: delivery.body,
    headers: {
      'Content-Type': 'application/json',
      [SIGNATURE_HEADER]: signCallback(deps.switches.callbackSecret, timestampS, delivery.body),
      [TIMESTAMP_HEADER]: String(timestampS),
      [EVENT_ID_HEADER]: delivery.eventId,
    },
    timeoutMs: deps.timeoutMs,
  });
}

function report(deps: DeliverDeps, delivery: ClaimedDelivery, result: DeliveryResult): void {
  deps.onResult?.(result);
  const log = { payout_id: delivery.payoutId, event_id: delivery.eventId, attempts: delivery.attempts };
  if (result.kind === 'failed')
    deps.logger.warn({ ...log, status: result.status, error: result.error }, 'callback given up');
  else if (result.kind === 'retry') deps.logger.debug({ ...log, status: result.status }, 'callback will be retried');
}

function outcome(sent: SendResult, attempts: number, policy: BackoffPolicy, now: Date): DeliveryResult {
  if (sent.ok) return { kind: 'delivered', status: sent.status };
  if (exhausted(attempts, policy)) return { kind: 'failed', status: sent.status, error: sent.error };
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts, policy));
  return { kind: 'retry', status: sent.status, error: sent.error, nextAttemptAt };
}
