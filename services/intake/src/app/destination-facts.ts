import type { PayableDestination } from '../domain/payout-checks.ts';

/** What never changes about a registered destination: its owner, network, currency and address. Not its state. */
export type DestinationFacts = Omit<PayableDestination, 'state'>;

/**
 * Process memory of destination facts already read, so a payout to a known destination needs no read before its
 * admission statement. Safe without expiry because the facts are immutable; the one mutable property, the state, is
 * checked inside the admission statement itself. Bounded: the oldest entry goes first.
 */
export class DestinationFactsCache {
  readonly #entries = new Map<string, DestinationFacts>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  get(
    platformId: string,
    destination: { type: string; id: string; beneficiaryId: string },
  ): DestinationFacts | undefined {
    return this.#entries.get(keyOf(platformId, destination));
  }

  remember(platformId: string, facts: DestinationFacts): void {
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(keyOf(platformId, facts), facts);
  }
}

const keyOf = (platformId: string, d: { type: string; id: string; beneficiaryId: string }) =>
  `${platformId}/${d.beneficiaryId}/${d.type}/${d.id}`;
