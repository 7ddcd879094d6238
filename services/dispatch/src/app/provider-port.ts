import type { TransportOutcome } from '../domain/failure-class.ts';
import type { InstructionInput } from '../domain/instruction.ts';
import type { ObservedStatus, ProviderObservation } from '../domain/provider-observation.ts';

/** A provider's record of one payout, as its transformer maps it. */
export interface ProviderPayout extends ProviderObservation {
  readonly clientReference: string | null;
  readonly amountMinor: bigint | null;
  readonly currency: string | null;
}

export interface ProviderBalance {
  readonly currency: string;
  readonly availableMinor: bigint;
  readonly pendingMinor: bigint;
}

export interface SettlementLine {
  readonly providerReference: string;
  readonly clientReference: string | null;
  readonly status: string;
  readonly amountMinor: bigint;
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
  readonly currency: string;
}

/** The result of one provider call: how it ended, how long it took, and what the provider said. */
export interface ProviderCall<T> {
  readonly outcome: TransportOutcome;
  readonly latencyMs: number;
  /** Present when the provider answered 2xx with a readable body (or 404 for a lookup: `null`). */
  readonly value?: T;
  readonly error?: { readonly code: string | null; readonly message: string | null };
}

/**
 * The provider port (STYLE.md: one port, one client + transformers file per provider). Calls never throw for
 * provider behaviour: every answer, timeout and refusal comes back as a `ProviderCall`.
 */
export interface PayoutProvider {
  readonly name: string;
  /** Serializes the instruction in the provider's own format, once; the bytes are then stored and re-sent as-is. */
  requestBody(input: InstructionInput): string;
  createPayout(request: { idempotencyKey: string; body: string }): Promise<ProviderCall<ProviderPayout>>;
  /** `value: null` when the provider has no payout under that id. */
  getPayout(providerReference: string): Promise<ProviderCall<ProviderPayout | null>>;
  /** `value: null` when the provider has no payout for our client reference (the payout id). */
  findByClientReference(clientReference: string): Promise<ProviderCall<ProviderPayout | null>>;
  listSettlements(date: string): Promise<ProviderCall<SettlementLine[]>>;
  getBalances(): Promise<ProviderCall<ProviderBalance[]>>;
  /** Maps a provider status word (from a callback) into the lifecycle; undefined for a word it does not know. */
  observedStatusOf(providerStatus: string): ObservedStatus | undefined;
}

/** How a provider may be called right now: breaker state and kill switch together. */
export type ProviderAvailability = 'closed' | 'half_open' | 'open' | 'disabled';

/** Providers behind their circuit breakers; a call refused locally comes back with outcome `not_sent`. */
export interface ProviderGateway {
  providers(): readonly string[];
  get(provider: string): PayoutProvider | undefined;
  availability(provider: string): ProviderAvailability;
  /** The kill switches as last read from the database (they are shared by every dispatch instance). */
  updateDisabled(disabled: ReadonlySet<string>): void;
}
