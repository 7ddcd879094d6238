import { createHmac } from 'node:crypto';
import type { EventType } from './payout-status.ts';

/** Hex characters kept from each HMAC: 96 bits, far past any collision risk for a simulator's volume. */
const ID_HEX_CHARS = 24;

/** Short-settlement fees are drawn from this range (basis points), so fees vary per payout but never by run. */
export const MIN_FEE_BPS = 50;
export const MAX_FEE_BPS = 150;

/**
 * Identifiers and amounts derived from the seed and the client's idempotency key: the same seed and key give the
 * same payout id, event ids and fee on every run and machine, so recorded test expectations stay valid.
 */
export interface SeededIds {
  payoutId(idempotencyKey: string): string;
  eventId(payoutId: string, type: EventType): string;
  fundingId(idempotencyKey: string): string;
  /** Fee in basis points charged on a short settlement, in [MIN_FEE_BPS, MAX_FEE_BPS]. */
  feeBps(idempotencyKey: string): number;
  /** A step delay in [minMs, maxMs] for this payout: the same key always gets the same delay. */
  stepDelayMs(idempotencyKey: string, minMs: number, maxMs: number): number;
}

export function seededIds(seed: string): SeededIds {
  // NUL separates the purpose from the input so no key can forge another purpose's digest.
  const digest = (purpose: string, input: string) => createHmac('sha256', seed).update(`${purpose}\0${input}`).digest();
  const hex = (purpose: string, input: string) => digest(purpose, input).toString('hex').slice(0, ID_HEX_CHARS);
  return {
    payoutId: (key) => `sbx_po_${hex('payout', key)}`,
    eventId: (payoutId, type) => `evt_${hex('event', `${payoutId}\0${type}`)}`,
    fundingId: (key) => `sbx_fund_${hex('funding', key)}`,
    feeBps: (key) => MIN_FEE_BPS + (digest('fee', key).readUInt32BE(0) % (MAX_FEE_BPS - MIN_FEE_BPS + 1)),
    stepDelayMs: (key, minMs, maxMs) =>
      maxMs <= minMs ? minMs : minMs + (digest('step', key).readUInt32BE(0) % (maxMs - minMs + 1)),
  };
}
