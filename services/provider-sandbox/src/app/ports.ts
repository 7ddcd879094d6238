import type { LedgerMove } from '../domain/lifecycle.ts';
import type { Payout } from '../domain/payout.ts';
import type { EventType, PayoutStatus } from '../domain/payout-status.ts';
import type { SettlementRow } from '../domain/settlement-report.ts';

export interface Clock {
  now(): Date;
}

/** A payout row plus what only the sandbox's own records show (never the public representation). */
export interface StoredPayout {
  readonly payout: Payout;
  readonly requestSha256: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Payout rows, their status history and the daily report over it. */
export interface PayoutStore {
  /** Serialises every create call for one idempotency key until the transaction ends. */
  lockKey(idempotencyKey: string): Promise<void>;
  findByKey(idempotencyKey: string): Promise<StoredPayout | null>;
  insert(payout: StoredPayout): Promise<void>;
  get(id: string): Promise<Payout | null>;
  listByClientReference(clientReference: string, limit: number): Promise<StoredPayout[]>;
  /** Locks and returns one payout whose next step is due (skipping rows another worker holds). */
  /** Up to `limit` payouts whose next step is due, oldest first, locked (skip-locked) for this transaction. */
  claimDue(now: Date, limit: number): Promise<Payout[]>;
  /** Writes the payout's new state (the row only; history is separate). */
  update(payout: Payout): Promise<void>;
  recordTransition(payoutId: string, status: PayoutStatus, at: Date): Promise<void>;
  /** One row per payout that reached completed, failed or reversed in `[start, end)`: the last of those that day. */
  settlements(start: Date, end: Date): Promise<SettlementRow[]>;
}

export interface Balance {
  readonly currency: string;
  readonly availableMinor: bigint;
  readonly pendingMinor: bigint;
}

export interface Funding {
  readonly id: string;
  readonly idempotencyKey: string | null;
  readonly requestSha256: string | null;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly createdAt: Date;
}

/** Thrown inside a transaction to roll it back when a reserve is more than the available balance. */
export class InsufficientBalance extends Error {
  readonly currency: string;
  constructor(currency: string) {
    super(`insufficient ${currency}`);
    this.name = 'InsufficientBalance';
    this.currency = currency;
  }
}

/** A reserve of a create: `amountMinor` from available to pending for `payoutId`. */
export interface Reserve {
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly payoutId: string;
  readonly at: Date;
}

/** The sandbox account's balances per currency, kept equal to the sum of its journal lines. */
export interface LedgerStore {
  /** Moves `amountMinor` from available to pending when available covers it; false (nothing moved) otherwise. */
  reserve(currency: string, amountMinor: bigint, payoutId: string, at: Date): Promise<boolean>;
  /** Several reserves, all or none: one conditional balance update per currency (in currency order), one journal insert. */
  reserveMany(reserves: readonly Reserve[]): Promise<boolean>;
  /** Several moves at once: one balance update per currency (in currency order) and one multi-row journal insert. */
  moveMany(moves: readonly { currency: string; move: LedgerMove; payoutId: string; at: Date }[]): Promise<void>;
  fund(funding: Funding): Promise<void>;
  findFunding(idempotencyKey: string): Promise<Funding | null>;
  /** True when a funding in `currency` was posted strictly after `since`. */
  fundedSince(currency: string, since: Date): Promise<boolean>;
  balances(): Promise<Balance[]>;
}

/** Per-key state of the scripted refusals (flapping calls, funding gates). */
export interface AdmissionStore {
  /** Counts one more call for the key and returns the count including it. */
  countFlap(idempotencyKey: string): Promise<number>;
  /** When the key's funding gate was first set (set now when missing). */
  fundingGate(idempotencyKey: string, currency: string, at: Date): Promise<Date>;
}

export type DeliveryState = 'queued' | 'delivered' | 'failed' | 'suppressed';

/** A callback event as stored: its exact body is signed and sent byte for byte on every try. */
export interface CallbackEvent {
  readonly id: string;
  readonly payoutId: string;
  readonly type: EventType;
  readonly body: string;
  readonly createdAt: Date;
}

/** A delivery to queue: `held` ones wait until another delivery of the same payout finishes. */
export interface NewDelivery {
  readonly state: 'queued' | 'suppressed';
  readonly held: boolean;
  readonly note: string | null;
}

/** A delivery claimed for one try (its lease keeps other workers off it until it expires). */
export interface ClaimedDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly payoutId: string;
  /** Tries so far, this one included. */
  readonly attempts: number;
  readonly body: string;
}

export interface DeliveryView {
  readonly id: string;
  readonly eventId: string;
  readonly type: EventType;
  readonly state: DeliveryState;
  readonly held: boolean;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
}

export type DeliveryResult =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'retry'; readonly status: number | null; readonly error: string; readonly nextAttemptAt: Date }
  | { readonly kind: 'failed'; readonly status: number | null; readonly error: string };

/** Callback events and their deliveries, persisted so a restart carries on where it stopped. */
export interface CallbackStore {
  addEvent(event: CallbackEvent, deliveries: readonly NewDelivery[]): Promise<void>;
  claimDue(now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  /** Records the outcome of each try (one statement for all of them). */
  finish(tries: readonly { readonly deliveryId: string; readonly result: DeliveryResult }[], now: Date): Promise<void>;
  /** Lets the payouts' held deliveries go now (out-of-order callbacks). */
  releaseHeld(payoutIds: readonly string[], now: Date): Promise<void>;
  listForPayout(payoutId: string): Promise<DeliveryView[]>;
}

/** One `POST /v1/payouts` call as the sandbox saw it, kept so tests can count what reached the provider. */
export interface PayoutCall {
  readonly idempotencyKey: string | null;
  readonly clientReference: string | null;
  readonly httpStatus: number;
  readonly code: string | null;
  readonly at: Date;
}

export interface CallLog {
  record(call: PayoutCall): Promise<void>;
  list(filter: { clientReference?: string; idempotencyKey?: string }, limit: number): Promise<PayoutCall[]>;
}

/** Every store bound to one transaction (or to a read-only fork). */
export interface Stores {
  readonly payouts: PayoutStore;
  readonly ledger: LedgerStore;
  readonly admission: AdmissionStore;
  readonly callbacks: CallbackStore;
  readonly calls: CallLog;
}

export interface Transactions {
  /**
   * Runs `work` in one transaction: everything it wrote commits together or not at all. New rows and balance changes
   * are written at its end (balances last), so a reserve answers at once and one the available balance cannot cover
   * fails the transaction with `InsufficientBalance` instead.
   */
  run<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  /**
   * Runs `work` as `run` does, in a transaction shared with the works submitted meanwhile (group commit): their rows
   * and reserves are written together at its end, one balance update per currency, so concurrent creates stop queueing
   * one by one on the balance row. When the reserves do not fit or any work fails, each work runs again in a transaction
   * of its own: works must be safe to run again. Given the idempotency key a work will lock and read, the shared
   * transaction locks and reads the keys of all its works in one statement each, and `lockKey` / `findByKey` answer
   * from there.
   */
  grouped<T>(work: (stores: Stores) => Promise<T>, options?: { idempotencyKey?: string }): Promise<T>;
  read(): Stores;
}

/** Outcome of one HTTP callback try, as the sender saw it. */
export type SendResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly status: number | null; readonly error: string };

/** Sends one signed callback; never throws (network errors are results). */
export interface CallbackSender {
  send(request: { url: string; body: string; headers: Record<string, string>; timeoutMs: number }): Promise<SendResult>;
}
