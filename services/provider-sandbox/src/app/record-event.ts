import type { SeededIds } from '../domain/ids.ts';
import { type Payout, toRepresentation } from '../domain/payout.ts';
import { eventTypeFor } from '../domain/payout-status.ts';
import type { CallbackMode } from '../domain/scenario.ts';
import type { NewDelivery, Stores } from './ports.ts';
import type { SandboxSwitches } from './switches.ts';

export interface EventDeps {
  readonly ids: SeededIds;
  readonly switches: SandboxSwitches;
}

/**
 * Records the callback event announcing the payout's current status (none for `processing`) and queues its
 * deliveries as the payout's callback mode says. The body is fixed here, so every try and every duplicate sends
 * the same bytes.
 */
export async function recordStatusEvent(stores: Stores, payout: Payout, deps: EventDeps, now: Date): Promise<void> {
  const type = eventTypeFor(payout.status);
  if (!type) return;
  const id = deps.ids.eventId(payout.id, type);
  const body = JSON.stringify({ id, type, created_at: now.toISOString(), data: toRepresentation(payout) });
  const deliveries = plannedDeliveries(payout.plan.callbacks, type === 'payout.pending', deps.switches);
  await stores.callbacks.addEvent({ id, payoutId: payout.id, type, body, createdAt: now }, deliveries);
  // A held (out-of-order) callback waits for a later delivery; if that one will never be sent, stop waiting.
  if (deliveries.some((d) => d.state === 'suppressed')) await stores.callbacks.releaseHeld([payout.id], now);
}

function plannedDeliveries(mode: CallbackMode, isFirstEvent: boolean, switches: SandboxSwitches): NewDelivery[] {
  // While callbacks are off (or nowhere to send them) the event is kept but never sent: only a poll reveals it.
  const suppressedBy = !switches.callbacksEnabled
    ? 'callbacks disabled'
    : switches.callbackUrl === null
      ? 'no callback url configured'
      : null;
  const one = (held: boolean): NewDelivery =>
    suppressedBy ? { state: 'suppressed', held: false, note: suppressedBy } : { state: 'queued', held, note: null };
  switch (mode) {
    case 'once':
      return [one(false)];
    case 'twice':
      return [one(false), one(false)];
    case 'none':
      return [];
    case 'completed_first':
      // The first (pending) callback waits until a later one has been delivered, so it arrives out of order.
      return [one(isFirstEvent)];
    default:
      return assertNeverMode(mode);
  }
}

function assertNeverMode(value: never): never {
  throw new Error(`unhandled callback mode: ${String(value)}`);
}
