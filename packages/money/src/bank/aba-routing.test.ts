import { validateAbaRouting } from './aba-routing.ts';

describe('validateAbaRouting', () => {
  // JPMorgan Chase (New York) and the Federal Reserve Bank of Boston.
  it.each(['021000021', '011000015'])('accepts %s', (routing) => {
    expect(validateAbaRouting(routing)).toEqual({ ok: true, normalized: routing });
  });

  it.each([
    ['021000022', 'address_checksum_invalid'],
    ['011000016', 'address_checksum_invalid'],
    ['02100002', 'address_length_invalid'],
    ['0210000210', 'address_length_invalid'],
    ['02100002a', 'address_format_invalid'],
    ['021-000-021', 'address_format_invalid'],
    ['000000000', 'address_zero'],
    // The 3-7-1 sum is 20, so the checksum passes, but prefix 50 was never issued.
    ['500000005', 'address_format_invalid'],
    ['', 'address_empty'],
    [21000021, 'address_format_invalid'],
    [null, 'address_empty'],
  ])('refuses %p as %s', (routing, code) => {
    expect(validateAbaRouting(routing)).toMatchObject({ ok: false, code });
  });
});
