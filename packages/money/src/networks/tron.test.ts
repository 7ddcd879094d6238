import { validateTronAddress } from './tron.ts';

// USDT (TRC-20) contract on Tron mainnet.
const USDT_CONTRACT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

describe('validateTronAddress', () => {
  it('accepts the USDT contract address unchanged', () => {
    expect(validateTronAddress(USDT_CONTRACT)).toEqual({ ok: true, normalized: USDT_CONTRACT });
  });

  it.each([
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u', 'last character changed'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t', 'one character in the middle changed'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjjL6t', 'two characters swapped'],
  ])('refuses %s (%s) on its checksum', (address) => {
    expect(validateTronAddress(address)).toMatchObject({ ok: false, code: 'address_checksum_invalid' });
  });

  it('refuses a valid base58check address with another version byte (Bitcoin P2PKH)', () => {
    expect(validateTronAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toMatchObject({
      ok: false,
      code: 'address_wrong_network',
    });
  });

  it('refuses the zero account (0x41 followed by 20 zero bytes)', () => {
    expect(validateTronAddress('T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb')).toMatchObject({
      ok: false,
      code: 'address_zero',
    });
  });

  it.each([
    [USDT_CONTRACT.slice(0, -2), 'address_length_invalid'],
    [`${USDT_CONTRACT}1`, 'address_length_invalid'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6O', 'address_format_invalid'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'address_format_invalid'],
    ['', 'address_empty'],
  ])('refuses %s as %s', (address, code) => {
    expect(validateTronAddress(address)).toMatchObject({ ok: false, code });
  });
});
