import { type AccountLine, entryProblem } from './journal-entry.ts';

const l = (direction: 'debit' | 'credit', amountMinor: bigint, currency = 'USD', accountId = 'a'): AccountLine => ({
  accountId,
  direction,
  amountMinor,
  currency,
});

describe('entryProblem', () => {
  it('accepts an entry whose debits equal its credits in every currency', () => {
    expect(entryProblem([l('debit', 5n), l('credit', 5n), l('debit', 7n, 'EUR'), l('credit', 7n, 'EUR')])).toBe(
      undefined,
    );
  });

  it('refuses an entry that balances overall but not per currency', () => {
    expect(entryProblem([l('debit', 5n, 'USD'), l('credit', 5n, 'EUR')])).toEqual({
      code: 'unbalanced',
      currency: 'USD',
      differenceMinor: 5n,
    });
  });

  it('refuses fewer than two lines and non-positive amounts', () => {
    expect(entryProblem([l('debit', 5n)])).toEqual({ code: 'too_few_lines', lines: 1 });
    expect(entryProblem([l('debit', 0n), l('credit', 0n)])).toEqual({ code: 'amount_not_positive', line: 0 });
  });
});
