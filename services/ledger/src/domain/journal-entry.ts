import type { AccountRole, Direction } from './account.ts';

/** Kinds of entry, as carried by `ledger.entries-posted.v1`'s `entry_type`. */
export const ENTRY_TYPES = ['reserve', 'settle', 'void', 'reversal', 'funding', 'adjustment'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** A line whose account is named by role within the entry's scope (what posting rules produce). */
export interface RoleLine {
  readonly role: AccountRole;
  readonly direction: Direction;
  readonly amountMinor: bigint;
}

/** A line on a concrete account (what is written). */
export interface AccountLine {
  readonly accountId: string;
  readonly direction: Direction;
  readonly amountMinor: bigint;
  readonly currency: string;
}

/** Why a set of lines cannot be posted. */
export type EntryProblem =
  | { readonly code: 'too_few_lines' | 'too_many_lines'; readonly lines: number }
  | { readonly code: 'amount_not_positive'; readonly line: number }
  | { readonly code: 'unbalanced'; readonly currency: string; readonly differenceMinor: bigint };

/** Most lines one entry may carry: bounds statement size and what an ERP has to ingest per event. */
export const MAX_LINES_PER_ENTRY = 50;

/**
 * Checks what every posted entry must satisfy before it reaches the database (which checks it again in a deferred
 * trigger): at least two lines, every amount positive, debits equal credits in every currency.
 */
export function entryProblem(lines: readonly AccountLine[]): EntryProblem | undefined {
  if (lines.length < 2) return { code: 'too_few_lines', lines: lines.length };
  if (lines.length > MAX_LINES_PER_ENTRY) return { code: 'too_many_lines', lines: lines.length };
  const net = new Map<string, bigint>();
  for (const [index, line] of lines.entries()) {
    if (line.amountMinor <= 0n) return { code: 'amount_not_positive', line: index };
    const signed = line.direction === 'debit' ? line.amountMinor : -line.amountMinor;
    net.set(line.currency, (net.get(line.currency) ?? 0n) + signed);
  }
  for (const [currency, differenceMinor] of net) {
    if (differenceMinor !== 0n) return { code: 'unbalanced', currency, differenceMinor };
  }
  return undefined;
}

export const opposite = (direction: Direction): Direction => (direction === 'debit' ? 'credit' : 'debit');
