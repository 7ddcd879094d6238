import { maskAccountNumber, maskAddress, maskIban, maskTaxId } from './mask.ts';

describe('masking', () => {
  it('keeps the first 6 and last 4 characters of an address', () => {
    expect(maskAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe('0x5aAe…eAed');
    expect(maskAddress('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe('bc1qw5…f3t4');
    expect(maskAddress('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')).toBe('TR7NHq…Lj6t');
  });

  it('shows only the tail of values too short to show both ends', () => {
    expect(maskAddress('BC1SW50QGDZ25J')).toBe('BC1SW5…Z25J');
    expect(maskAddress('bc1pw5dgrnzv')).toBe('…rnzv');
    expect(maskAddress('abc')).toBe('…');
  });

  it('masks an IBAN to country, check digits and last 4', () => {
    expect(maskIban('GB82WEST12345698765432')).toBe('GB82…5432');
    expect(maskIban('de89 3704 0044 0532 0130 00')).toBe('DE89…3000');
  });

  it('masks account numbers and tax ids to their last 4 characters', () => {
    expect(maskAccountNumber('000123456789')).toBe('…6789');
    expect(maskAccountNumber('1234')).toBe('…');
    expect(maskTaxId('123-45-6789')).toBe('…6789');
    expect(maskTaxId('DE 123.456.789')).toBe('…6789');
    expect(maskTaxId('')).toBe('…');
  });
});
