import type { AccountKey, AccountType, Direction } from '../domain/account.ts';
import type { AccountTotals } from '../domain/balance.ts';
import type { AccountLine, EntryType } from '../domain/journal-entry.ts';
import type { OperatorRole } from '../domain/operator.ts';
import type { PayoutPostings } from '../domain/payout-postings.ts';

/** An account as stored: its natural key plus id, type and ERP code. Immutable apart from its cached totals. */
export interface AccountRecord extends AccountKey {
  readonly id: string;
  readonly type: AccountType;
  readonly externalCode: string;
  readonly name: string;
}

/** An entry ready to write; lines are already resolved to accounts and validated. */
export interface NewEntry {
  readonly id: string;
  readonly entryType: EntryType;
  /** Idempotency key: the event (or manual posting request) that caused the entry. */
  readonly causeEventId: string;
  readonly payoutId: string | null;
  readonly providerReference: string | null;
  readonly programId: string | null;
  readonly reversesEntryId: string | null;
  readonly effectiveDate: string;
  readonly description: string | null;
  readonly correlationId: string;
  /** The event that caused it (null for API-made entries); becomes the outgoing event's causation id. */
  readonly causationId: string | null;
  /** `ledger:rules` or the operators who posted it. */
  readonly postedBy: string;
  readonly lines: readonly AccountLine[];
}

/** A line as an ERP sees it: with the account's type and external code. */
export interface PostedLine extends AccountLine {
  readonly lineNo: number;
  readonly accountType: AccountType;
  readonly externalCode: string;
}

export interface PostedEntry extends Omit<NewEntry, 'lines'> {
  readonly postedAt: Date;
  readonly lines: readonly PostedLine[];
}

/** The journal inside one transaction. */
export interface JournalStore {
  /** What the payout already has, for the posting rules. */
  payoutPostings(payoutId: string): Promise<PayoutPostings>;
  /** `payoutPostings` of several payouts in one read; the map has every id asked for (empty postings if none). */
  payoutPostingsMany(payoutIds: readonly string[]): Promise<ReadonlyMap<string, PayoutPostings>>;
  /**
   * Inserts the entry and its lines and returns the posting instant; undefined when an entry with the same cause (or
   * the same payout and lifecycle type) already exists, in which case nothing was written.
   */
  insert(entry: NewEntry): Promise<Date | undefined>;
  findByCause(causeEventId: string): Promise<string | undefined>;
}

/** Publishes a posted entry to `ledger.entries-posted.v1` through the outbox of the same transaction. */
export interface EntryPublisher {
  publish(entry: PostedEntry): Promise<void>;
}

/** Everything a posting needs inside one open transaction. */
export interface LedgerTx {
  readonly journal: JournalStore;
  readonly publisher: EntryPublisher;
  readonly requests: PostingRequestStore;
}

/** Finds or creates the accounts of a scope; records are immutable so they are cached. */
export interface AccountDirectory {
  resolve(keys: readonly AccountKey[]): Promise<ReadonlyMap<string, AccountRecord>>;
  byIds(ids: readonly string[]): Promise<ReadonlyMap<string, AccountRecord>>;
}

export interface Clock {
  now(): Date;
}

export interface OperatorRecord {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly OperatorRole[];
}

export interface OperatorKeyRecord {
  readonly keyId: string;
  readonly operator: OperatorRecord;
  readonly secretSha256: Buffer;
  readonly revoked: boolean;
}

export interface OperatorStore {
  findKey(keyId: string): Promise<OperatorKeyRecord | null>;
  ensureOperator(operator: OperatorRecord): Promise<void>;
  insertKey(key: { keyId: string; operatorId: string; secretSha256: Buffer }): Promise<void>;
}

/** A manual line as requested: an existing account, a side and an amount. */
export interface ManualLine {
  readonly accountId: string;
  readonly direction: Direction;
  readonly amountMinor: bigint;
}

/** What an operator asked to post. Lines are resolved at request time and replayed unchanged on approval. */
export interface PostingRequestBody {
  readonly lines: readonly AccountLine[];
  readonly programId: string | null;
  readonly providerReference: string | null;
  readonly payoutId: string | null;
  readonly effectiveDate: string | null;
}

export interface PostingRequestRecord {
  readonly id: string;
  readonly kind: 'funding' | 'adjustment';
  readonly status: 'pending_approval' | 'posted' | 'rejected';
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestHash: string;
  readonly body: PostingRequestBody;
  readonly approvalsRequired: number;
  readonly approvedBy: readonly string[];
  readonly entryId: string | null;
  readonly rejectedBy: string | null;
  readonly rejectionReason: string | null;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
}

export interface PostingRequestStore {
  insert(
    record: Omit<
      PostingRequestRecord,
      'approvedBy' | 'createdAt' | 'decidedAt' | 'entryId' | 'rejectedBy' | 'rejectionReason'
    >,
    idempotencyKey: string | null,
  ): Promise<boolean>;
  byIdempotencyKey(operatorId: string, idempotencyKey: string): Promise<PostingRequestRecord | null>;
  /** Reads the request and locks it for the rest of the transaction (approvals of one request serialize). */
  lock(id: string): Promise<PostingRequestRecord | null>;
  get(id: string): Promise<PostingRequestRecord | null>;
  list(filter: { status?: string; limit: number }): Promise<PostingRequestRecord[]>;
  addApproval(id: string, operatorId: string): Promise<void>;
  markPosted(id: string, entryId: string): Promise<void>;
  markRejected(id: string, operatorId: string, reason: string): Promise<void>;
}

/** Read-side queries (outside posting transactions). */
export interface LedgerReader {
  totals(filter: AccountFilter, asOf?: Date): Promise<AccountTotals[]>;
  entries(filter: EntryFilter): Promise<PostedEntry[]>;
  entry(id: string): Promise<PostedEntry | null>;
}

export interface AccountFilter {
  readonly programId?: string;
  readonly provider?: string;
  readonly currency?: string;
  readonly accountId?: string;
}

export interface EntryFilter {
  readonly payoutId?: string;
  readonly providerReference?: string;
  readonly fromDate?: string;
  readonly toDate?: string;
  /** Keyset cursor: entries after this (effective date, id). */
  readonly after?: { readonly effectiveDate: string; readonly id: string };
  readonly limit: number;
}
