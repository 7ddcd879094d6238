import { bearerToken, formatApiKey, parseApiKey } from './api-key.ts';

describe('API keys', () => {
  const key = { mode: 'test', keyId: '0123456789abcdef', secret: 'f'.repeat(64) } as const;

  it('round-trips sk_<mode>_<key id>_<secret>', () => {
    const token = formatApiKey(key);
    expect(token).toBe(`sk_test_0123456789abcdef_${'f'.repeat(64)}`);
    expect(parseApiKey(token)).toEqual(key);
  });

  it('refuses anything else', () => {
    expect(parseApiKey(`sk_prod_0123456789abcdef_${'f'.repeat(64)}`)).toBeUndefined();
    expect(parseApiKey(`sk_test_0123456789abcdef_${'f'.repeat(63)}`)).toBeUndefined();
    expect(parseApiKey(`sk_test_0123456789ABCDEF_${'f'.repeat(64)}`)).toBeUndefined();
  });

  it('reads the bearer token of an Authorization header', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
