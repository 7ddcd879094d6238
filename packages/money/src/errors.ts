/** Stable codes for amount and currency errors; callers branch on these, never on messages. */
export type MoneyErrorCode =
  | 'amount_invalid_type'
  | 'amount_format_invalid'
  | 'amount_not_integer'
  | 'amount_not_positive'
  | 'amount_too_large'
  | 'amount_precision_exceeded'
  | 'currency_unknown'
  | 'currency_mismatch';

/** Error thrown by amount parsing and arithmetic. `code` is stable; `message` is for humans. */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.code = code;
  }
}
