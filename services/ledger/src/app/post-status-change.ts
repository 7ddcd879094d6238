import { getCurrency } from '@sluice/money';
import { v7 as uuidv7 } from 'uuid';
import { type AccountKey, accountKeyString, SCOPE_PART } from '../domain/account.ts';
import { businessDate } from '../domain/effective-date.ts';
import type { LifecycleEvent } from '../domain/lifecycle-event.ts';
import { decidePosting, type SkipReason } from '../domain/posting-rules.ts';
import type { AccountDirectory, AccountRecord, LedgerTx } from './ports.ts';
import { type PostOutcome, postEntry } from './post-entry.ts';

export interface StatusPostingDeps {
  readonly accounts: AccountDirectory;
  /** Business time zone: the effective date of an entry is the event's date there. */
  readonly timeZone: string;
}

export type StatusPostingOutcome =
  | PostOutcome
  | { readonly kind: 'skipped'; readonly reason: SkipReason }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Why the event's scope cannot name ledger accounts, if it cannot. */
function scopeProblem(event: LifecycleEvent): string | undefined {
  if (!SCOPE_PART.test(event.programId)) return 'program_id is not a valid account scope';
  if (!SCOPE_PART.test(event.provider)) return 'provider is not a valid account scope';
  if (!getCurrency(event.currency)) return `unknown currency ${event.currency.slice(0, 16)}`;
  return undefined;
}

/**
 * Applies the posting rules to one lifecycle event inside the consumer's transaction: reads what the payout already
 * has, decides, and posts at most one entry, idempotent by the event id.
 */
export async function postStatusChange(
  deps: StatusPostingDeps,
  tx: LedgerTx,
  event: LifecycleEvent,
): Promise<StatusPostingOutcome> {
  const decision = decidePosting(event, await tx.journal.payoutPostings(event.payoutId));
  if (decision.kind === 'skip') return { kind: 'skipped', reason: decision.reason };
  if (decision.kind === 'invalid') return decision;
  const problem = scopeProblem(event);
  if (problem) return { kind: 'invalid', reason: problem };
  const scope = { programId: event.programId, provider: event.provider, currency: event.currency };
  const keys: AccountKey[] = decision.entry.lines.map((line) => ({ ...scope, role: line.role }));
  const byKey = await deps.accounts.resolve(keys);
  const accountOf = (key: AccountKey): AccountRecord => byKey.get(accountKeyString(key))!;
  const byId = new Map(keys.map((key) => [accountOf(key).id, accountOf(key)]));
  return postEntry(
    tx,
    {
      id: uuidv7(),
      entryType: decision.entry.entryType,
      causeEventId: event.eventId,
      payoutId: event.payoutId,
      providerReference: event.providerReference,
      programId: event.programId,
      reversesEntryId: decision.entry.reversesEntryId,
      effectiveDate: businessDate(event.occurredAtMs, deps.timeZone),
      description: decision.entry.description,
      correlationId: event.correlationId,
      causationId: event.eventId,
      postedBy: 'ledger:posting-rules',
      lines: decision.entry.lines.map((line) => ({
        accountId: accountOf({ ...scope, role: line.role }).id,
        direction: line.direction,
        amountMinor: line.amountMinor,
        currency: event.currency,
      })),
    },
    byId,
  );
}
