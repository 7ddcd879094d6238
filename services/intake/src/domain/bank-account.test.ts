import { bankAccountDisplay, validateBankAccount } from './bank-account.ts';

const codes = (body: unknown) => {
  const result = validateBankAccount(body);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}:${issue.code}`);
};

describe('validateBankAccount: IBAN', () => {
  // Examples from the SWIFT IBAN registry.
  it.each([
    ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', 'GBP'],
    ['DE89370400440532013000', 'DE89370400440532013000', 'EUR'],
    ['fr1420041010050500013m02606', 'FR1420041010050500013M02606', 'EUR'],
  ])('accepts %s', (iban, normalized, currency) => {
    const result = validateBankAccount({ type: 'iban', iban, currency, holder_name: 'Ana Cruz' });
    expect(result).toEqual({
      ok: true,
      value: { rail: 'iban', iban: normalized, currency, holderName: 'Ana Cruz', country: normalized.slice(0, 2) },
    });
  });

  it('refuses a wrong mod-97 check, a wrong length and a fiat-less currency', () => {
    expect(codes({ type: 'iban', iban: 'GB82WEST12345698765431', currency: 'GBP', holder_name: 'A' })).toEqual([
      'iban:address_checksum_invalid',
    ]);
    expect(codes({ type: 'iban', iban: 'GB82WEST1234569876543', currency: 'GBP', holder_name: 'A' })).toEqual([
      'iban:address_length_invalid',
    ]);
    expect(codes({ type: 'iban', iban: 'GB82WEST12345698765432', currency: 'USDC', holder_name: 'A' })).toEqual([
      'currency:currency_unknown',
    ]);
  });

  it('masks the IBAN for display', () => {
    const result = validateBankAccount({
      type: 'iban',
      iban: 'GB82WEST12345698765432',
      currency: 'GBP',
      holder_name: 'A',
    });
    expect(result.ok && bankAccountDisplay(result.value)).toBe('GB82…5432');
  });
});

describe('validateBankAccount: US account', () => {
  const account = {
    type: 'us_account',
    routing_number: '021000021',
    account_number: '000123456789',
    account_type: 'checking',
    holder_name: 'Ana',
  };

  it('accepts routing numbers with a valid ABA checksum', () => {
    for (const routing of ['021000021', '011000015', '121000358']) {
      expect(codes({ ...account, routing_number: routing })).toEqual([]);
    }
  });

  it('refuses a wrong checksum, a bad account number and account type', () => {
    expect(codes({ ...account, routing_number: '021000022' })).toEqual(['routing_number:address_checksum_invalid']);
    expect(codes({ ...account, account_number: '12-34' })).toEqual(['account_number:account_number_invalid']);
    expect(codes({ ...account, account_type: 'brokerage' })).toEqual(['account_type:invalid_enum']);
  });

  it('masks the account number to its last 4 digits', () => {
    const result = validateBankAccount(account);
    expect(result.ok && bankAccountDisplay(result.value)).toBe('021000021 …6789');
  });

  it('refuses an unknown type and server-owned fields', () => {
    expect(codes({ ...account, type: 'cheque' })).toEqual(['type:invalid_enum']);
    expect(codes({ ...account, state: 'active' })).toEqual(['state:server_owned_field']);
  });
});
