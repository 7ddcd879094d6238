import { type EntryProblem, entryProblem } from '../domain/journal-entry.ts';
import type { AccountRecord, LedgerTx, NewEntry, PostedEntry } from './ports.ts';

/** An entry that breaks a ledger rule (unbalanced, fewer than two lines, a non-positive amount). */
export class InvalidEntryError extends Error {
  readonly code = 'entry_invalid';
  readonly problem: EntryProblem;
  constructor(problem: EntryProblem) {
    super(`journal entry refused: ${problem.code}`);
    this.name = 'InvalidEntryError';
    this.problem = problem;
  }
}

export type PostOutcome =
  | { readonly kind: 'posted'; readonly entry: PostedEntry }
  /**
   * An entry with the same cause (or, for a payout, of the same lifecycle type) exists already: nothing was written.
   * Resubmitting is `exists`, not an error.
   */
  | { readonly kind: 'duplicate'; readonly entryId: string | null };

/**
 * The one write path of the journal, used by the posting rules, the manual postings and the benchmark alike:
 * validate, insert the entry and its lines, publish it through the outbox. The cached balances of the touched accounts
 * are updated by the same transaction as it commits, once for all its entries, with the accounts locked in one global
 * order (see the ledger migration): that is what keeps concurrent postings on hot accounts free of deadlocks.
 */
export async function postEntry(
  tx: LedgerTx,
  entry: NewEntry,
  accounts: ReadonlyMap<string, AccountRecord>,
): Promise<PostOutcome> {
  const problem = entryProblem(entry.lines);
  if (problem) throw new InvalidEntryError(problem);
  const postedAt = await tx.journal.insert(entry);
  if (!postedAt) {
    return { kind: 'duplicate', entryId: (await tx.journal.findByCause(entry.causeEventId)) ?? null };
  }
  const posted: PostedEntry = {
    ...entry,
    postedAt,
    lines: entry.lines.map((line, lineNo) => {
      const account = accounts.get(line.accountId);
      if (!account) throw new Error(`account ${line.accountId} was not resolved before posting`);
      return { ...line, lineNo, accountType: account.type, externalCode: account.externalCode };
    }),
  };
  await tx.publisher.publish(posted);
  return { kind: 'posted', entry: posted };
}
