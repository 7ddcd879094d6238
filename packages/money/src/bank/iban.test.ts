import { validateIban } from './iban.ts';

describe('validateIban', () => {
  // Examples from the ECBS/SWIFT IBAN registry.
  it.each([
    'GB82WEST12345698765432',
    'DE89370400440532013000',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'BE68539007547034',
  ])('accepts %s', (iban) => {
    expect(validateIban(iban)).toEqual({ ok: true, normalized: iban });
  });

  it('accepts the printed form with spaces and lower case, normalized to the electronic form', () => {
    expect(validateIban('gb82 west 1234 5698 7654 32')).toEqual({ ok: true, normalized: 'GB82WEST12345698765432' });
  });

  it.each([
    ['GB82WEST12345698765433', 'address_checksum_invalid', 'last digit changed'],
    ['DE89370400440532013001', 'address_checksum_invalid', 'last digit changed'],
    ['DE88370400440532013000', 'address_checksum_invalid', 'check digits changed'],
    ['DE8937040044053201300', 'address_length_invalid', 'one digit short for DE'],
    ['GB82WEST123456987654321', 'address_length_invalid', 'one digit long for GB'],
    ['GB82WEST1234569876543A', 'address_format_invalid', 'letter where GB wants a digit'],
    ['XX89370400440532013000', 'country_unsupported', 'unknown country'],
    ['DEAB370400440532013000', 'address_format_invalid', 'letters as check digits'],
    ['DE89-3704-0044-0532-0130-00', 'address_format_invalid', 'dashes are not an IBAN separator'],
    ['CH4431999123000889012', 'address_unsupported', 'Swiss QR-IBAN'],
    ['', 'address_empty', 'empty'],
    [`GB82${'1'.repeat(40)}`, 'address_length_invalid', 'longer than 34'],
  ])('refuses %s as %s (%s)', (iban, code) => {
    expect(validateIban(iban)).toMatchObject({ ok: false, code });
  });
});
