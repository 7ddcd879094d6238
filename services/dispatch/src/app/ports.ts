import type { DispatchAttemptedV1, PayoutStatusChangedV1 } from '@sluice/contracts';
import type { Payload, Trace } from '@sluice/messaging';
import type { FailureClass } from '../domain/failure-class.ts';
import type { Instruction } from '../domain/instruction.ts';
import type { PayoutStatus } from '../domain/payout-lifecycle.ts';
import type { ObservationSource } from '../domain/provider-observation.ts';

export type {
  PayoutProvider,
  ProviderAvailability,
  ProviderBalance,
  ProviderCall,
  ProviderGateway,
  ProviderPayout,
  SettlementLine,
} from './provider-port.ts';

/** Facts of payouts.accepted.v1 dispatch keeps to build the provider instruction. */
export interface AcceptedFacts {
  readonly payoutId: string;
  readonly correlationId: string;
  readonly eventId: string;
  readonly platformId: string;
  readonly destinationType: string;
  readonly destinationId: string;
  readonly network: string | null;
  /** Full wallet address; never logged, never published. */
  readonly destinationAddress: string | null;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly corridor: string;
  readonly programId: string;
  readonly market: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Facts of compliance.decided.v1 dispatch keeps. */
export interface DecisionFacts {
  readonly payoutId: string;
  readonly correlationId: string;
  readonly eventId: string;
  readonly decision: string;
  readonly mode: string;
  readonly programId: string;
  readonly market: string;
  readonly corridor: string;
  readonly amountMinor: bigint;
  readonly currency: string;
}

/** A payout as dispatch keeps it. Instruction facts are null until payouts.accepted.v1 arrived. */
export interface PayoutRecord {
  readonly payoutId: string;
  readonly correlationId: string;
  readonly accepted: AcceptedFacts | null;
  readonly decision: string | null;
  readonly decisionMode: string | null;
  readonly decisionEventId: string | null;
  readonly decisionAmountMinor: bigint | null;
  readonly programId: string;
  readonly market: string;
  readonly corridor: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  /** Lifecycle status; null while compliance has not approved the payout. */
  readonly status: PayoutStatus | null;
  readonly statusReason: string | null;
  readonly provider: string | null;
  /** Why dispatch will not send it although approved (unroutable corridor, amount mismatch …); needs a human. */
  readonly blockedReason: string | null;
  readonly shadow: boolean;
  readonly attempt: number;
  readonly instruction: Instruction | null;
  /** Within `submitting`: `queued` = provably not sent yet, `sending` = a call may be in flight until `leaseUntil`. */
  readonly sendState: 'queued' | 'sending' | null;
  readonly leaseUntil: Date | null;
  readonly nextActionAt: Date | null;
  readonly pollCount: number;
  readonly providerReference: string | null;
  readonly providerStatus: string | null;
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  readonly statusChangedAt: Date | null;
  readonly createdAt: Date;
}

/** One status write: the new status and every field the transition sets. Written only after `transition()` allowed it. */
export interface StatusWrite {
  readonly status: PayoutStatus;
  readonly reason: string;
  readonly at: Date;
  readonly nextActionAt: Date | null;
  readonly providerReference?: string | null;
  readonly providerStatus?: string | null;
  readonly settledAmountMinor?: bigint | null;
  readonly feeAmountMinor?: bigint | null;
  readonly failureCode?: string | null;
  readonly failureMessage?: string | null;
}

/** What dispatch freezes when compliance approves a payout. */
export interface Approval {
  readonly provider: string | null;
  readonly blockedReason: string | null;
  readonly mode: string;
  readonly decisionEventId: string;
  readonly at: Date;
}

export interface PayoutRepository {
  find(payoutId: string): Promise<PayoutRecord | null>;
  /** The payout locked for this transaction: signals for one payout apply one at a time. */
  lock(payoutId: string): Promise<PayoutRecord | null>;
  /** Our payout id for a provider's reference (callbacks may carry only that). */
  idByProviderReference(provider: string, providerReference: string): Promise<string | null>;
  /** Keeps the first accepted event's facts; later copies change nothing. */
  recordAccepted(facts: AcceptedFacts): Promise<void>;
  recordDecision(facts: DecisionFacts): Promise<void>;
  /**
   * Dispatch takes ownership: `approved`, routed to `provider` (or blocked with a reason). The approving decision's
   * mode and event id are frozen here: a later decision cannot flip a shadow payout live or vice versa.
   */
  markApproved(payoutId: string, approval: Approval): Promise<void>;
  markBlocked(payoutId: string, reason: string): Promise<void>;
  /**
   * A cancel before compliance approved the payout (screening or held): the one status write outside `transition()`,
   * because the statuses before `approved` are not dispatch's. Any later approval then finds it canceled.
   */
  cancelUnowned(payoutId: string, reason: string, at: Date): Promise<void>;
  /** A status write for a transition `transition()` allowed; clears the send state unless `submitting`. */
  writeStatus(payoutId: string, write: StatusWrite): Promise<void>;
  /** Freezes the instruction (idempotency key, body, hash) once; an existing instruction is never replaced. */
  storeInstruction(payoutId: string, instruction: Instruction): Promise<void>;
  /** A provider call for the current instruction is about to leave: attempt + 1, lease until the call surely ended. */
  markSending(payoutId: string, leaseUntil: Date): Promise<number>;
  /**
   * First sends of approved payouts, in one statement: for each, `storeInstruction`, the status write to `submitting`
   * (checked by the caller) and `markSending`, as one at a time would leave the row. Returns the attempt numbers.
   */
  startSubmissions(
    starts: readonly { payoutId: string; instruction: Instruction; write: StatusWrite; leaseUntil: Date }[],
  ): Promise<Map<string, number>>;
  /** The call provably did not reach the provider: send the same bytes again at `nextActionAt`. */
  markQueued(payoutId: string, nextActionAt: Date): Promise<void>;
  /** Recorded as "would dispatch": stays `approved` for good, never sent. Returns the attempt number used. */
  markShadowed(payoutId: string, at: Date): Promise<number>;
  /** Next poll or check time; `pollCount` counts polls that changed nothing, for backoff. */
  schedule(payoutId: string, nextActionAt: Date | null, pollCount: number): Promise<void>;
  markPolled(payoutId: string, providerReference: string | null, providerStatus: string | null): Promise<void>;
  /** Approved payouts ready to send to `provider` (instruction known, live, not blocked), locked and skipped by peers. */
  claimApproved(provider: string, limit: number, now: Date): Promise<PayoutRecord[]>;
  /** `submitting` payouts whose last call provably did not leave, due again. */
  claimQueued(provider: string, limit: number, now: Date): Promise<PayoutRecord[]>;
  /** Approved payouts of read-only markets not yet recorded as "would dispatch". */
  claimShadow(limit: number): Promise<PayoutRecord[]>;
  /** `submitting` payouts whose call lease expired: the process died mid-call or the answer was never recorded. */
  claimExpiredLeases(limit: number, now: Date): Promise<PayoutRecord[]>;
  /** pending / unknown / confirmed (within the reversal watch) payouts due for a poll. */
  claimDuePolls(provider: string, limit: number, now: Date): Promise<PayoutRecord[]>;
  /** funding_hold payouts of `provider`, oldest first. */
  claimFundingHolds(provider: string, limit: number): Promise<PayoutRecord[]>;
  /** Providers that have payouts waiting in funding_hold. */
  providersWithFundingHolds(): Promise<string[]>;
  countByStatus(): Promise<Record<string, number>>;
}

/** One provider call as recorded in the attempt journal (and published as dispatch.attempted.v1). */
export interface AttemptEntry {
  readonly payoutId: string;
  readonly provider: string;
  readonly operation: 'submit' | 'poll';
  readonly attempt: number;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  /** The exact body sent (submit) or that would have been sent (shadow); null for polls. */
  readonly requestBody: string | null;
  readonly httpStatus: number | null;
  readonly errorClass: FailureClass;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly latencyMs: number;
  readonly outcome: string;
  readonly shadow: boolean;
  readonly providerReference: string | null;
  readonly at: Date;
}

export interface TransitionEntry {
  readonly payoutId: string;
  readonly fromStatus: string | null;
  readonly toStatus: string;
  readonly reason: string;
  readonly source: string;
  /** The operator who made it happen (cancel), or null for automatic transitions. */
  readonly actor: string | null;
  readonly attempt: number;
  readonly shadow: boolean;
  readonly at: Date;
}

/** A refused regression, kept for reconciliation and shown on the payout. */
export interface ConflictEntry {
  readonly payoutId: string;
  readonly currentStatus: string;
  readonly attemptedStatus: string;
  readonly source: ObservationSource;
  readonly providerStatus: string;
  readonly providerReference: string | null;
  readonly detail: string;
  readonly at: Date;
}

export interface JournalRepository {
  recordAttempt(entry: AttemptEntry): Promise<void>;
  recordTransition(entry: TransitionEntry): Promise<void>;
  /** False when the same contradiction (status and provider status) is already on record: a repeat changes nothing. */
  recordConflict(entry: ConflictEntry): Promise<boolean>;
  attempts(payoutId: string): Promise<AttemptEntry[]>;
  transitions(payoutId: string): Promise<TransitionEntry[]>;
  conflicts(payoutId: string): Promise<ConflictEntry[]>;
}

/** The provider kill switch: set by a 403 (or an operator), cleared only by an operator. Shared by all instances. */
export interface ProviderSwitchRepository {
  disabled(): Promise<Map<string, { reason: string; at: Date }>>;
  disable(provider: string, reason: string, by: string, at: Date): Promise<void>;
  enable(provider: string, by: string, at: Date): Promise<boolean>;
}

/** The events dispatch publishes, written to the outbox in the transaction of the state change. */
export type DispatchEvent =
  | { readonly topic: 'payouts.status-changed.v1'; readonly payload: Payload<PayoutStatusChangedV1> }
  | { readonly topic: 'dispatch.attempted.v1'; readonly payload: Payload<DispatchAttemptedV1> };

export interface DispatchTx {
  readonly payouts: PayoutRepository;
  readonly journal: JournalRepository;
  readonly switches: ProviderSwitchRepository;
  publish(event: DispatchEvent, trace: Trace): Promise<void>;
}

export interface Transactions {
  run<T>(work: (tx: DispatchTx) => Promise<T>): Promise<T>;
  /**
   * Like `run`, but the work may share one transaction (one commit) with others submitted meanwhile: group commit for
   * the many small records the loop writes after provider calls. Work must be safe to run again alone: when a shared
   * transaction fails, each of its works is re-run in a transaction of its own. `payoutId` is the payout the work
   * locks: a shared transaction runs its works in payout id order, so it locks them in the order everything else does.
   */
  grouped<T>(work: (tx: DispatchTx) => Promise<T>, payoutId: string): Promise<T>;
  /** Stores for reads outside a transaction. */
  read(): Omit<DispatchTx, 'publish'>;
}

/** Which provider serves a corridor (program config); undefined for a corridor that is not configured. */
export interface CorridorRouter {
  providerFor(programId: string, corridorId: string): string | undefined;
}

export interface Clock {
  now(): Date;
}

/** What dispatch counts for dashboards and alerts (the adapter maps it to Prometheus metrics). */
export interface Telemetry {
  providerCall(
    provider: string,
    operation: 'submit' | 'poll' | 'balances',
    errorClass: FailureClass,
    latencyMs: number,
  ): void;
  transition(from: string, to: string): void;
  conflict(source: ObservationSource): void;
  /** A provider refused our credentials: this must page someone (metric + error log). */
  authRefused(provider: string): void;
  blocked(reason: string): void;
  shadowed(): void;
  /** How long one step of the dispatcher's loop took: a claim of sends or polls, or recording a call's outcome. */
  loopStep(step: 'claim_sends' | 'claim_polls' | 'record', seconds: number): void;
  /** Provider calls in flight, and calls answered whose outcome is not recorded yet (both bound by the budget). */
  inFlight(calls: number, recording: number): void;
}
