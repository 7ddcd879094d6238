import { allows, bearerToken, formatOperatorKey, parseOperatorKey } from './operator.ts';

describe('operator keys and roles', () => {
  it('round-trips a key and refuses malformed ones', () => {
    const key = { keyId: 'a'.repeat(16), secret: 'b'.repeat(64) };
    expect(parseOperatorKey(formatOperatorKey(key))).toEqual(key);
    expect(parseOperatorKey(`lop_${'a'.repeat(16)}_${'b'.repeat(63)}`)).toBeUndefined();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
  });

  it('lets only approvers approve and only operators request', () => {
    expect(allows(['viewer'], 'read')).toBe(true);
    expect(allows(['viewer'], 'request')).toBe(false);
    expect(allows(['operator'], 'approve')).toBe(false);
    expect(allows(['approver'], 'approve')).toBe(true);
  });
});
