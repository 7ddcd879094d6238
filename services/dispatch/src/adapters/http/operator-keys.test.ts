import { MIN_TOKEN_CHARS, operatorKeyEntry, parseOperatorKeys, verifyOperator } from './operator-keys.ts';

const TOKEN_A = 'opk_a'.padEnd(MIN_TOKEN_CHARS, 'a');
const TOKEN_B = 'opk_b'.padEnd(MIN_TOKEN_CHARS, 'b');

describe('operator keys', () => {
  const config = [operatorKeyEntry('alice', 'payout_support', TOKEN_A), operatorKeyEntry('bob', 'viewer', TOKEN_B)];

  test('entries hold only the token hash', () => {
    for (const entry of config) expect(entry).not.toContain(TOKEN_A.slice(5));
    expect(config[0]).toMatch(/^alice:payout_support:[0-9a-f]{64}$/);
  });

  test('a configured token resolves to its operator and role; others do not', () => {
    const parsed = parseOperatorKeys(config.join(','));
    if (!('keys' in parsed)) throw new Error('expected keys');
    expect(verifyOperator(parsed.keys, TOKEN_A)).toMatchObject({ operatorId: 'alice', role: 'payout_support' });
    expect(verifyOperator(parsed.keys, TOKEN_B)).toMatchObject({ operatorId: 'bob', role: 'viewer' });
    expect(verifyOperator(parsed.keys, `${TOKEN_A}x`)).toBeUndefined();
    expect(verifyOperator(parsed.keys, undefined)).toBeUndefined();
    expect(verifyOperator([], TOKEN_A)).toBeUndefined();
  });

  test('bad entries are named by position, never echoed', () => {
    const parsed = parseOperatorKeys(`alice:root:${'0'.repeat(64)}, nonsense-secret`);
    expect(parsed).toEqual({
      problems: ['entry 1: unknown role root', 'entry 2: expected <operator id>:<role>:<64 hex chars>'],
    });
  });

  test('an empty setting means no operators', () => {
    expect(parseOperatorKeys('')).toEqual({ keys: [] });
  });

  test('short tokens are refused', () => {
    expect(() => operatorKeyEntry('carol', 'admin', 'short')).toThrow(/at least/);
  });
});
