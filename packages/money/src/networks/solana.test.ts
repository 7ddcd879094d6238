import { validateSolanaAddress } from './solana.ts';

// Well-known mainnet accounts.
const USDC_MINT = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const SYSTEM_PROGRAM = '11111111111111111111111111111111';

describe('validateSolanaAddress', () => {
  it.each([USDC_MINT, TOKEN_PROGRAM])('accepts the 32-byte key %s unchanged', (address) => {
    expect(validateSolanaAddress(address)).toEqual({ ok: true, normalized: address });
  });

  it('refuses the all-zero key (the System Program id) as a destination', () => {
    expect(validateSolanaAddress(SYSTEM_PROGRAM)).toMatchObject({ ok: false, code: 'address_zero' });
  });

  it.each([
    [USDC_MINT.slice(0, 36), 'too short'],
    [`${USDC_MINT}1`, 'one leading-zero byte too many'],
    [`${USDC_MINT}EPjF`, 'too long'],
    ['1111111111111111111111111111111', '31 zero bytes'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'a Tron address (25 bytes)'],
  ])('refuses %s (%s) as address_length_invalid', (address) => {
    expect(validateSolanaAddress(address)).toMatchObject({ ok: false, code: 'address_length_invalid' });
  });

  it.each(['0', 'O', 'I', 'l', '+'])('refuses a key containing the non-base58 character %s', (char) => {
    const address = USDC_MINT.slice(0, -1) + char;
    expect(validateSolanaAddress(address)).toMatchObject({ ok: false, code: 'address_format_invalid' });
  });

  it('refuses empty input and surrounding whitespace', () => {
    expect(validateSolanaAddress('')).toMatchObject({ ok: false, code: 'address_empty' });
    expect(validateSolanaAddress(`${USDC_MINT} `)).toMatchObject({ ok: false, code: 'address_format_invalid' });
  });
});
