import type { PayoutAcceptedV1, PayoutRejectedV1 } from '@sluice/contracts';
import type { Payload, Trace } from '@sluice/messaging';
import type { Scope } from '../domain/api-key.ts';
import type { BankAccountInput } from '../domain/bank-account.ts';
import type { BeneficiaryInput } from '../domain/beneficiary.ts';
import type { DestinationState } from '../domain/destination-state.ts';
import type { StoredResponse } from '../domain/idempotency.ts';
import type { BatchItemResult } from '../domain/payout-batch.ts';
import type { PayableDestination } from '../domain/payout-checks.ts';
import type { DestinationType } from '../domain/payout-request.ts';
import type { PayoutStatus } from '../domain/payout-status.ts';
import type { HoldView, PayoutView } from '../domain/payout-view.ts';
import type { WalletInput } from '../domain/wallet.ts';

/** Thrown by the key store when another request holds the same key for longer than the lock timeout. */
export class KeyBusyError extends Error {
  readonly code = 'request_in_progress';
  constructor() {
    super('another request with this idempotency key is being processed');
    this.name = 'KeyBusyError';
  }
}

/** A cursor page request: ids after `afterId` in the listing order (newest first), at most `limit`. */
export interface Page {
  readonly afterId: string | null;
  readonly limit: number;
}

export interface PayoutFilter {
  readonly status?: PayoutStatus;
  readonly beneficiaryId?: string;
  readonly finished?: boolean;
  readonly platformReference?: string;
  /** The idempotency key (REST) or `request_id` (topic) the payout was created under. */
  readonly requestId?: string;
}

/** A signal recorded against a payout, applied or not, so the view can always be explained. */
export interface HistoryEntry {
  readonly payoutId: string;
  readonly eventId: string | null;
  readonly source: string;
  readonly status: string;
  readonly reason: string | null;
  readonly applied: boolean;
  readonly occurredAt: Date;
}

/** Fields a status signal may set on the view; absent fields keep their value. */
export interface StatusPatch {
  readonly status: PayoutStatus;
  readonly statusReason: string | null;
  readonly providerReference?: string | null;
  readonly settledAmountMinor?: bigint | null;
  readonly feeAmountMinor?: bigint | null;
  readonly hold?: HoldView | null;
  readonly at: Date;
}

export interface PayoutRepository {
  /** The payout if it belongs to `platformId`; another platform's payout is indistinguishable from none. */
  find(platformId: string, id: string): Promise<PayoutView | null>;
  /** The payout locked for this transaction (signals for one payout apply one at a time). */
  lock(id: string): Promise<PayoutView | null>;
  exists(id: string): Promise<boolean>;
  list(platformId: string, filter: PayoutFilter, page: Page): Promise<PayoutView[]>;
  history(id: string): Promise<HistoryEntry[]>;
  applyStatus(id: string, patch: StatusPatch): Promise<void>;
  markCancelRequested(id: string, at: Date): Promise<void>;
  record(entry: HistoryEntry): Promise<void>;
}

export interface IdempotencyRepository {
  find(platformId: string, key: string): Promise<StoredResponse | null>;
}

/** What accepting a payout needs to read first: the key's stored response and the destination the request names. */
export interface AdmissionLookup {
  readonly stored: StoredResponse | null;
  readonly beneficiaryFound: boolean;
  /** The destination, only if it belongs to that beneficiary of that platform. */
  readonly destination: PayableDestination | null;
}

/**
 * The hot path of accepting a payout in two statements, each atomic on its own, so it needs no explicit transaction
 * (and runs unchanged inside one when a consumer calls it).
 */
export interface AdmissionRepository {
  lookup(
    platformId: string,
    key: string,
    beneficiaryId: string,
    destination: { type: DestinationType; id: string },
  ): Promise<AdmissionLookup>;
  /**
   * In one statement, all or nothing: checks that the payout's destination is still `active` and belongs to its
   * beneficiary and platform, claims (platform, key) for `stored`, inserts the payout and writes its accepted event to
   * the outbox. A concurrent, uncommitted claim of the same key makes it wait for that one to finish; KeyBusyError if
   * that takes longer than the lock timeout.
   */
  admit(
    payout: PayoutView,
    extra: { requestHash: string; channel: 'api' | 'topic' },
    stored: StoredResponse,
    event: AcceptedEvent,
  ): Promise<AdmitResult>;
}

/** `key_taken`: an unexpired entry holds the key. `destination_not_payable`: the destination is no longer active. */
export type AdmitResult = 'admitted' | 'key_taken' | 'destination_not_payable';

/** The arguments of one `AdmissionRepository.admit`, as one value (a batch admits many). */
export interface AdmissionInput {
  readonly payout: PayoutView;
  readonly extra: { readonly requestHash: string; readonly channel: 'api' | 'topic' };
  readonly stored: StoredResponse;
  readonly event: AcceptedEvent;
}

/** A payout batch as stored: its key, the hash of its canonical body and how its items came out. */
export interface BatchRecord {
  readonly id: string;
  readonly platformId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly itemCount: number;
  readonly admittedCount: number;
  readonly refusedCount: number;
  readonly createdAt: Date;
}

/** The transaction a batch is admitted in. */
export interface BatchTx {
  /**
   * `AdmissionRepository.admit` for every admission, with its guarantees, as multi-row statements in this
   * transaction; one result per admission, in order.
   */
  admit(admissions: readonly AdmissionInput[]): Promise<AdmitResult[]>;
  /** The entries stored under `keys` as this transaction sees them (the winners of `key_taken`). */
  storedKeys(platformId: string, keys: readonly string[]): Promise<ReadonlyMap<string, StoredResponse>>;
}

/**
 * Set-based reads and the admission statement for a chunk of upstream requests, in the consumer's transaction: a
 * statement per question for the whole chunk instead of one per request.
 */
export interface AdmissionChunkTx extends BatchTx {
  /** The ids among `ids` that name a platform. */
  knownPlatforms(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** The ids among `ids` already used by a payout. */
  takenPayoutIds(ids: readonly string[]): Promise<ReadonlySet<string>>;
  lookup: BatchRepository['lookup'];
}

export type BatchCreation =
  | { readonly kind: 'created'; readonly batch: BatchRecord; readonly items: readonly BatchItemResult[] }
  | { readonly kind: 'taken'; readonly batch: BatchRecord };

export interface BatchRepository {
  /** `AdmissionRepository.lookup` for many items at once (two statements whatever their number), in order. */
  lookup(
    platformId: string,
    items: readonly { key: string; beneficiaryId: string; destination: { type: DestinationType; id: string } }[],
  ): Promise<AdmissionLookup[]>;
  findByKey(platformId: string, key: string): Promise<BatchRecord | null>;
  /** The batch if it belongs to `platformId`; another platform's batch is indistinguishable from none. */
  find(platformId: string, id: string): Promise<BatchRecord | null>;
  /**
   * In one transaction: claims (platform, key) for the batch — a concurrent claim of the same key is waited for;
   * KeyBusyError past the lock timeout — then runs `admit` and stores the items it returns with their counts. When
   * the key is already claimed nothing is written and the stored batch is returned as `taken`.
   */
  create(
    batch: Omit<BatchRecord, 'admittedCount' | 'refusedCount'>,
    admit: (tx: BatchTx) => Promise<BatchItemResult[]>,
  ): Promise<BatchCreation>;
  /** Items in index order after `afterIndex` (-1 for the first), at most `limit`. */
  items(batchId: string, page: { afterIndex: number; limit: number }): Promise<BatchItemResult[]>;
  /** How many of the batch's payouts are in each status now, from the payout view. */
  statusCounts(batchId: string): Promise<Partial<Record<PayoutStatus, number>>>;
}

export interface Beneficiary extends BeneficiaryInput {
  readonly id: string;
  readonly platformId: string;
  readonly createdAt: Date;
}

export type Wallet = WalletInput & {
  readonly id: string;
  readonly beneficiaryId: string;
  readonly state: DestinationState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

export type BankAccount = BankAccountInput & {
  readonly id: string;
  readonly beneficiaryId: string;
  readonly state: DestinationState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

export interface PartyRepository {
  insertBeneficiary(beneficiary: Beneficiary): Promise<void>;
  findBeneficiary(platformId: string, id: string): Promise<Beneficiary | null>;
  listBeneficiaries(platformId: string, page: Page): Promise<Beneficiary[]>;
  /** Inserts the wallet, or returns the one already registered with the same network, address and asset. */
  insertWallet(platformId: string, wallet: Wallet): Promise<Wallet>;
  listWallets(beneficiaryId: string): Promise<Wallet[]>;
  findWallet(beneficiaryId: string, id: string): Promise<Wallet | null>;
  /** Inserts the account, or returns the one already registered with the same identifiers and currency. */
  insertBankAccount(platformId: string, account: BankAccount): Promise<BankAccount>;
  listBankAccounts(beneficiaryId: string): Promise<BankAccount[]>;
  findBankAccount(beneficiaryId: string, id: string): Promise<BankAccount | null>;
  /** Moves a destination from `from` to `to`; false when its state was no longer `from` (a concurrent command won). */
  setDestinationState(
    type: DestinationType,
    id: string,
    change: { from: DestinationState; to: DestinationState },
    at: Date,
  ): Promise<boolean>;
}

export interface ApiKeyRecord {
  readonly keyId: string;
  readonly platformId: string;
  readonly secretSha256: Buffer;
  readonly scopes: readonly Scope[];
  readonly revoked: boolean;
}

export interface PlatformRepository {
  exists(platformId: string): Promise<boolean>;
  /** Creates the platform unless it exists; true when it was created. */
  ensure(platform: { id: string; name: string; mode: 'test' | 'live' }): Promise<boolean>;
  insertApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKey(keyId: string): Promise<ApiKeyRecord | null>;
}

export type AcceptedEvent = Extract<IntakeEvent, { topic: 'payouts.accepted.v1' }>;

/** Events intake publishes, with the trace each belongs to. */
export type IntakeEvent =
  | { readonly topic: 'payouts.accepted.v1'; readonly payload: Payload<PayoutAcceptedV1>; readonly trace: Trace }
  | { readonly topic: 'payouts.rejected.v1'; readonly payload: Payload<PayoutRejectedV1>; readonly trace: Trace };

export interface Stores {
  readonly admission: AdmissionRepository;
  readonly payouts: PayoutRepository;
  readonly keys: IdempotencyRepository;
  readonly parties: PartyRepository;
  readonly platforms: PlatformRepository;
}

/** Stores bound to one open transaction, plus the outbox of that transaction. */
export interface IntakeTx extends Stores {
  /** Writes the event to the outbox in this transaction; it is published only if the transaction commits. */
  publish(event: IntakeEvent): Promise<void>;
}

export interface Transactions {
  /** Runs `work` in one transaction: every write and every published event commit together or not at all. */
  run<T>(work: (tx: IntakeTx) => Promise<T>): Promise<T>;
  /** Stores for reads outside a transaction. */
  read(): Stores;
}

/** Service settings the use cases need. */
export interface IntakeSettings {
  readonly defaultProgramId: string;
  readonly keyTtlHours: number;
}

export interface Clock {
  now(): Date;
}
