/**
 * What the posting rules read from a `payouts.status-changed.v1` event: the domain's own view, so the rules stay free
 * of the generated contract types (the Kafka adapter maps one onto the other).
 */
export interface LifecycleEvent {
  readonly eventId: string;
  /** The payout's trace; entries posted for the event carry it on. */
  readonly correlationId: string;
  readonly payoutId: string;
  readonly fromStatus: string | null;
  readonly toStatus: string;
  /** Instructed amount. */
  readonly amountMinor: bigint;
  /** What the provider reports as settled (on confirmed); null means "as instructed". */
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
  readonly currency: string;
  readonly provider: string;
  readonly providerReference: string | null;
  readonly programId: string;
  /** Read-only mode: no provider call was made, so no money moved. */
  readonly shadow: boolean;
  /** A refused regression recorded for reconciliation: nothing changed. */
  readonly conflict: boolean;
  readonly occurredAtMs: number;
}
