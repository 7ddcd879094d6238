import { operatorFor, operatorKeyEntry, parseOperatorKeys } from './operator-key.ts';

describe('operator keys', () => {
  it('matches a presented key by its hash and names it', () => {
    const keys = parseOperatorKeys(
      `${operatorKeyEntry('ops1', 'first-key')},${operatorKeyEntry('ops2', 'second-key')}`,
    );
    if (typeof keys === 'string') throw new Error(keys);
    expect(operatorFor(keys, 'second-key')).toBe('ops2');
    expect(operatorFor(keys, 'first-key')).toBe('ops1');
    expect(operatorFor(keys, 'guess')).toBeNull();
    expect(operatorFor([], 'first-key')).toBeNull();
  });

  it('refuses plaintext or malformed entries', () => {
    expect(parseOperatorKeys('ops1:plaintext-key')).toMatch(/SHA-256/);
    expect(parseOperatorKeys('')).toEqual([]);
  });
});
