import { toChecksumAddress, validateEvmAddress } from './evm.ts';

// Test cases published in EIP-55 ("Mixed-case checksum address encoding").
const EIP55_ALL_CAPS = ['0x52908400098527886E0F7030069857D2E4169EE7', '0x8617E340B3D01FA5F11F306F4090FD50E238070D'];
const EIP55_ALL_LOWER = ['0xde709f2102306220921060314715629080e2fb77', '0x27b1fdb04752bbc536007a920d24acb045561c26'];
const EIP55_NORMAL = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

/** Flips the case of the first hex letter after 0x at or after `from`. */
function flipOneLetter(address: string, from = 2): string {
  const index = address.slice(from).search(/[a-fA-F]/) + from;
  const char = address[index] ?? '';
  const flipped = char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
  return address.slice(0, index) + flipped + address.slice(index + 1);
}

describe('toChecksumAddress', () => {
  it.each([...EIP55_ALL_CAPS, ...EIP55_ALL_LOWER, ...EIP55_NORMAL])('reproduces the EIP-55 vector %s', (vector) => {
    expect(toChecksumAddress(vector.toLowerCase())).toBe(vector);
  });

  it('refuses input that is not 20 bytes of hex', () => {
    expect(() => toChecksumAddress('0x1234')).toThrow(TypeError);
  });
});

describe('validateEvmAddress', () => {
  it.each([...EIP55_ALL_CAPS, ...EIP55_ALL_LOWER, ...EIP55_NORMAL])(
    'accepts the EIP-55 vector %s unchanged',
    (vector) => {
      expect(validateEvmAddress(vector)).toEqual({ ok: true, normalized: vector });
    },
  );

  it.each(EIP55_NORMAL)('refuses %s with one letter case flipped', (vector) => {
    for (const from of [2, 20, 35]) {
      const tampered = flipOneLetter(vector, from);
      expect(tampered).not.toBe(vector);
      expect(validateEvmAddress(tampered)).toMatchObject({ ok: false, code: 'address_checksum_invalid' });
    }
  });

  it.each(EIP55_NORMAL)('accepts %s in all lower and all upper case and normalizes to EIP-55', (vector) => {
    const body = vector.slice(2);
    expect(validateEvmAddress(`0x${body.toLowerCase()}`)).toEqual({ ok: true, normalized: vector });
    expect(validateEvmAddress(`0x${body.toUpperCase()}`)).toEqual({ ok: true, normalized: vector });
  });

  it('refuses the zero address in any case', () => {
    expect(validateEvmAddress(`0x${'0'.repeat(40)}`)).toMatchObject({ ok: false, code: 'address_zero' });
  });

  it.each([
    ['', 'address_empty'],
    [undefined, 'address_empty'],
    [42, 'address_format_invalid'],
    ['5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'address_format_invalid'],
    ['0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'address_format_invalid'],
    [' 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'address_format_invalid'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n', 'address_format_invalid'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', 'address_length_invalid'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00', 'address_length_invalid'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg', 'address_format_invalid'],
    [`0x${'a'.repeat(200)}`, 'address_length_invalid'],
  ])('refuses %p as %s', (input, code) => {
    expect(validateEvmAddress(input)).toMatchObject({ ok: false, code });
  });
});
