const ELLIPSIS = '…';
// Below this length first-6 + last-4 would reveal most of the value, so only the tail is shown.
const MIN_CHARS_FOR_HEAD = 14;

function tail(value: string, count: number): string {
  return value.length > count ? ELLIPSIS + value.slice(-count) : ELLIPSIS;
}

/** Masks an on-chain address for logs and responses: `0xAbCdEf…1234` (first 6, last 4). */
export function maskAddress(address: string): string {
  if (address.length < MIN_CHARS_FOR_HEAD) return tail(address, 4);
  return address.slice(0, 6) + ELLIPSIS + address.slice(-4);
}

/** Masks an IBAN: country and check digits (not secret) plus the last 4, e.g. `GB82…5432`. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (compact.length < MIN_CHARS_FOR_HEAD) return tail(compact, 4);
  return compact.slice(0, 4) + ELLIPSIS + compact.slice(-4);
}

/** Masks a bank account number to its last 4 digits: `…6789`; 4 characters or fewer are fully hidden. */
export function maskAccountNumber(accountNumber: string): string {
  return tail(accountNumber.replace(/[\s-]/g, ''), 4);
}

/** Masks a tax id (SSN, EIN, TIN, VAT) to its last 4 characters: `…6789`; separators are dropped first. */
export function maskTaxId(taxId: string): string {
  return tail(taxId.replace(/[\s./-]/g, ''), 4);
}
