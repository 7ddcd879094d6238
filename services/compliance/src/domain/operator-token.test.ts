import { bearerToken, newOperatorToken, parseOperatorToken, secretMatches } from './operator-token.ts';

describe('operator tokens', () => {
  it('round-trips a fresh token and verifies only its own secret', () => {
    const { token, keyId, secretSha256 } = newOperatorToken();
    const parsed = parseOperatorToken(token);
    expect(parsed?.keyId).toBe(keyId);
    expect(secretMatches(parsed!.secret, secretSha256)).toBe(true);
    expect(secretMatches('0'.repeat(64), secretSha256)).toBe(false);
    expect(secretSha256.toString('hex')).not.toContain(parsed!.secret);
  });

  it('refuses malformed tokens and platform keys', () => {
    expect(parseOperatorToken(undefined)).toBeUndefined();
    expect(parseOperatorToken(`sk_test_${'a'.repeat(16)}_${'b'.repeat(64)}`)).toBeUndefined();
    expect(parseOperatorToken(`op_${'a'.repeat(15)}_${'b'.repeat(64)}`)).toBeUndefined();
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer op_x')).toBe('op_x');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
